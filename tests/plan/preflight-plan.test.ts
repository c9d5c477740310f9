/**
 * The preflight pack over real plans: a fully featured tenant (28-character id, PostgreSQL with a
 * standby and two replicas, Redis, three zones, workers) meets every API constraint, and a plan
 * whose primary let RDS manage its password is refused, as RDS would refuse its replicas.
 */
import { afterEach, describe, expect, it } from "vitest";
import { runRules } from "../../policies/run-offline";
import { PREFLIGHT_RULES } from "../../policies/preflight";
import type { TenantPlan } from "../../policies/plan-types";
import { dataTenantYaml } from "../helpers/data-tenant";
import { editPlan } from "../helpers/edit-plan";
import { planYaml, removeTempFolders } from "../helpers/temp-tenants";

afterEach(removeTempFolders);

const ID = "a-tenant-id-of-28-characters";
const YAML = dataTenantYaml(
  ["engine: postgres", 'version: "16"', "instanceClass: db.r7g.large", "standby: true", "readReplicas: 2", "storage: { allocatedGiB: 100, maxGiB: 100 }"],
  ["engine: redis", "nodeType: cache.r7g.large", "replica: true"],
)
  .replace("zones: 2", "zones: 3")
  .replace("  scaling: { min: 2, max: 6 }", "  scaling: { min: 2, max: 6 }\n  workers: { command: [worker] }\n  logRetentionDays: 14");

const found = (plan: TenantPlan) => runRules(plan, PREFLIGHT_RULES).map((v) => `${v.rule}: ${v.urn.split("::").pop()}: ${v.message}`);

describe("preflight over a plan", () => {
  it("finds nothing in a fully featured tenant", async () => {
    expect(ID).toHaveLength(28);
    const plan = await planYaml(ID, YAML);
    expect(plan.resources.filter((r) => r.type === "aws:rds/instance:Instance")).toHaveLength(3);
    // The rules see real values: the launch templates' user data is in the plan, base64-encoded.
    const templates = plan.resources.filter((r) => r.type === "aws:ec2/launchTemplate:LaunchTemplate");
    expect(templates).toHaveLength(2);
    for (const template of templates) expect(Buffer.from(String(template.inputs["userData"]), "base64").toString("utf8")).toMatch(/^#cloud-config\n/);
    expect(found(plan)).toEqual([]);
  });

  it("refuses replicas of a primary whose password RDS manages", async () => {
    const plan = await planYaml(ID, YAML);
    const managed = editPlan(plan, { type: "aws:rds/instance:Instance", name: `${ID}-db` }, (inputs) => ({ ...inputs, manageMasterUserPassword: true, password: undefined }));
    expect(found(managed)).toEqual([1, 2].map((n) =>
      `rds-replica-source-password: ${ID}-db-replica-${n}: RDS cannot create this read replica: its source ${ID}-db manages its master password in Secrets Manager (manageMasterUserPassword); keep the password outside RDS (password) instead`));
  });
});
