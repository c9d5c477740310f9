/**
 * The instances' way to the data tier: the AWS provider revokes AWS's allow-all egress on every
 * security group it creates, so the instance group needs an egress rule to the database's and the
 * cache's port, naming exactly their groups. Adding the rules leaves every existing resource as
 * it was (a rule added, no group replaced).
 */
import { afterEach, describe, expect, it } from "vitest";
import type { TenantPlan } from "../../policies/plan-types";
import { idOf, named } from "../helpers/plan-queries";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";
import { ofType, planYaml, removeTempFolders } from "../helpers/temp-tenants";

afterEach(removeTempFolders);

const SG = "aws:ec2/securityGroup:SecurityGroup";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

/** Egress rules of a group, as `protocol/port -> destination`. */
function egressOf(plan: TenantPlan, groupName: string): string[] {
  const groupId = idOf(plan, named(plan, SG, groupName));
  const names = new Map(ofType(plan, SG).map((g) => [idOf(plan, g), g.name]));
  return ofType(plan, EGRESS)
    .filter((rule) => rule.inputs["securityGroupId"] === groupId)
    .map((rule) => `${String(rule.inputs["ipProtocol"])}/${String(rule.inputs["fromPort"])}-${String(rule.inputs["toPort"])} -> ${
      names.get(rule.inputs["referencedSecurityGroupId"] as string) ?? String(rule.inputs["cidrIpv4"])}`)
    .sort();
}

describe("instances to the data tier", () => {
  it("reach the database and cache ports of exactly their groups (web and workers share the group)", async () => {
    const plan = await planYaml("acme", dataTenantYaml(MYSQL, ["nodeType: cache.t4g.small"]));
    expect(egressOf(plan, "acme-instances")).toEqual([
      "tcp/3306-3306 -> acme-db",
      "tcp/443-443 -> 0.0.0.0/0",
      "tcp/6379-6379 -> acme-cache",
    ]);
    expect(egressOf(plan, "acme-db")).toEqual([]);
    expect(egressOf(plan, "acme-cache")).toEqual([]);
  });

  it("reach PostgreSQL on 5432", async () => {
    const plan = await planYaml("acme", dataTenantYaml(["engine: postgres", 'version: "16"', "instanceClass: db.t4g.medium"]));
    expect(egressOf(plan, "acme-instances")).toContain("tcp/5432-5432 -> acme-db");
  });

  it("are rule resources of their own: no group holds inline rules for them to rewrite", async () => {
    const plan = await planYaml("acme", dataTenantYaml(MYSQL, ["nodeType: cache.t4g.small"]));
    const added = plan.resources.filter((r) => r.type === EGRESS && /-(db|cache)-client-\d+-out$/.test(r.name));
    expect(added.map((r) => r.name).sort()).toEqual(["acme-cache-client-1-out", "acme-db-client-1-out"]);
    // The groups themselves carry no inline rules, so the new rule resources never rewrite them.
    for (const group of ofType(plan, SG)) expect(group.inputs["egress"], group.name).toBeUndefined();
  });
});
