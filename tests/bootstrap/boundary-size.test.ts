/**
 * The tenant permissions boundary is one managed policy, so it must fit IAM's 6,144 characters
 * (white space not counted; IAM User Guide, reference_iam-quotas.html) with the longest state
 * backend ARNs; a fleet whose boundary would not fit stops the generator and the bootstrap with
 * an error naming the limit, the size and what to do.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { planFleets } from "../../tools/bootstrap/fleet-plans";
import { PolicyGenerationError, policiesFromPlans } from "../../tools/bootstrap/generate-policies";
import { readCommittedPolicies } from "../../policies/deploy-permissions/committed-policies";
import { INSTANCE_PROFILE, ROLE } from "../../policies/deploy-permissions/fleet-facts";
import { MANAGED_POLICY_MAX_CHARS, policySize } from "../../policies/deploy-permissions/policy-documents";
import { BoundarySizeError, boundarySizeProblem, LONGEST_STATE_BACKEND, tenantBoundaryPolicy } from "../../policies/deploy-permissions/tenant-boundary";
import type { TenantPlan } from "../../policies/plan-types";

const committed = readCommittedPolicies();

/** A fleet of `count` copies of a plan, each a tenant of its own with its own role names. */
function fleetOf(plan: TenantPlan, count: number): TenantPlan[] {
  return Array.from({ length: count }, (_, index) => {
    const tenant = `tenant-${String(index).padStart(3, "0")}-of-a-large-fleet`;
    const resources = plan.resources.map((resource) => (resource.type === ROLE || resource.type === INSTANCE_PROFILE
      ? { ...resource, inputs: { ...resource.inputs, name: `${tenant}-${resource.name}` } }
      : resource));
    return { ...plan, tenant, resources };
  });
}

describe("the tenant boundary's size", () => {
  let example: TenantPlan;
  beforeAll(async () => {
    example = (await planFleets(["samples"])).find((plan) => plan.tenant === "example")!;
  });

  it("fits a managed policy for the committed fleet with a 63-character state bucket and the longest key ARN", () => {
    expect(LONGEST_STATE_BACKEND.bucketArn).toMatch(/^arn:[a-z-]+:s3:::[a-z0-9.-]{63}$/);
    expect(LONGEST_STATE_BACKEND.keyArn).toMatch(/:key\/[a-z0-9-]{36}$/);
    expect(boundarySizeProblem(committed.facts)).toBeUndefined();
    const size = policySize(tenantBoundaryPolicy(committed.facts, LONGEST_STATE_BACKEND));
    expect(size).toBeGreaterThan(1000);
    expect(size).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
  });

  it("stops the bootstrap for a fleet too large for one boundary, naming the limit, the size and what to do", () => {
    const facts = { ...committed.facts, iamNamePrefixes: fleetOf(example, 200).map((plan) => `${plan.tenant}-`) };
    const problem = boundarySizeProblem(facts);
    expect(problem).toMatch(/^the tenant permissions boundary would be \d{4,5} characters \(white space not counted\) with 200 tenant role patterns; IAM takes at most 6144 in a managed policy/);
    expect(problem).toContain("split the fleet across AWS accounts");
    expect(() => tenantBoundaryPolicy(facts, LONGEST_STATE_BACKEND)).toThrow(BoundarySizeError);
  });

  it("stops the policy generator before it writes anything for such a fleet, and not for a fleet that fits", () => {
    expect(() => policiesFromPlans(fleetOf(example, 20), [], ["tenants"])).not.toThrow();
    expect(() => policiesFromPlans(fleetOf(example, 200), [], ["tenants"])).toThrow(PolicyGenerationError);
    expect(() => policiesFromPlans(fleetOf(example, 200), [], ["tenants"])).toThrow(/tenant permissions boundary would be \d+ characters/);
    // The deploy policy outgrows IAM first (at about 60 tenants its IAM statements alone pass the
    // size of a managed policy, against 135 to 170 tenants for the boundary).
    const deployProblems = () => policiesFromPlans(fleetOf(example, 100), [], ["tenants"]);
    expect(deployProblems).toThrow(/^the deploy policy's document 3 is \d{5} characters \(statements DeployIam\); IAM takes at most 6144 in a managed policy/);
    expect(deployProblems).toThrow(/the deploy policy needs \d+ managed policies; a role takes 10 \(IAM User Guide, reference_iam-quotas.html: 20 after a Service Quotas increase/);
  });
});
