/**
 * `plan`, `fleet` and `tenant:new` answer `--help` and refuse a wrong command line (options, paths)
 * without loading the Pulumi SDKs, the program or the policy pack, which take seconds: what their
 * entry files load at start reaches none of them. The work (planning, the fleet run) is loaded
 * with `import()` once the command line is accepted.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { heavyChains, importClosure, scratchFolder } from "../helpers/import-closure";

const ROOT = path.resolve(__dirname, "../..");

/** The command-line tools that check their command line before loading their work. */
const ENTRY_FILES = ["plan", "fleet", "tenant-new"].map((name) => path.join("tools", "cli", `${name}.ts`));

/** Packages that take seconds to load: every Pulumi SDK, the cloud SDKs, the compiler, database drivers. */
const HEAVY = ["@pulumi/", "@aws-sdk/", "typescript", "ts-node", "pg", "mysql2", "@electric-sql/pglite"];

/** Folders of the repository whose files load the SDKs or the policy pack (program/ is what `pulumi up` runs). */
const HEAVY_FOLDERS = ["program", "policies"];

const inHeavyFolder = (file: string) => HEAVY_FOLDERS.some((folder) => file.startsWith(`${folder}${path.sep}`));

describe("what the command-line tools load at start", () => {
  it("follows the imports loaded with a file, not type-only ones nor import() calls", () => {
    const { root, write } = scratchFolder("cli-start-closure-");
    write("start.ts", [
      'import type { A } from "./typed";',
      'import { type B } from "./named-type";',
      'export type { C } from "./reexported-type";',
      'import { light } from "./light";',
      'import { loaded, type D } from "./mixed";',
      'export const later = () => import("./later.js");',
      'export type E = import("./queried").E;',
    ].join("\n"));
    for (const file of ["typed", "named-type", "reexported-type", "later", "queried"]) write(`${file}.ts`, 'import * as pulumi from "@pulumi/pulumi";\n');
    write("light.ts", 'import * as path from "node:path";\n');
    write("mixed.ts", 'import { Bucket } from "@pulumi/aws/s3";\n');
    expect(importClosure(root, ["start.ts"], true).files.sort()).toEqual(["light.ts", "mixed.ts", "start.ts"]);
    expect(heavyChains(root, ["start.ts"], HEAVY, true)).toEqual(["start.ts -> mixed.ts imports @pulumi/aws/s3"]);
    // Without the restriction, every form is followed.
    expect(importClosure(root, ["start.ts"]).files.sort()).toEqual(["later.ts", "light.ts", "mixed.ts", "named-type.ts", "queried.ts", "reexported-type.ts", "start.ts", "typed.ts"]);
  });

  it.each(ENTRY_FILES)("of %s reaches no Pulumi or cloud SDK, nor the program or the policy pack", (entry) => {
    expect(heavyChains(ROOT, [entry], HEAVY, true)).toEqual([]);
    const { files } = importClosure(ROOT, [entry], true);
    expect(files).toContain(entry);
    expect(files.filter(inHeavyFolder)).toEqual([]);
  });

  it("is what a spawned `plan --help` loads: no @pulumi module", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "cli-start-loaded-"));
    const record = path.join(folder, "record.cjs");
    const loaded = path.join(folder, "loaded.json");
    // Preloaded into the process: writes the modules it loaded when it exits.
    writeFileSync(record, `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(Object.keys(require.cache))));\n`);
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ["--require", record, "--import", "tsx", path.join(ROOT, "tools", "cli", "plan.ts"), "--help"], { cwd: ROOT, timeout: 60_000 }, (error, stdout) => (error ? reject(new Error(`plan --help failed: ${error.message}`)) : resolve(stdout)));
    });
    expect(out).toContain("usage:");
    const modules = JSON.parse(readFileSync(loaded, "utf8")) as string[];
    expect(modules).toContain(path.join(ROOT, "tools", "cli", "plan.ts"));
    expect(modules.filter((file) => file.includes(`${path.sep}node_modules${path.sep}@pulumi${path.sep}`))).toEqual([]);
  });
});
