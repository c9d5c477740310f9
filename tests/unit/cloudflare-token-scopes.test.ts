/**
 * docs/fleet.md lists the Cloudflare token permissions of every Cloudflare resource the program
 * creates: a new resource type without a row fails here. Types are found as the code constructs
 * them (`new cloudflare.<Type>(`).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "../helpers/import-graph";

const ROOT = path.resolve(__dirname, "../..");

/** Cloudflare resource types the code constructs, providers aside. */
function cloudflareTypesIn(files: readonly string[]): string[] {
  const types = new Set<string>();
  for (const file of files) for (const match of readFileSync(file, "utf8").matchAll(/new cloudflare\.([A-Z][A-Za-z]+)\(/g)) types.add(match[1]!);
  types.delete("Provider");
  return [...types].sort();
}

describe("the documented Cloudflare token", () => {
  const table = readFileSync(path.join(ROOT, "docs/fleet.md"), "utf8").split("### Cloudflare token")[1]?.split("\n## ")[0] ?? "";

  it("has a row for every Cloudflare resource type the program creates", () => {
    const types = cloudflareTypesIn(sourceFiles(ROOT, ["components", "program"]).map((source) => path.join(ROOT, source)));
    expect(types.length).toBeGreaterThan(10);
    expect(types.filter((type) => !table.includes(`\`cloudflare.${type}\``))).toEqual([]);
  });

  it("finds a type the table lacks", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "cf-types-")), "component.ts");
    writeFileSync(file, 'new cloudflare.SpectrumApplication("app", {});\nnew cloudflare.Provider("p", {});\n');
    expect(cloudflareTypesIn([file])).toEqual(["SpectrumApplication"]);
    expect(table.includes("`cloudflare.SpectrumApplication`")).toBe(false);
  });
});
