/**
 * Every runbook's tenant-file snippets validate: each ```yaml block of docs/runbooks/*.md, merged
 * into a sample tenant, passes the tenant schema; a block that is no tenant file is marked
 * ```yaml not-a-tenant-file. A failure names the runbook, the line in it and the key.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runbookProblems, snippetProblems, yamlBlocks } from "../helpers/runbook-snippets";

const RUNBOOKS = "docs/runbooks";
const runbooks = readdirSync(RUNBOOKS).filter((f) => f.endsWith(".md")).sort().map((f) => path.join(RUNBOOKS, f));

describe("runbook snippets", () => {
  it.each(runbooks)("%s: every tenant-file snippet validates", (file) => {
    expect(runbookProblems(file).problems).toEqual([]);
  });

  it("finds the snippets (the offboarding runbook has one)", () => {
    expect(runbookProblems(path.join(RUNBOOKS, "offboard.md")).blocks).toBeGreaterThanOrEqual(1);
  });
});

describe("the snippet check", () => {
  const runbook = [
    "# Runbook",
    "",
    "1. Declare it:",
    "",
    "   ```yaml",
    "   database:",
    "     replacement: { allow: true, reason: short }",
    "   ```",
    "",
    "```yaml not-a-tenant-file",
    "config:",
    "  tenant-platform:tenantsDir: tenants",
    "```",
    "",
    "```yml sample=lifesum",
    "media: { corsOrigins: [https://app.example] }",
    "```",
    "",
  ].join("\n");

  it("reads the blocks with their line in the runbook, fence indentation removed", () => {
    expect(yamlBlocks(runbook).map((b) => ({ line: b.line, indent: b.indent, info: b.info, first: b.text.split("\n")[0] }))).toEqual([
      { line: 6, indent: 3, info: [], first: "database:" },
      { line: 11, indent: 0, info: ["not-a-tenant-file"], first: "config:" },
      { line: 16, indent: 0, info: ["sample=lifesum"], first: "media: { corsOrigins: [https://app.example] }" },
    ]);
  });

  it("names the runbook, the line and the key of a value the schema refuses", () => {
    const [bad, marked, media] = yamlBlocks(runbook);
    expect(snippetProblems("docs/runbooks/x.md", bad!)).toEqual([
      "docs/runbooks/x.md:7:42: database.replacement.reason: must say in a sentence why the database may be replaced (the block merged into samples/example.yaml)",
    ]);
    expect(snippetProblems("docs/runbooks/x.md", marked!)).toEqual([]);
    expect(snippetProblems("docs/runbooks/x.md", media!)).toEqual([]);
  });

  it("refuses an unknown key, a block that is not a mapping, and an unknown sample", () => {
    const check = (text: string, info: string[] = []) => snippetProblems("r.md", { line: 10, text, info });
    expect(check("offboarding: { reason: contract ended in November, reasn: x }\n")).toEqual([
      'r.md:10:59: offboarding.reasn: unknown key "reasn"; did you mean "reason"? allowed keys here: reason (the block merged into samples/example.yaml)',
    ]);
    expect(check("- a list\n")).toEqual([expect.stringContaining("r.md:10:1: a tenant file fragment is a mapping of sections")]);
    expect(check("web: {}\n", ["sample=nope"])).toEqual(["r.md:9:1: sample=nope: no sample tenant samples/nope.yaml"]);
  });
});
