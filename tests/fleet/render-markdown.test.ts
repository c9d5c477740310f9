/** The Markdown report: order, bold stateful changes, cost, marker and trimming under the limit. */
import { describe, expect, it } from "vitest";
import type { ResourceChange, TenantChanges } from "../../stacks/fleet/changes";
import { costLine, OFFLINE_MARKER, PREVIEW_MARKER, renderMarkdown } from "../../stacks/fleet/render-markdown";
import type { FleetReport, TenantReport } from "../../stacks/fleet/report";

function change(kind: ResourceChange["kind"], type: string, name: string, stateful = false, keys: string[] = []): ResourceChange {
  return { urn: `urn:pulumi:t::tenant-platform::${type}::${name}`, type, name, kind, stateful, protect: false, keys };
}

function tenant(id: string, resources: ResourceChange[], extra: Partial<TenantReport> = {}): TenantReport {
  const counts: Record<string, number> = { same: 10 };
  for (const r of resources) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  const changes: TenantChanges = { counts, resources, policies: [], errors: [] };
  return { tenant: id, status: "succeeded", changes, ...extra };
}

const acme = tenant("acme", [
  change("replace", "aws:rds/instance:Instance", "acme-db", true, ["engine"]),
  change("delete", "aws:ec2/route:Route", "acme-route"),
  change("create", "aws:ec2/subnet:Subnet", "acme-private-c"),
  change("update", "aws:autoscaling/group:Group", "acme-web", false, ["maxSize"]),
], {
  cost: { before: { min: 100, max: 100, unknownCount: 0 }, after: { min: 112.5, max: 112.5, unknownCount: 0 }, currency: "USD" },
  changes: {
    counts: { replace: 1, delete: 1, create: 1, update: 1, same: 10 },
    resources: [
      change("replace", "aws:rds/instance:Instance", "acme-db", true, ["engine"]),
      change("delete", "aws:ec2/route:Route", "acme-route"),
      change("create", "aws:ec2/subnet:Subnet", "acme-private-c"),
      change("update", "aws:autoscaling/group:Group", "acme-web", false, ["maxSize"]),
    ],
    policies: [{ policy: "rds-protected", level: "mandatory", message: "the database must be protected", urn: "urn:pulumi:acme::tenant-platform::aws:rds/instance:Instance::acme-db" }],
    errors: [],
  },
});

