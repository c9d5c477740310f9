/** The deploy role's committed policy grants what the stack needs. */
import { COMMITTED_POLICIES_FILE, readCommittedPolicies, REGENERATE_COMMAND } from "../../stacks/bootstrap/iam/committed-policies";
import { coverageGaps } from "../../stacks/bootstrap/iam/policy-coverage";
import * as path from "node:path";
import { stackRule } from "../rule";

export const deployPolicyGrantsPlan = stackRule({
  name: "deploy-policy-grants-plan",
  control: "platform: least-privilege deploy role",
  description: "The generated deploy policy grants every action the stack's resource types need, its roles' names and services, and its regions",
  check: ({ resources }) => {
    const committed = readCommittedPolicies();
    const file = path.relative(path.resolve(__dirname, "../.."), COMMITTED_POLICIES_FILE);
    return coverageGaps(resources, committed.deploy).map((gap) => ({
      urn: gap.urn,
      message: `${gap.message}. The deploy role's policy (${file}) is generated from the plans: run \`${REGENERATE_COMMAND}\` and review the diff`,
    }));
  },
});
