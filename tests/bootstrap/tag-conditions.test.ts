/**
 * The deploy policy's tag scoping: the actions whose resource condition keys (kept in
 * policies/deploy-permissions/data/tag-condition-keys.json, from the Service Authorization Reference)
 * include aws:ResourceTag get the condition managed-by = tenant-platform, the tag the tenants'
 * provider puts on every resource; no other action gets it.
 */
import { describe, expect, it } from "vitest";
import { readCommittedPolicies } from "../../policies/deploy-permissions/committed-policies";
import type { PolicyStatement } from "../../policies/deploy-permissions/policy-documents";
import { MANAGED_BY_TAG, TAG_CONDITION_KEYS, supportsResourceTag } from "../../policies/deploy-permissions/tag-conditions";
import { tenantTags } from "../../program/providers";
import { loadTenantFile } from "../../tenant-schema/load-tenant";

const deployStatements: PolicyStatement[] = readCommittedPolicies().deploy.flatMap((document) => [...document.Statement]);
const tagScoped = (statement: PolicyStatement) => statement.Condition?.["StringEquals"]?.["aws:ResourceTag/managed-by"] !== undefined;

describe("the deploy policy's tag conditions", () => {
  it("limit the cited deletions and changes to resources tagged managed-by = tenant-platform, and grant them nowhere without it", () => {
    const cited = ["ec2:DeleteSecurityGroup", "ec2:DeleteLaunchTemplate", "ec2:ModifyLaunchTemplate", "rds:DeleteDBInstance", "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:DeleteListener", "elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:ModifyTargetGroup"];
    for (const action of cited) {
      const granting = deployStatements.filter((statement) => statement.Action.includes(action));
      expect(granting.length, action).toBeGreaterThan(0);
      for (const statement of granting) expect(statement.Condition?.["StringEquals"]?.["aws:ResourceTag/managed-by"], action).toEqual(["tenant-platform"]);
    }
  });

  it("are given to exactly the actions whose kept reference entry lists aws:ResourceTag, none other", () => {
    const scoped = deployStatements.filter(tagScoped).flatMap((statement) => statement.Action);
    const unscoped = deployStatements.filter((statement) => !tagScoped(statement)).flatMap((statement) => statement.Action);
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.filter((action) => !supportsResourceTag(action))).toEqual([]);
    expect(unscoped.filter((action) => supportsResourceTag(action))).toEqual([]);
    expect(unscoped).toContain("rds:ModifyDBInstance");
    expect(unscoped).toContain("elasticache:DeleteReplicationGroup");
  });

  it("follow the data: an action listed without the resource tag key, or not listed, is not scoped", () => {
    const table = {
      "rds:DeleteDBInstance": { resourceTypes: ["db"], conditionKeys: ["aws:ResourceTag/${TagKey}"], page: "p", taggedOnCreate: "t" },
      "rds:CreateDBInstance": { resourceTypes: ["db"], conditionKeys: ["aws:RequestTag/${TagKey}", "aws:TagKeys"], page: "p", taggedOnCreate: "t" },
    };
    expect(supportsResourceTag("rds:DeleteDBInstance", table)).toBe(true);
    expect(supportsResourceTag("rds:CreateDBInstance", table)).toBe(false);
    expect(supportsResourceTag("rds:ModifyDBInstance", table)).toBe(false);
    for (const [action, entry] of Object.entries(TAG_CONDITION_KEYS)) expect(entry.page, action).toMatch(/^list_[a-z0-9]+\.html/);
  });

  it("match the tag the tenants' provider puts on every resource", () => {
    const loaded = loadTenantFile("samples/example.yaml");
    if (!loaded.ok) throw new Error("samples/example.yaml does not load");
    expect(tenantTags(loaded.tenant.spec)[MANAGED_BY_TAG.key]).toBe(MANAGED_BY_TAG.value);
  });
});
