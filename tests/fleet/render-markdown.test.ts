/** The fleet report's Markdown: groups of identical changes, outliers, stateful steps first, cost, marker, and the size budget. */
import { describe, expect, it } from "vitest";
import type { ResourceChange, TenantChanges } from "../../tools/fleet/changes";
import { groupFleet } from "../../tools/fleet/group-changes";
import { COMMENT_BUDGET, costLine, GITHUB_COMMENT_LIMIT, OFFLINE_MARKER, PREVIEW_MARKER, renderMarkdown, renderMarkdownReport } from "../../tools/fleet/render-markdown";
import type { FleetReport, TenantReport } from "../../tools/fleet/report";
import { engineReplacement, generatedFleet, idOf, sharedUpdates, tenantReport } from "./helpers/generated-fleet";

function change(kind: ResourceChange["kind"], type: string, name: string, stateful = false, keys: string[] = []): ResourceChange {
  return { urn: `urn:pulumi:t::tenant-platform::${type}::${name}`, type, name, kind, stateful, protect: false, keys };
}

function tenant(id: string, resources: ResourceChange[], extra: Partial<TenantReport> = {}): TenantReport {
  const counts: Record<string, number> = { same: 10 };
  for (const r of resources) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  const changes: TenantChanges = { counts, resources, policies: [], errors: [] };
  return { tenant: id, status: "succeeded", changes, ...extra };
}

const acmeChanges = [
  change("replace", "aws:rds/instance:Instance", "acme-db", true, ["engine"]),
  change("delete", "aws:ec2/route:Route", "acme-route"),
  change("create", "aws:ec2/subnet:Subnet", "acme-private-c"),
  change("update", "aws:autoscaling/group:Group", "acme-web", false, ["maxSize"]),
];
const acme = tenant("acme", acmeChanges, {
  cost: { before: { min: 100, max: 100, unknownCount: 0 }, after: { min: 112.5, max: 112.5, unknownCount: 0 }, currency: "USD" },
  changes: {
    counts: { replace: 1, delete: 1, create: 1, update: 1, same: 10 },
    resources: acmeChanges,
    policies: [{ policy: "rds-protected", level: "mandatory", message: "the database must be protected", urn: "urn:pulumi:acme::tenant-platform::aws:rds/instance:Instance::acme-db" }],
    errors: [],
  },
});

const count = (text: string, part: string) => text.split(part).length - 1;

