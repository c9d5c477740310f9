/**
 * `role-trusts-only-services`: a tenant's IAM role may be assumed only by AWS services.
 *
 * The deploy role creates roles named `<tenant>-*` with the tenant boundary, but IAM has no
 * condition key on a role's trust policy (Service Authorization Reference,
 * list_awsidentityandaccessmanagementiam.html: iam:CreateRole and iam:UpdateAssumeRolePolicy take
 * only the tag and boundary keys), so the deploy policy cannot stop a deploy from writing a trust
 * policy that names another AWS account, a federated identity or everyone. This rule does it
 * before the deploy.
 *
 * Every role the components create trusts a service (ec2, lambda, monitoring.rds, backup,
 * vpc-flow-logs, s3). Data exchange partners get no role: the exporter grants the partner's
 * account in the export bucket's and key's policies (components/data-exchange/exchange-policies.ts),
 * so no tenant role needs another account in its trust policy, and none is let through. The
 * bootstrap's roles (trusted by GitHub's OIDC provider and by the workflow roles) are not tenant
 * roles: the pack checks the tenant stacks, not the bootstrap project.
 *
 * Principal forms (IAM User Guide, reference_policies_elements_principal.html): `"*"`, or an
 * object whose keys are `AWS`, `Service`, `Federated` or `CanonicalUser`, each a string or a list.
 * `NotPrincipal` cannot be used in a role trust policy at all (reference_policies_elements_notprincipal.html,
 * "Key points"). Only `Allow` statements grant; a `Deny` statement's principals are not trusted.
 */
import { resourceRule } from "../rule";
import { known } from "../stack-view";
import { policyStatements, statementValues } from "./policy-documents";
import { record, strings } from "./values";

const ROLE = "aws:iam/role:Role";

/** The only principal type a tenant role's trust policy may name. */
const TRUSTED_PRINCIPAL_TYPE = "Service";

/** What one Allow statement of a trust policy lets assume the role besides services. */
function untrustedPrincipals(statement: Record<string, unknown>, index: number): string[] {
  const sid = statement["Sid"];
  const where = `statement ${typeof sid === "string" && sid !== "" ? `"${sid}"` : index}`;
  const found: string[] = [];
  if (statement["NotPrincipal"] !== undefined) {
    found.push(`${where} uses NotPrincipal (everyone but the named principals; IAM refuses it in a trust policy)`);
  }
  const principal = statement["Principal"];
  if (principal === undefined) return found;
  if (typeof principal === "string") {
    found.push(`${where} trusts Principal ${JSON.stringify(principal)}`);
    return found;
  }
  for (const [type, value] of Object.entries(record(principal))) {
    if (type === TRUSTED_PRINCIPAL_TYPE) continue;
    const names = strings(value);
    found.push(`${where} trusts ${type} ${names.length > 0 ? names.join(", ") : JSON.stringify(value)}`);
  }
  return found;
}

export const roleTrustsOnlyServices = resourceRule({
  name: "role-trusts-only-services",
  control: "platform: least-privilege deploy role",
  description: "Every IAM role a tenant creates can be assumed only by AWS services (trust policy Principal.Service): no other account, federated identity, \"*\" or NotPrincipal",
  types: [ROLE],
  check: ({ props }) => {
    const document = known(props, "assumeRolePolicy");
    if (document === undefined) return [];
    const statements = policyStatements(document);
    if (statements.length === 0) return ["the trust policy (assumeRolePolicy) cannot be read as a policy document with statements"];
    const found = statements.flatMap((statement, index) => (statementValues(statement, "Effect").includes("Allow") ? untrustedPrincipals(statement, index) : []));
    return found.map((what) => `${what}: a tenant role may be assumed only by AWS services (Principal.Service); the deploy policy cannot stop another account from being trusted, so this check does`);
  },
});
