/** What makes tenants' changes "identical": only values that come from the tenant read as its own; every other difference splits. */
import { describe, expect, it } from "vitest";
import type { ResourceChange } from "../../tools/fleet/changes";
import { groupFleet, relativeToTenant } from "../../tools/fleet/group-changes";
import { renderMarkdownReport } from "../../tools/fleet/render-markdown";
import { renderFleetReview } from "../../tools/fleet/render-review-text";
import type { TenantReport } from "../../tools/fleet/report";
import { sharedUpdates, tenantReport } from "./helpers/generated-fleet";

/** A security-group ingress rule whose CIDR changes from 10.0.0.0/16 to `after`. */
function cidrChange(tenant: string, after: string): TenantReport {
  const name = `${tenant}-web-ingress`;
  const change: ResourceChange = {
    urn: `urn:pulumi:${tenant}::tenant-platform::aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::${name}`,
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name, kind: "update", stateful: false, protect: false,
    keys: ["cidrIpv4"], values: [{ field: "cidrIpv4", before: "10.0.0.0/16", after }],
  };
  return tenantReport(tenant, [change], { warnings: [] });
}

const ids = (tenants: readonly TenantReport[]) => tenants.map((t) => t.tenant);

describe("the fleet review's groups", () => {
  it("never groups tenants whose values differ where the difference is not the tenant's own", () => {
    const fleet = [cidrChange("alpha", "10.1.0.0/16"), cidrChange("bravo", "10.2.0.0/16"), cidrChange("charlie", "0.0.0.0/0")];
    const groups = groupFleet(fleet);
    expect(groups.groups).toEqual([]);
    expect(ids(groups.outliers)).toEqual(["alpha", "bravo", "charlie"]);
    // Two tenants with different values: not one group either.
    expect(groupFleet(fleet.slice(0, 2)).groups).toEqual([]);
    // The terminal shows charlie's value, and the comment names charlie as a tenant with changes of its own.
    expect(renderFleetReview("HEAD", fleet)).toContain("charlie: 1 to update\n  ~  aws:vpc:SecurityGroupIngressRule charlie-web-ingress  update\n        cidrIpv4: \"10.0.0.0/16\" => \"0.0.0.0/0\"");
    const comment = renderMarkdownReport({ operation: "offline plan", tenants: fleet }).comment;
    expect(comment).toContain("**Summary:** 0 tenant(s) in 0 group(s) of identical changes, 3 with changes of their own");
    // The same value in two tenants groups them.
    const same = groupFleet([cidrChange("alpha", "10.1.0.0/16"), cidrChange("bravo", "10.1.0.0/16"), cidrChange("charlie", "0.0.0.0/0")]);
    expect(same.groups.map((g) => ids(g.tenants))).toEqual([["alpha", "bravo"]]);
    expect(ids(same.outliers)).toEqual(["charlie"]);
  });

  it("reads a tenant id that is an ordinary word only where it starts a name", () => {
    expect(relativeToTenant("web-web", "web")).toBe("{tenant}-web");
    expect(relativeToTenant("www.web.example: served by web-alb", "web")).toBe("www.{tenant}.example: served by {tenant}-alb");
    expect(relativeToTenant("acme-web", "web")).toBe("acme-web");
    const fleet = ["acme", "shop", "web"].map((id, i) => tenantReport(id, sharedUpdates(id, i), {}, i));
    const groups = groupFleet(fleet);
    expect(groups.groups.map((g) => ids(g.tenants))).toEqual([["acme", "shop", "web"]]);
    expect(groups.outliers).toEqual([]);
  });

  it("keeps tenants with errors out of groups and lists the notes of a group's tenants", () => {
    const withNote = (id: string, i: number, note: string, errors: string[] = []): TenantReport => ({ ...tenantReport(id, sharedUpdates(id, i), { errors }, i), notes: [note] });
    const fleet = [
      withNote("t000", 0, "compared with t000.yaml at HEAD (planned with the current code)"),
      withNote("t001", 1, "t001.yaml did not validate at HEAD; every resource is shown as new"),
      { ...withNote("t002", 2, "compared with t002.yaml at HEAD (planned with the current code)", ["the provider refused the update"]), status: "drifted" as const },
    ];
    const groups = groupFleet(fleet);
    expect(groups.groups.map((g) => ids(g.tenants))).toEqual([["t000", "t001"]]);
    expect(ids(groups.outliers)).toEqual(["t002"]);
    const text = renderMarkdownReport({ operation: "offline plan", tenants: fleet }).comment;
    expect(text).toContain("> {tenant}.yaml did not validate at HEAD; every resource is shown as new (in t001: 1 of 2)");
    expect(text).toContain("> compared with {tenant}.yaml at HEAD (planned with the current code) (in t000: 1 of 2)");
    expect(text).toContain("### t002: **drifted**");
    expect(text).toContain("- the provider refused the update");
    expect(renderFleetReview("HEAD", fleet)).toContain("  note: {tenant}.yaml did not validate at HEAD; every resource is shown as new (in t001: 1 of 2)");
  });

  it("lists each stateful, replaced or deleted step once in the terminal, and counts it where the tenant or group is shown", () => {
    const fleet = [0, 1, 2].map((i) => tenantReport(`t00${i}`, sharedUpdates(`t00${i}`, i), {}, i));
    const outlier = tenantReport("t009", [{ ...sharedUpdates("t009", 9)[0]!, kind: "replace" }], {}, 9);
    const text = renderFleetReview("HEAD", [...fleet, outlier]);
    expect(text.split("aws:rds:Instance {tenant}-db").length - 1).toBe(1);
    expect(text.split("aws:rds:Instance t009-db").length - 1).toBe(1);
    expect(text.split("1 stateful, replaced or deleted: listed above").length - 1).toBe(2);
  });
});