describe("renderMarkdown", () => {
  it("lists the disruptive in-place changes of a tenant, and no section without them", () => {
    const warned = tenant("acme", [change("update", "aws:rds/instance:Instance", "acme-db", true, ["instanceClass"])]);
    const withWarning = { ...warned, changes: { ...warned.changes, warnings: ["aws:rds:Instance acme-db: the class changes | in the window"] } };
    const text = renderMarkdown({ operation: "offline plan", tenants: [withWarning] }, { marker: OFFLINE_MARKER });
    expect(text).toContain("**Disruptive changes (1):**\n\n- aws:rds:Instance acme-db: the class changes \\| in the window\n");
    expect(renderMarkdown({ operation: "offline plan", tenants: [warned] })).not.toContain("Disruptive changes");
  });

  it("starts with the hidden marker, lists stateful, replaced and deleted steps first, stateful in bold, and tabulates tenants", () => {
    const text = renderMarkdown({ operation: "preview", tenants: [acme, tenant("calm", [])] });
    const lines = text.split("\n");
    expect(lines[0]).toBe(PREVIEW_MARKER);
    expect(lines[1]).toBe("## Fleet preview: 2 tenants");
    expect(text).toContain("**Summary:** 0 tenant(s) in 0 group(s) of identical changes, 1 with changes of their own, 0 failed or not run, 1 without changes.");
    expect(text).toContain("| acme | ok | 1 | 1 | 1 | 1 | 10 | 1 (1 mandatory) | $100.00 → $112.50 (+$12.50) |");
    expect(text).toContain("### Stateful, replaced or deleted (2)\n\n- **replace `aws:rds:Instance` `acme-db` (stateful) — forced by: `engine`** — in `acme`\n- delete `aws:ec2:Route` `acme-route` — in `acme`\n");
    expect(text).toContain("- [mandatory] `rds-protected` on `acme-db`: the database must be protected");
    expect(text).toContain("Estimated cost: $100.00 → $112.50 per month (+$12.50)");
    expect(text).toMatch(/<details><summary>All changes \(4\)<\/summary>\n\n```diff\n\+- replace aws:rds:Instance acme-db \[engine\]/);
    expect(text.indexOf("### Stateful, replaced or deleted")).toBeLessThan(text.indexOf("### acme: ok"));
    expect(text).toContain("**Without changes (1):** calm");
    expect(text).not.toContain("Shortened");
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
});

describe("the fleet summary's groups", () => {
  it("groups 99 tenants with the same 4 updates once, shows the one outlier with its replacement in full, and the stateful steps first", () => {
    const fleet = generatedFleet(100, 42);
    const text = renderMarkdown({ operation: "offline plan", tenants: fleet }, { marker: OFFLINE_MARKER });
    expect(text.length).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(text).toContain("**Summary:** 99 tenant(s) in 1 group(s) of identical changes, 1 with changes of their own, 0 failed or not run, 0 without changes.");
    const heading = "### Group 1: the same 4 updates in 99 tenants";
    expect(text).toContain(heading);
    const ids = Array.from({ length: 100 }, (_, i) => idOf(i)).filter((id) => id !== "t042");
    expect(text).toContain(`Tenants: ${ids.join(", ")}\n`);
    // The steps once, relative to the tenant, with the values every tenant shares.
    const group = text.slice(text.indexOf(heading));
    expect(count(group, "- update `aws:ec2:LaunchTemplate` `{tenant}-web` — keys: `instanceType: \"t4g.small\" => \"t4g.medium\"`")).toBe(1);
    // Values of each tenant's own (the template's id, its zone) read relative to it, so they do not split the group.
    expect(group).toContain("- update `aws:autoscaling:Group` `{tenant}-web` — keys: `launchTemplate: {\"id\":\"{id of LaunchTemplate {tenant}-web}\",\"version\":\"1\"} => [unknown]`");
    expect(group).toContain("- update `cloudflare:index:DnsRecord` `{tenant}-www` — keys: `comment: \"www.{zone}: served by {tenant}-alb\" => \"www.{zone}: served by {tenant}-alb (tenant-platform)\"`");
    // The group's stateful step is listed once, at the top.
    expect(count(text, "`{tenant}-db`")).toBe(1);
    expect(group).toContain("**Stateful, replaced or deleted (1):** listed above");
    // The disruption warning once, relative to the tenant, for all of them.
    expect(group).toContain("**Disruptive changes (1):**\n\n- aws:autoscaling:Group {tenant}-web: its launch template {tenant}-web gets a new version");
    expect(group).toContain("Estimated cost change per tenant: +$120.00 to +$160.00 per month");
    // The outlier in full, one by one.
    expect(text).toContain("**Changes of their own (1):** t042, one by one below.");
    expect(text).toContain("### t042: ok\n\n**Stateful, replaced or deleted (1):** listed above, under \"Stateful, replaced or deleted\".");
    expect(count(text, "`t042-db`")).toBe(1);
    // Stateful and replacement steps first, never hidden in the group.
    const first = text.indexOf("### Stateful, replaced or deleted (2)");
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(text.indexOf("### t042"));
    expect(text).toContain("- **update `aws:rds:Instance` `{tenant}-db` (stateful, protected) — keys: `instanceClass: \"db.t4g.medium\" => \"db.t4g.large\"`** — in the 99 tenants of group 1");
    expect(text).toContain("- **replace `aws:rds:Instance` `t042-db` (stateful, protected) — forced by: `engine: \"mysql\" => \"postgres\"`** — in `t042`");
  });

  it("splits on a value several tenants share and keeps a value only one tenant has out of the identity", () => {
    const withType = (index: number, type: string): TenantReport => {
      const id = idOf(index);
      const [db, group, template, record] = sharedUpdates(id, index);
      return tenantReport(id, [db!, group!, { ...template!, values: [{ field: "instanceType", before: "t4g.small", after: type }] }, record!], {}, index);
    };
    const fleet = [withType(0, "t4g.medium"), withType(1, "t4g.medium"), withType(2, "t4g.medium"), withType(3, "t4g.large"), withType(4, "t4g.large"), withType(5, "t4g.xlarge")];
    const groups = groupFleet(fleet);
    expect(groups.groups.map((g) => g.tenants.map((t) => t.tenant))).toEqual([["t000", "t001", "t002"], ["t003", "t004"]]);
    expect(groups.outliers.map((t) => t.tenant)).toEqual(["t005"]);
    // The tenant id inside a value is read relative to the tenant: the comment is shared, the hostname is each tenant's own.
    const relative = groupFleet([tenantReport("aaa", sharedUpdates("aaa", 1), {}, 1), tenantReport("bbb", sharedUpdates("bbb", 2), {}, 2)]);
    expect(relative.groups).toHaveLength(1);
    expect(relative.groups[0]!.steps.find((s) => s.name === "{tenant}-web" && s.type.includes("LaunchTemplate"))!.fields[0]).toEqual({ field: "instanceType", before: "t4g.small", after: "t4g.medium" });
    expect(relative.groups[0]!.steps.find((s) => s.name === "{tenant}-www")!.fields[0]!.after).toBe("www.{zone}: served by {tenant}-alb (tenant-platform)");
    // Without the tenants' own values named, the hostname and the template id differ: no group hides them.
    const unnamed = groupFleet([tenantReport("aaa", sharedUpdates("aaa", 1)), tenantReport("bbb", sharedUpdates("bbb", 2))]);
    expect(unnamed.groups).toEqual([]);
  });

  it("never groups failed tenants, and lists tenants without changes in one line", () => {
    const failed = tenantReport("t001", sharedUpdates("t001", 1), {}, 1);
    const advised = tenant("quiet", [], { changes: { counts: { same: 10 }, resources: [], errors: [], policies: [{ policy: "tags", level: "advisory", message: "a tag is missing" }] } });
    const refused = tenant("loud", [], { changes: { counts: { same: 10 }, resources: [], errors: [], policies: [{ policy: "rds-protected", level: "mandatory", message: "the database must be protected" }] } });
    const fleet = [tenantReport("t000", sharedUpdates("t000", 0), {}, 0), { ...failed, status: "failed" as const, error: "pulumi up would fail" }, tenantReport("t002", sharedUpdates("t002", 2), {}, 2), tenant("calm", []), advised, refused];
    const groups = groupFleet(fleet);
    expect(groups.groups.map((g) => g.tenants.map((t) => t.tenant))).toEqual([["t000", "t002"]]);
    expect(groups.failed.map((t) => t.tenant)).toEqual(["t001"]);
    // An advisory finding alone is no change; a mandatory one is shown with its tenant.
    expect(groups.unchanged.map((t) => t.tenant)).toEqual(["calm", "quiet"]);
    expect(groups.outliers.map((t) => t.tenant)).toEqual(["loud"]);
    expect(renderMarkdown({ operation: "offline plan", tenants: fleet })).toContain("**Without changes (2):** calm, quiet");
  });
});

