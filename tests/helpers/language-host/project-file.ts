/**
 * Reads a Pulumi project (`Pulumi.yaml`) or policy pack (`PulumiPolicy.yaml`) the way the Pulumi
 * CLI does, and derives what the engine hands the Node.js language host: the program directory
 * (`--pwd`), the entry point, the runtime options and the configuration.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** What the CLI reads from a project file. */
export interface ProjectFile {
  /** Folder holding the project file (the engine's "root"). */
  readonly root: string;
  /** `name` (projects only; policy packs have none). */
  readonly name?: string;
  /** `main`, as written. */
  readonly main?: string;
  /** `runtime.options` (typescript, tsconfig, nodeargs, packagemanager). */
  readonly options: Record<string, unknown>;
  /** `config` defaults of the project: key -> default value. */
  readonly configDefaults: Record<string, unknown>;
}

export function readProjectFile(root: string, fileName: "Pulumi.yaml" | "PulumiPolicy.yaml"): ProjectFile {
  const document = parse(fs.readFileSync(path.join(root, fileName), "utf8")) as Record<string, unknown>;
  const runtime = document["runtime"];
  const options = typeof runtime === "object" && runtime !== null ? ((runtime as { options?: Record<string, unknown> }).options ?? {}) : {};
  const configDefaults: Record<string, unknown> = {};
  for (const [key, declaration] of Object.entries((document["config"] as Record<string, unknown> | undefined) ?? {})) {
    if (typeof declaration === "object" && declaration !== null && "default" in declaration) {
      configDefaults[key] = (declaration).default;
    } else if (typeof declaration !== "object") {
      configDefaults[key] = declaration;
    }
  }
  return {
    root,
    name: typeof document["name"] === "string" ? document["name"] : undefined,
    main: typeof document["main"] === "string" ? document["main"] : undefined,
    options,
    configDefaults,
  };
}

/**
 * The program directory and entry point the engine passes to the language host, as
 * `getPwdMain` in pulumi/pulumi `pkg/engine/project.go` computes them: no `main` runs the root
 * with entry point "."; a `main` folder runs that folder with "."; a `main` file runs its folder
 * with the file's base name. A `main` that does not exist is an error, as in the CLI.
 */
export function pwdAndMain(root: string, main: string | undefined): { pwd: string; main: string } {
  if (!main) return { pwd: root, main: "." };
  const resolved = path.isAbsolute(main) ? main : path.normalize(path.join(path.normalize(root), main));
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch (error) {
    throw new Error(`project 'main' could not be read: ${(error as Error).message}`, { cause: error });
  }
  return stat.isDirectory() ? { pwd: resolved, main: "." } : { pwd: path.dirname(resolved), main: path.basename(resolved) };
}

/**
 * The environment the language host gives the program: the CLI's own environment plus the
 * variables `execRuntime`/`RunPlugin` add in pulumi/pulumi
 * `sdk/nodejs/cmd/pulumi-language-nodejs/main.go` (`typescript` defaults to true in
 * `parseOptions`; `tsconfig` becomes PULUMI_NODEJS_TSCONFIG_PATH).
 */
export function runtimeEnvironment(project: ProjectFile): Record<string, string> {
  const env: Record<string, string> = {};
  if (project.options["typescript"] !== false) env["PULUMI_NODEJS_TYPESCRIPT"] = "true";
  if (typeof project.options["tsconfig"] === "string") env["PULUMI_NODEJS_TSCONFIG_PATH"] = project.options["tsconfig"];
  return env;
}

/**
 * The stack's configuration as the CLI sends it: the project's `config` defaults under
 * `<project>:<key>`, overridden by the stack file `Pulumi.<stack>.yaml` next to the project file.
 * Values are strings (objects as JSON), as in PULUMI_CONFIG.
 */
export function stackConfig(project: ProjectFile, stack: string): Record<string, string> {
  const config: Record<string, string> = {};
  const put = (key: string, value: unknown): void => {
    const qualified = key.includes(":") ? key : `${project.name}:${key}`;
    config[qualified] = typeof value === "string" ? value : JSON.stringify(value);
  };
  for (const [key, value] of Object.entries(project.configDefaults)) put(key, value);
  const stackFile = path.join(project.root, `Pulumi.${stack}.yaml`);
  if (fs.existsSync(stackFile)) {
    const document = parse(fs.readFileSync(stackFile, "utf8")) as { config?: Record<string, unknown> } | null;
    for (const [key, value] of Object.entries(document?.config ?? {})) {
      if (typeof value === "object" && value !== null && "secure" in value) continue; // ciphertext: needs the secrets provider
      put(key, value);
    }
  }
  return config;
}
