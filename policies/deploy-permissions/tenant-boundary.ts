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
 * - `iam:PassRole` only of the tenants' roles (`role/<tenant>-*`; one tenant's pattern also
 *   matches another's roles where its id and `-` start the other's id, overlapping-prefixes.ts)
 *   and only to the services those roles trust
 *   (as the deploy policy passes them, `iam:PassedToService`), for a service that passes a tenant's
 *   role on (AWS Backup restoring with a tenant's role);
 * - nothing on the DIY state backend (its bucket, objects and key), by an explicit Deny.
 *
 * The boundary is one managed policy, so it must stay within IAM's managed policy size: 6,144
 * characters, white space not counted (IAM User Guide, reference_iam-quotas.html, "IAM and STS
 * character limits"). It holds one role pattern per tenant, so it grows with the fleet: the
 * bootstrap and the policy generator refuse a boundary over the limit (`boundarySizeProblem`).
 */
import { iamResourcePatterns, MANAGED_POLICY_MAX_CHARS, policySize } from "./policy-documents";

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

/**
 * The longest state backend ARNs IAM could be given, for sizing the boundary before the backend
 * exists: a bucket name of 63 characters, the most S3 allows (Amazon S3 User Guide,
 * bucketnamingrules.html), and a key ARN with a long partition and region and a 36-character key
 * id (a UUID, or `mrk-` and 32 hex digits for a multi-Region key;
 * KMS Developer Guide, concepts.html#key-id-key-id).
 */
export const LONGEST_STATE_BACKEND: BoundaryStateBackend = {
  bucketArn: `arn:aws-us-gov:s3:::${"b".repeat(63)}`,
  keyArn: `arn:aws-us-gov:kms:ap-southeast-5:123456789012:key/mrk-${"0".repeat(32)}`,
};

function sizeProblem(size: number, facts: BoundaryFacts): string | undefined {
  if (size <= MANAGED_POLICY_MAX_CHARS) return undefined;
  return `the tenant permissions boundary would be ${size} characters (white space not counted) with ${facts.iamNamePrefixes.length} tenant role patterns; `
    + `IAM takes at most ${MANAGED_POLICY_MAX_CHARS} in a managed policy (IAM User Guide, reference_iam-quotas.html) and the boundary is one policy. `
    + "Its PassTenantRoles statement lists one role/<tenant>-* pattern per tenant: split the fleet across AWS accounts, each bootstrapped with the policies of its own tenant folder";
}

/**
 * Why IAM would refuse the boundary of these facts (larger than a managed policy may be), or
 * undefined when it fits. @default state: the longest state backend ARNs
 */
export function boundarySizeProblem(facts: BoundaryFacts, state: BoundaryStateBackend = LONGEST_STATE_BACKEND): string | undefined {
  return sizeProblem(policySize(boundaryDocument(facts, state)), facts);
}

/** The boundary policy document; throws when IAM would refuse it for its size. */
export function tenantBoundaryPolicy(facts: BoundaryFacts, state?: BoundaryStateBackend) {
  const document = boundaryDocument(facts, state);
  const problem = sizeProblem(policySize(document), facts);
  if (problem) throw new BoundarySizeError(problem);
  return document;
}

/** A boundary larger than IAM accepts. */
export class BoundarySizeError extends Error {}

function boundaryDocument(facts: BoundaryFacts, state?: BoundaryStateBackend) {
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