describe("the comment's size budget", () => {
  /** A fleet whose tenants all differ (each changes its own rules), one with a stateful replacement at the end. */
  function distinctFleet(size: number, rules: number): TenantReport[] {
    return Array.from({ length: size }, (_, i) => {
      const id = idOf(i);
      const resources = Array.from({ length: rules }, (_, r) => change("update", "aws:ec2/securityGroupRule:SecurityGroupRule", `rule-${i}-${r}`, false, ["cidrBlocks", "description"]));
      return tenantReport(id, i === size - 1 ? [engineReplacement(id), ...resources] : resources);
    });
  }

  it("keeps the whole report in the comment while it fits", () => {
    const rendered = renderMarkdownReport({ operation: "preview", tenants: generatedFleet(100, 42) });
    expect(rendered.full).toBeUndefined();
    expect(rendered.comment).toContain("### Per tenant");
  });

  it("shortens a report over the budget, says so, links the full report and keeps the stateful steps and outliers", () => {
    const report: FleetReport = { operation: "preview", tenants: distinctFleet(150, 12) };
    const rendered = renderMarkdownReport(report, { fullReportLink: "preview.full.md" });
    expect(rendered.full!.length).toBeGreaterThan(COMMENT_BUDGET);
    expect(rendered.comment.length).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(COMMENT_BUDGET).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(rendered.comment).toMatch(/> \*\*Shortened:\*\* the full report has [\d,]+ characters, more than the 60,000 this comment keeps \(GitHub refuses comments over 65,536\)\. .*\[the full report\]\(preview\.full\.md\)/);
    expect(rendered.comment).toContain("- **replace `aws:rds:Instance` `t149-db` (stateful, protected) — forced by: `engine: \"mysql\" => \"postgres\"`** — in `t149`");
    expect(rendered.comment.indexOf("Shortened")).toBeLessThan(rendered.comment.indexOf("### Stateful, replaced or deleted"));
    expect(rendered.comment).not.toContain("### Per tenant");
    expect(rendered.comment).not.toContain("<details>");
    expect(rendered.comment).toContain("### t149: ok");
    // The full report has everything.
    expect(rendered.full).toContain("### Per tenant");
    expect(count(rendered.full!, "<details><summary>All changes (12)</summary>")).toBe(149);
  });

  it("cuts the end of a report whose outliers alone are over the budget, the stateful steps still first", () => {
    const report: FleetReport = { operation: "preview", tenants: distinctFleet(400, 3).reverse() };
    const rendered = renderMarkdownReport(report, { limit: 30_000, fullReportLink: "x.full.md" });
    expect(rendered.comment.length).toBeLessThanOrEqual(30_000);
    expect(rendered.comment).toContain("- **replace `aws:rds:Instance` `t399-db` (stateful, protected)");
    expect(rendered.comment).toContain("[the full report](x.full.md)");
    expect(rendered.comment.trimEnd().endsWith("_Cut here to fit the comment's budget: the full report has the rest._")).toBe(true);
  });
});
