/**
 * The folder a stack's program reads its tenant file from, as the CLI configures it: the stack's
 * `<project>:tenantsDir` in `Pulumi.<stack>.yaml` next to `Pulumi.yaml`, else the project's
 * `config.tenantsDir.default` (pulumi/pulumi sdk/go/common/workspace/project.go: project config
 * defaults apply to every stack; a stack file's value overrides them). The fleet driver selects
 * tenants from `--dir`, and the program then reads `<tenantsDir>/<stack>.yaml`: when the two
 * differ, the driver would deploy a file other than the one it selected.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

interface ProjectSettings {
  readonly name?: string;
  readonly config?: Record<string, { default?: unknown } | undefined>;
}

/** `tenantsDir` for `stack` in the project at `projectDir`, resolved to an absolute path. */
export function stackTenantsDir(projectDir: string, stack: string): string {
  const projectFile = path.join(projectDir, "Pulumi.yaml");
  // Without a project file the CLI cannot run at all; the driver's own checks report that later.
  const project = (existsSync(projectFile) ? (parse(readFileSync(projectFile, "utf8")) ?? {}) : {}) as ProjectSettings;
  let dir = typeof project.config?.["tenantsDir"]?.default === "string" ? project.config["tenantsDir"].default : "tenants";
  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (existsSync(stackFile)) {
    const settings = (parse(readFileSync(stackFile, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const value = settings.config?.[`${project.name}:tenantsDir`];
    if (typeof value === "string") dir = value;
  }
  return path.resolve(projectDir, dir);
}

/**
 * The selected tenants whose stack reads its tenant file from another folder than `dir` (the
 * driver's `--dir`), as lines naming both folders; empty when they agree.
 */
export function tenantsDirMismatches(projectDir: string, dir: string, tenants: readonly string[]): string[] {
  const selected = path.resolve(projectDir, dir);
  return tenants.flatMap((stack) => {
    const read = stackTenantsDir(projectDir, stack);
    if (read === selected) return [];
    return [`${stack}: selected from ${path.relative(projectDir, selected) || "."}/, but its stack reads ${path.relative(projectDir, read) || "."}/${stack}.yaml (tenantsDir)`];
  });
}
