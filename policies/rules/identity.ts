/** IAM and KMS rules: no administrator wildcards, keys rotate. */
import { resourceRule } from "../rule";
import { policyStatements, statementValues } from "./policy-documents";
import { records } from "./values";

const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";
const USER_POLICY = "aws:iam/userPolicy:UserPolicy";
const GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
const POLICY_ATTACHMENT_TYPES = ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/userPolicyAttachment:UserPolicyAttachment", "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment"];

/** True for an Allow of every action on every resource. */
function grantsEverything(statement: Record<string, unknown>): boolean {
  return statement["Effect"] === "Allow" && statementValues(statement, "Action").includes("*") && statementValues(statement, "Resource").includes("*");
}

/** The policy documents a resource carries: its `policy`, or a role's inline policies. */
function documentsOf(type: string, props: Record<string, unknown>): unknown[] {
  if (type === ROLE) return records(props["inlinePolicies"]).map((inline) => inline["policy"]);
  return [props["policy"]];
}

export const iamNoWildcardAdmin = resourceRule({
  name: "iam-no-wildcard-admin",
  control: "FSBP IAM.1, CIS 1.16",
  description: "No IAM policy (managed, inline or attached) allows every action on every resource",
  types: [ROLE_POLICY, POLICY, ROLE, USER_POLICY, GROUP_POLICY, ...POLICY_ATTACHMENT_TYPES],
  check: ({ type, props }) => {
    if (POLICY_ATTACHMENT_TYPES.includes(type)) {
      return String(props["policyArn"]).endsWith(":policy/AdministratorAccess") ? ["attaches AdministratorAccess (every action on every resource)"] : [];
    }
    return documentsOf(type, props).some((document) => policyStatements(document).some(grantsEverything))
      ? ['a statement allows Action "*" on Resource "*" (full administrator)'] : [];
  },
});

export const kmsRotation = resourceRule({
  name: "kms-key-rotation",
  control: "FSBP KMS.4, CIS 3.6",
  description: "Customer-managed KMS keys rotate yearly",
  types: ["aws:kms/key:Key"],
  check: ({ props }) => (props["enableKeyRotation"] !== true ? ["the key does not rotate: set enableKeyRotation"] : []),
});
