/**
 * The deploy role's committed policy grants what the stack needs (policies/deploy-permissions/).
 *
 * - `deploy-policy-grants-plan` (mandatory): every action the stack's resource types need, the
 *   services its roles are passed to, the managed policies it attaches. A gap here fails a deploy
 *   of any tenant using the type.
 * - `deploy-policy-covers-tenant` (advisory): the tenant's own role and bucket names and regions. A new
 *   tenant has these gaps until the policies are regenerated with it, which its pull request does.
 */
import * as path from "node:path";
import { COMMITTED_POLICIES_FILE, readCommittedPolicies, REGENERATE_COMMAND } from "../deploy-permissions/committed-policies";
import { coverageGaps, type CoverageGap } from "../deploy-permissions/policy-coverage";
import { stackRule, type StackContext, type StackFinding } from "../rule";

function findings(scope: CoverageGap["scope"]): (context: StackContext) => StackFinding[] {
  return ({ resources, invokes }) => {
    const file = path.relative(path.resolve(__dirname, "../.."), COMMITTED_POLICIES_FILE);
    return coverageGaps(resources, readCommittedPolicies().deploy, invokes).filter((gap) => gap.scope === scope).map((gap) => ({
      urn: gap.urn,
      message: `${gap.message}. The deploy role's policy (${file}) is generated from the plans: run \`${REGENERATE_COMMAND}\` and review the diff`,
    }));
  };
}

export const deployPolicyGrantsPlan = stackRule({
  name: "deploy-policy-grants-plan",
  control: "platform: least-privilege deploy role",
  description: "The generated deploy policy grants every action the stack's resource types need, passes its roles only to the services they trust and attaches only its managed policies",
  check: findings("type"),
});

export const deployPolicyCoversTenant = stackRule({
  name: "deploy-policy-covers-tenant",
  control: "platform: least-privilege deploy role",
  description: "The generated deploy policy covers the tenant's own IAM role, instance profile and S3 bucket names and its regions",
  enforcementLevel: "advisory",
  check: findings("tenant"),
});
