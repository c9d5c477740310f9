/** The comment's last-resort cut: at a line, never inside a code block, saying what it dropped. */
import { describe, expect, it } from "vitest";
import { cutMarkdown } from "../../tools/fleet/cut-markdown";
import { renderMarkdownReport } from "../../tools/fleet/render-markdown";
import type { TenantReport } from "../../tools/fleet/report";
import { engineReplacement, idOf, tenantReport } from "./helpers/generated-fleet";

const HEADING = "### Stateful, replaced or deleted";

describe("cutMarkdown", () => {
  it("cuts at a line and closes a code block left open", () => {
    const text = ["# report", "", "```", "error: line one", "error: line two", "error: line three", "```", "", "after"].join("\n");
    const cut = cutMarkdown(text, 110, HEADING);
    expect(cut.length).toBeLessThanOrEqual(110);
    expect(cut).toBe("# report\n\n```\nerror: line one\n```\n\n_Cut here to fit the comment's budget: the full report has the rest._\n");
    expect(cut.split("```").length - 1).toBe(2);
  });

  it("says how many stateful, replaced or deleted steps did not fit", () => {
    const items = Array.from({ length: 5 }, (_, i) => `- **replace \`aws:rds:Instance\` \`t00${i}-db\` (stateful)** — in \`t00${i}\``);
    const text = ["# report", "", `${HEADING} (5)`, "", ...items, "", "### t000: ok"].join("\n");
    const cut = cutMarkdown(text, 350, HEADING);
    expect(cut.length).toBeLessThanOrEqual(350);
    const kept = items.filter((i) => cut.includes(i)).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(5);
    expect(cut).toContain(`_Cut here to fit the comment's budget: ${5 - kept} stateful, replaced or deleted step(s) of the list above are not shown; the full report has the rest._`);
  });
});

describe("the fleet comment cut to its budget", () => {
  it("never ends inside a failed tenant's error block, and counts the stateful steps it drops", () => {
    const failed = (i: number): TenantReport => ({ ...tenantReport(idOf(i), [engineReplacement(idOf(i))]), status: "failed", error: Array.from({ length: 30 }, (_, l) => `error line ${l} of ${idOf(i)}`).join("\n") });
    const fleet = Array.from({ length: 200 }, (_, i) => failed(i));
    const rendered = renderMarkdownReport({ operation: "preview", tenants: fleet }, { limit: 20_000 });
    const comment = rendered.comment;
    expect(comment.length).toBeLessThanOrEqual(20_000);
    // Fences come in pairs: the cut line is outside any code block.
    expect(comment.split("\n").filter((l) => l.startsWith("```")).length % 2).toBe(0);
    const shown = comment.split("\n").filter((l) => l.startsWith("- **replace")).length;
    expect(shown).toBeLessThan(200);
    expect(comment).toContain(`${200 - shown} stateful, replaced or deleted step(s) of the list above are not shown`);
    expect(comment.trimEnd().endsWith("the full report has the rest._")).toBe(true);
  });
});
