/** The tenant file README.md shows under "A tenant file" validates exactly as written. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTenant } from "../../tenant-schema/load-tenant";
import { formatIssues } from "../../tenant-schema/spec-issue";

/** The first YAML block after a heading of README.md. */
function yamlBlockAfter(heading: string): string {
  const readme = readFileSync("README.md", "utf8");
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, `README.md has no heading "${heading}"`).toBeGreaterThanOrEqual(0);
  const block = /```yaml\n([\s\S]*?)```/.exec(readme.slice(start));
  expect(block, `no yaml block after "${heading}"`).not.toBeNull();
  return block![1]!;
}

describe("README.md", () => {
  it("shows a sample tenant file that validates as written", () => {
    const result = parseTenant("tenants/acme.yaml", Buffer.from(yamlBlockAfter("## A tenant file")));
    expect(result.ok ? "" : formatIssues(result.issues)).toBe("");
  });
});
