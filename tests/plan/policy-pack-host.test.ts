/**
 * The policy pack as `pulumi preview --policy-pack policies` runs it: the real run-policy-pack
 * started the way the language host starts an analyzer (tests/helpers/language-host/), asked
 * over gRPC for its policies and for an analysis of a tenant's planned resources.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planTenant, PROJECT } from "../../tools/plan/run-plan";
import type { TenantPlan } from "../../policies/plan-types";
import { ALL_RULES } from "../../policies/all-rules";
import { startPolicyPack } from "../helpers/language-host/policy-pack-host";
import { editPlan } from "../helpers/edit-plan";
import { removeTempFolders, tempFolder } from "../helpers/temp-tenants";

const PACK = path.resolve("policies");
let plan: TenantPlan;

beforeAll(async () => {
  plan = await planTenant("roadiz", "samples");
}, 120_000);
afterAll(removeTempFolders);

describe("the policy pack under the Pulumi CLI's analyzer host", () => {
  it("loads from its own folder, serves every rule, and finds nothing mandatory in a reference tenant", async () => {
    const pack = await startPolicyPack(PACK, { project: PROJECT, stack: "roadiz", config: { [`${PROJECT}:tenantsDir`]: "samples" } });
    try {
      expect((await pack.policies()).sort()).toEqual(ALL_RULES.map((rule) => rule.name).sort());
      const diagnostics = await pack.analyzeStack(plan);
      expect(diagnostics.filter((diagnostic) => diagnostic.mandatory)).toEqual([]);
      // Resource rules run only in Analyze, once per resource.
      expect((await pack.analyzeEach(plan)).filter((diagnostic) => diagnostic.mandatory)).toEqual([]);
      const database = plan.resources.find((r) => r.type === "aws:rds/instance:Instance" && !r.inputs["replicateSourceDb"])!;
      const unencrypted = editPlan(plan, database.urn, (inputs) => ({ ...inputs, storageEncrypted: false }));
      // (Analyze's diagnostics carry no URN: the engine knows which resource it asked about.)
      expect((await pack.analyzeEach(unencrypted)).filter((d) => d.mandatory).map((d) => d.policy)).toEqual(["rds-storage-encrypted"]);
    } finally {
      pack.stop();
    }
  }, 300_000);

  it("reads the tenant file from the stack's tenantsDir, not a fixed folder", async () => {
    const dir = tempFolder();
    // The same tenant, whose file in another folder asks for a standby the plan does not have.
    const original = fs.readFileSync(path.join("samples", "roadiz.yaml"), "utf8");
    expect(original).not.toMatch(/standby/);
    fs.writeFileSync(path.join(dir, "roadiz.yaml"), original.replace("  instanceClass: db.t4g.medium\n", "  instanceClass: db.t4g.medium\n  standby: true\n"));
    const pack = await startPolicyPack(PACK, { project: PROJECT, stack: "roadiz", config: { [`${PROJECT}:tenantsDir`]: dir } });
    try {
      const diagnostics = await pack.analyzeStack(plan);
      expect(diagnostics.map((diagnostic) => diagnostic.policy)).toContain("rds-multi-az-as-declared");
    } finally {
      pack.stop();
    }
  }, 300_000);
});
