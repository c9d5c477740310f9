/**
 * The permissions boundary of every IAM role a deploy creates (the tenants' roles): the most their
 * policies can ever grant, whatever a deploy writes into them (IAM User Guide,
 * access_policies_boundaries.html: the effective permissions are the intersection of the
 * identity-based policies and the boundary). The deploy policy creates roles, and puts or attaches
 * policies on them, only with this boundary (`BOUNDED_IAM_ACTIONS` in policy-documents.ts) and
 * never removes it, so a deploy cannot make a role more powerful than the boundary:
 *
 * - no IAM (`iam:*`: no new users, roles, keys or policies, so no way to administrator), no
 *   Organizations or account settings, no STS (a tenant role is assumed by a service, it assumes
 *   nothing itself; sts:GetCallerIdentity needs no permission, STS API Reference,
 *   API_GetCallerIdentity.html);
 * - `iam:PassRole` only of the tenants' own roles and only to the services those roles trust
 *   (as the deploy policy passes them, `iam:PassedToService`), for a service that passes a tenant's
 *   role on (AWS Backup restoring with a tenant's role);
 * - nothing on the DIY state backend (its bucket, objects and key), by an explicit Deny.
 */
import { iamResourcePatterns } from "./policy-documents";

/** The state backend the boundary keeps tenant roles away from. */
export interface BoundaryStateBackend {
  readonly bucketArn: string;
  readonly keyArn: string;
}

/** What the boundary is derived from (the committed facts of the fleet). */
export interface BoundaryFacts {
  /** Name prefixes of the tenants' roles (`<tenant>-`). */
  readonly iamNamePrefixes: readonly string[];
  /** The services the tenants' roles trust. */
  readonly passRoleServices: readonly string[];
}

/** Services whose actions no tenant role may ever be given. */
export const BOUNDARY_EXCLUDED_SERVICES = ["iam", "organizations", "account", "sts"] as const;

/** The boundary policy document. */
export function tenantBoundaryPolicy(facts: BoundaryFacts, state?: BoundaryStateBackend) {
  const roles = iamResourcePatterns(facts.iamNamePrefixes).filter((arn) => arn.includes(":role/"));
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AllButAccountControl", Effect: "Allow", NotAction: BOUNDARY_EXCLUDED_SERVICES.map((service) => `${service}:*`), Resource: "*" },
      ...(roles.length > 0 && facts.passRoleServices.length > 0
        ? [{ Sid: "PassTenantRoles", Effect: "Allow", Action: "iam:PassRole", Resource: roles, Condition: { StringEquals: { "iam:PassedToService": [...facts.passRoleServices] } } }]
        : []),
      ...(state ? [{ Sid: "NeverTheState", Effect: "Deny", Action: "*", Resource: [state.bucketArn, `${state.bucketArn}/*`, state.keyArn] }] : []),
    ],
  };
}