describe("renderMarkdown", () => {
  it("lists the disruptive in-place changes of a tenant, and no section without them", () => {
    const warned = tenant("acme", [change("update", "aws:rds/instance:Instance", "acme-db", true, ["instanceClass"])]);
    const withWarning = { ...warned, changes: { ...warned.changes, warnings: ["aws:rds:Instance acme-db: the class changes | in the window"] } };
    const text = renderMarkdown({ operation: "offline plan", tenants: [withWarning] }, { marker: OFFLINE_MARKER });
    expect(text).toContain("**Disruptive changes (1):**\n\n- aws:rds:Instance acme-db: the class changes \\| in the window\n");
    expect(renderMarkdown({ operation: "offline plan", tenants: [warned] })).not.toContain("Disruptive changes");
  });

  it("starts with the hidden marker, tabulates tenants and calls out replacements and deletions first, stateful in bold", () => {
    const text = renderMarkdown({ operation: "preview", tenants: [acme, tenant("calm", [])] });
    const lines = text.split("\n");
    expect(lines[0]).toBe(PREVIEW_MARKER);
    expect(lines[1]).toBe("## Fleet preview: 2 tenants");
    expect(text).toContain("| acme | ok | 1 | 1 | 1 | 1 | 10 | 1 (1 mandatory) |");
    const called = lines.filter((l) => l.startsWith("- ") || l.startsWith("- **"));
    expect(called[0]).toBe("- **replace `aws:rds:Instance` `acme-db` (stateful) — forced by: `engine`**");
    expect(called[1]).toBe("- delete `aws:ec2:Route` `acme-route`");
    expect(text).toContain("- [mandatory] `rds-protected` on `acme-db`: the database must be protected");
    expect(text).toContain("Estimated cost: $100.00 → $112.50 per month (+$12.50)");
    expect(text).toMatch(/<details><summary>All changes \(4\)<\/summary>\n\n```diff\n\+- replace aws:rds:Instance acme-db \[engine\]/);
    expect(text.indexOf("Replaced or deleted")).toBeLessThan(text.indexOf("<details>"));
    expect(text).not.toContain("Trimmed");
  });

  it("renders unknown costs as unknown, failures with their reason, offboardings and the offline marker", () => {
    expect(costLine({ before: null, after: { min: 20, max: 20, unknownCount: 0 }, currency: "USD" })).toBe("Estimated cost: unknown → $20.00 per month");
    expect(costLine({ currency: "USD" })).toBe("Estimated cost: unknown per month");
    expect(costLine({ after: { min: 5, max: 5, unknownCount: 0 }, currency: "USD" })).toBe("Estimated cost: $5.00 per month");
    // Ranges from the scaling minimum to the maximum, and lower bounds when a price is unknown.
    expect(costLine({ before: { min: 10, max: 30, unknownCount: 0 }, after: { min: 12.5, max: 35, unknownCount: 1 }, currency: "USD" }))
      .toBe("Estimated cost: $10.00–$30.00 → at least $12.50–$35.00 per month (+$2.50 to +$5.00)");
    const failed = tenant("beta", [], { status: "failed", error: "error: access denied" });
    const text = renderMarkdown({ operation: "offline plan", tenants: [failed], offboarded: ["gone"] }, { marker: OFFLINE_MARKER });
    expect(text.startsWith(`${OFFLINE_MARKER}\n## Fleet offline plan: 1 tenant, 1 failed`)).toBe(true);
    expect(text).toContain("### beta: **failed**\n\n```\nerror: access denied\n```");
    expect(text).toContain("the tenant file of `gone` was deleted");
    expect(renderMarkdown({ operation: "preview", tenants: [] })).toContain("No tenant is affected.");
  });

  function huge(id: string, count: number): TenantReport {
    const resources = Array.from({ length: count }, (_, i) => change(i % 50 === 0 ? "replace" : "update", "aws:ec2/securityGroupRule:SecurityGroupRule", `${id}-rule-${String(i).padStart(5, "0")}`, i % 100 === 0, ["cidrBlocks", "description"]));
    return tenant(id, resources);
  }

  it("stays under the limit by shortening the collapsed change lists first, and says so", () => {
    const report: FleetReport = { operation: "preview", tenants: [huge("big", 3000), huge("small", 10), acme] };
    const text = renderMarkdown(report);
    expect(text.length).toBeLessThanOrEqual(65_000);
    expect(text).toContain("_Trimmed to fit GitHub's comment limit: the full change lists of big were shortened.");
    expect(text).toMatch(/# … \d+ more line\(s\) trimmed/);
    // Everything that matters is still there: every replacement of big, small's whole list, acme's bold line.
    expect(text.match(/- \*\*replace|- replace/g)?.length).toBeGreaterThanOrEqual(60 + 1);
    expect(text).toContain("small-rule-00009");
    expect(text).toContain("- **replace `aws:rds:Instance` `acme-db` (stateful) — forced by: `engine`**");
  });

  it("drops the change lists, then shortens the replacement lists, for reports that are still too long", () => {
    const report: FleetReport = { operation: "preview", tenants: Array.from({ length: 40 }, (_, i) => huge(`t${i}`, 3000)) };
    const text = renderMarkdown(report, { limit: 30_000 });
    expect(text.length).toBeLessThanOrEqual(30_000);
    expect(text).not.toContain("<details>");
    expect(text).toContain("the full change lists were left out");
    expect(text).toMatch(/at most \d+ replacements and deletions are listed per tenant/);
    expect(text).toMatch(/- … and \d+ more \(trimmed\)/);
  });
});
