/** The plan command's paths checked before any work: outputs it could not write, inputs it would overwrite. */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { CommandError } from "../command-line";
import { inputFolderProblem, isWithin, outputFileProblem, outputFolderProblem, realPathOf } from "../plan/output-paths";

/** True when a command-line target is a path to a file rather than a tenant id. */
export function isPathTarget(target: string): boolean {
  return target.endsWith(".yaml") || target.endsWith(".yml") || target.includes("/");
}

/**
 * Refuses, before any work, output paths the command could not write and a tenant folder it could
 * not read; and any output that would land (through links too) on an input, the tenant file or the
 * policy configuration, or in the tenant folder, whose every entry must be a tenant file.
 */
export function checkOutputs(values: { dir?: string; json?: string; mermaid?: string; markdown?: string; "json-dir"?: string; "policy-config"?: string }, positionals: readonly string[]): void {
  const problems: string[] = [];
  const dir = values.dir ?? "tenants";
  const realDir = realPathOf(dir) ?? path.resolve(dir);
  const inputs = [
    ...positionals.map((target) => ({ file: isPathTarget(target) ? target : path.join(dir, `${target}.yaml`), what: "the tenant file" })),
    ...(values["policy-config"] === undefined ? [] : [{ file: values["policy-config"], what: "the policy configuration (--policy-config)" }]),
  ];
  const collision = (output: string): string | undefined => {
    const real = realPathOf(output);
    if (real === undefined) return undefined;
    const input = inputs.find(({ file }) => realPathOf(file) === real);
    if (input) return `is ${input.what} ${input.file}; write the output elsewhere`;
    if (isWithin(real, realDir)) return `is inside the tenant folder ${dir}, which holds only tenant files; write the output elsewhere`;
    return undefined;
  };
  const jsonDir = values["json-dir"];
  const folderProblem = jsonDir === undefined ? undefined : outputFolderProblem(jsonDir) ?? collision(jsonDir);
  if (folderProblem) problems.push(`--json-dir ${jsonDir}: ${folderProblem}`);
  // The folder --json-dir names is created by the run, so a file may go into it (CI: --markdown .plan/summary.md).
  const intoJsonDir = (file: string) => jsonDir !== undefined && !folderProblem && path.resolve(path.dirname(file)) === path.resolve(jsonDir);
  for (const flag of ["json", "mermaid", "markdown"] as const) {
    const file = values[flag];
    const problem = file === undefined ? undefined : (intoJsonDir(file) && !existsSync(jsonDir!) ? undefined : outputFileProblem(file)) ?? collision(file);
    if (problem) problems.push(`--${flag} ${file}: ${problem}`);
  }
  const dirProblem = values.dir === undefined ? undefined : inputFolderProblem(values.dir);
  if (dirProblem) problems.push(`--dir ${values.dir}: ${dirProblem}; it names the tenant folder`);
  if (problems.length > 0) throw new CommandError(`${problems.join("\n")}\nnothing planned`, 2);
}
