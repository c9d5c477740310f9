/**
 * Most test files share a process with the files run before them (vitest.config.mts): a file that
 * changes process-wide state must be listed in vitest.config.mts's ISOLATED to get a fresh one.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "../helpers/import-graph";

const ROOT = path.resolve(__dirname, "../..");

/**
 * What makes a file change the state the next file in its process sees, and why. Environment
 * variables set with `vi.stubEnv` and spies made with `vi.spyOn` are not on the list: the setup
 * file undoes the variables at each file's end and vitest restores the spies after each file
 * (tests/setup/restore-process.ts; tests/unit/process-restore.test.ts runs two such files in one process).
 */
const PROCESS_STATE_PATTERNS: ReadonlyArray<{ readonly pattern: RegExp; readonly why: string }> = [
  { pattern: /\b(setMocks|setMockOptions|setAllConfig|setConfig)\(/, why: "sets the Pulumi runtime's mocks or configuration by hand, outside the offline plan" },
  { pattern: /\bvi\.stubGlobal\(|\bvi\.setSystemTime\(/, why: "replaces a global or the clock" },
  { pattern: /\bvi\.(mock|doMock)\(/, why: "replaces a module, which the next file would import from the shared module cache" },
  { pattern: /process\.env(\[[^\]]+\]|\.\w+)?\s*=[^=]|delete process\.env|Object\.assign\(process\.env\b/, why: "writes environment variables directly (vi.stubEnv would be undone at the file's end)" },
  { pattern: /process\.chdir\(|process\.exitCode\s*=[^=]|vi\.useFakeTimers\(/, why: "changes the process (its working directory, its exit code, its clock)" },
];

/** The files whose text matches one of {@link PROCESS_STATE_PATTERNS}, each with the first reason. */
function filesChangingProcessState(files: ReadonlyArray<{ readonly file: string; readonly text: string }>): Map<string, string> {
  const found = new Map<string, string>();
  for (const { file, text } of files) {
    const match = PROCESS_STATE_PATTERNS.find(({ pattern }) => pattern.test(text));
    if (match) found.set(file, match.why);
  }
  return found;
}

/** The list vitest.config.mts runs in fresh processes, read from the config's text. */
function isolatedInConfig(): string[] {
  const text = readFileSync(path.join(ROOT, "vitest.config.mts"), "utf8");
  const list = /const ISOLATED = \[([^\]]*)\]/.exec(text);
  if (!list) throw new Error("vitest.config.mts has no `const ISOLATED = [...]`");
  return [...list[1]!.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
}

const ISOLATED = isolatedInConfig();

describe("test files that change process-wide state", () => {
  // This file names the patterns in its own examples.
  const self = path.relative(ROOT, __filename);
  const tests = sourceFiles(ROOT, ["tests"]).filter((file) => file.endsWith(".test.ts") && file !== self);
  const found = filesChangingProcessState(tests.map((file) => ({ file, text: readFileSync(path.join(ROOT, file), "utf8") })));

  it("each run in a fresh process (listed in vitest.config.mts's ISOLATED)", () => {
    const unlisted = [...found].filter(([file]) => !ISOLATED.includes(file)).map(([file, why]) => `${file}: ${why}`);
    expect(unlisted).toEqual([]);
  });

  it("and the list names only such files, so it does not grow stale", () => {
    expect(ISOLATED.filter((file) => !found.has(file))).toEqual([]);
  });

  it("are found by what they do: mocks set by hand, a replaced module, an environment variable written, a spy on the process", () => {
    const examples = filesChangingProcessState([
      { file: "a", text: "pulumi.runtime.setMocks({" },
      { file: "b", text: 'vi.mock("../x", () => ({}))' },
      { file: "c", text: 'process.env["CLOUDFLARE_API_TOKEN"] = "t";' },
      { file: "d", text: "process.chdir(folder);" },
      { file: "e", text: 'if (process.env["CI"] === "true") planTenant("x");' },
      { file: "f", text: 'vi.stubEnv("CLOUDFLARE_API_TOKEN", "t"); vi.spyOn(process, "emitWarning");' },
    ]);
    expect([...examples.keys()]).toEqual(["a", "b", "c", "d"]);
  });
});
