/**
 * How the Node.js language host starts a process, in pulumi/pulumi
 * `sdk/nodejs/cmd/pulumi-language-nodejs/main.go`.
 */
import { execFileSync } from "node:child_process";

/**
 * `locateModule`: resolves `module` with `node -e "require.resolve(...)"` run in the program
 * directory, so it is found only where the program's own node_modules has it.
 */
export function locateModule(module: string, programDirectory: string): string {
  return execFileSync(process.execPath, ["-e", `console.log(require.resolve(${JSON.stringify(module)}))`], {
    cwd: programDirectory,
    encoding: "utf8",
  }).trim();
}

/**
 * The CLI's environment as a user's shell gives it: this process's, without what the test
 * runner or tsx add (the host passes `os.Environ()` on, which has none of them). PULUMI_*
 * variables a user sets (PULUMI_NODEJS_TRANSPILE_ONLY, say) pass, as they do through the CLI.
 */
export function cliEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(VITEST|TSX_|NODE_OPTIONS$|NODE_ENV$|TEST$)/.test(key)) continue;
    env[key] = value;
  }
  return env;
}
