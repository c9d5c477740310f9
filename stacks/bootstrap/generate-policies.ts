/**
 * Generates the committed policies from the plans of the tenant folders: what
 * `npm run bootstrap -- --policies` writes to stacks/bootstrap/generated/aws-policies.json.
 */
import pikeData from "./iam/data/pike-aws-actions.json";
import { REGENERATE_COMMAND, type CommittedPolicies } from "./iam/committed-policies";
import { factsFromPlans } from "./iam/fleet-facts";
import { generatePolicies, MANAGED_POLICIES_PER_ROLE } from "./iam/policy-documents";
import { planFleets } from "./fleet-plans";

/** The folders whose tenants the policies cover: the fleet, and the samples CI plans. */
export const POLICY_TENANT_FOLDERS = ["tenants", "samples"] as const;

/** A set of policies IAM would refuse or a mapping with gaps: nothing is written. */
export class PolicyGenerationError extends Error {}

/** The policies the plans of `folders` need, as the committed file holds them. */
export async function policiesFromFolders(folders: readonly string[]): Promise<CommittedPolicies> {
  const facts = factsFromPlans(await planFleets(folders));
  const generated = generatePolicies(facts);
  if (generated.unknown.size > 0) {
    throw new PolicyGenerationError(`the IAM actions of these types are not known:\n  ${[...generated.unknown.values()].join("\n  ")}`);
  }
  for (const [role, documents] of [["deploy", generated.deploy], ["read", generated.read]] as const) {
    if (documents.length > MANAGED_POLICIES_PER_ROLE) {
      throw new PolicyGenerationError(`the ${role} policy needs ${documents.length} managed policies; a role takes ${MANAGED_POLICIES_PER_ROLE} (IAM quotas)`);
    }
  }
  return {
    generatedBy: REGENERATE_COMMAND,
    tenantFolders: [...folders],
    mapping: { ...pikeData.source, extra: "stacks/bootstrap/iam/data/extra-aws-actions.json", types: "stacks/bootstrap/iam/data/pulumi-terraform-types.json" },
    facts,
    deploy: generated.deploy,
    read: generated.read,
  };
}
