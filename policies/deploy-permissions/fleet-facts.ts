/**
 * What the generated policies are derived from, read off the offline plans: the resource types
 * and invokes, the regions, the names of the IAM roles and S3 buckets the tenants create and the
 * services those roles trust (the only services a deploy may pass them to).
 */
import type { TenantPlan } from "../plan-types";
import { isAwsToken } from "./required-actions";

export interface FleetFacts {
  /** AWS resource type tokens the plans register. */
  readonly resourceTypes: readonly string[];
  /** AWS invoke tokens the plans call. */
  readonly invokeTokens: readonly string[];
  /** Regions of the plans' AWS providers and of resources that name their own. */
  readonly regions: readonly string[];
  /** Name prefixes of the IAM roles and instance profiles the plans create (`<tenant>-`). */
  readonly iamNamePrefixes: readonly string[];
  /**
   * Name prefixes of the S3 buckets the plans create (`<tenant>-`): the bucket- and object-level
   * S3 actions are granted on these buckets only.
   */
  readonly bucketNamePrefixes: readonly string[];
  /**
   * Key prefixes of the S3 objects the plans create (each key's folder, `trust-store/`; `""`, any
   * key, when a key is not known): the object-level S3 actions are granted on these keys of the
   * tenants' buckets only, so the provider's calls for a deploy never read, overwrite or delete the data the tenants keep
   * in them. None when the plans create no object.
   */
  readonly objectKeyPrefixes: readonly string[];
  /** Services the planned roles trust (`Principal.Service` of their trust policies). */
  readonly passRoleServices: readonly string[];
  /** The managed policies the plans attach to their roles (`policyArn` of role policy attachments). */
  readonly attachedPolicyArns: readonly string[];
}

export const ROLE = "aws:iam/role:Role";
export const INSTANCE_PROFILE = "aws:iam/instanceProfile:InstanceProfile";
export const ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
/** The S3 object types the deploy writes (`BucketObject` is the deprecated form of `BucketObjectv2`). */
export const OBJECT_TYPES: readonly string[] = ["aws:s3/bucketObjectv2:BucketObjectv2", "aws:s3/bucketObject:BucketObject"];
/** The S3 bucket types (`BucketV2` is v7's deprecated alias of `Bucket`). */
export const BUCKET_TYPES: readonly string[] = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

/**
 * The IAM name a role or instance profile gets, as a prefix: its explicit `name`, else its
 * `namePrefix`, else the logical name the provider auto-names from (`<name>-<7 hex>`,
 * tools/plan/physical-names.ts).
 */
export function iamNamePrefix(name: string, props: Record<string, unknown>): string {
  if (typeof props["name"] === "string") return props["name"];
  if (typeof props["namePrefix"] === "string") return props["namePrefix"];
  return `${name}-`;
}

/**
 * The name a bucket gets, as a prefix: its explicit `bucket`, else its `bucketPrefix`, else the
 * logical name the provider auto-names from (`<name>-<7 hex>`, tools/plan/physical-names.ts).
 */
export function bucketNamePrefix(name: string, props: Record<string, unknown>): string {
  if (typeof props["bucket"] === "string") return props["bucket"];
  if (typeof props["bucketPrefix"] === "string") return props["bucketPrefix"];
  return `${name}-`;
}

/** The folder of an object key (`trust-store/` of `trust-store/client-ca-….pem`); `""` (any key) when the key is not known. */
export function objectKeyPrefix(key: unknown): string {
  return typeof key === "string" ? key.slice(0, key.lastIndexOf("/") + 1) : "";
}

/**
 * `[<tenant>-]` when every name starts with it (or there is none yet: a tenant that turns a section
 * on later creates its first role or bucket under that prefix, which the policy must already
 * allow), else the names themselves.
 */
function tenantPrefixes(tenant: string, names: readonly string[]): string[] {
  const tenantPrefix = `${tenant}-`;
  return names.every((prefix) => prefix.startsWith(tenantPrefix)) ? [tenantPrefix] : [...names];
}

/** The services a trust policy (a JSON string or object) names as principals. */
export function trustedServices(assumeRolePolicy: unknown): string[] {
  let document = assumeRolePolicy;
  if (typeof document === "string") {
    try {
      document = JSON.parse(document);
    } catch {
      return [];
    }
  }
  const statements = (document as { Statement?: unknown } | undefined)?.Statement;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  return list.flatMap((statement: { Principal?: { Service?: unknown } }) => {
    const service = statement.Principal?.Service;
    return (Array.isArray(service) ? service : [service]).filter((value): value is string => typeof value === "string");
  });
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** The facts of a set of plans. Each tenant's IAM and bucket names are covered by `<tenant>-` when they all start so. */
export function factsFromPlans(plans: readonly TenantPlan[]): FleetFacts {
  const resourceTypes: string[] = [];
  const regions: string[] = [];
  const prefixes: string[] = [];
  const buckets: string[] = [];
  const keys: string[] = [];
  const services: string[] = [];
  const attached: string[] = [];
  for (const plan of plans) {
    const own: string[] = [];
    const ownBuckets: string[] = [];
    for (const resource of plan.resources) {
      if (resource.type === "pulumi:providers:aws" && typeof resource.inputs["region"] === "string") regions.push(resource.inputs["region"]);
      if (!resource.custom || !isAwsToken(resource.type)) continue;
      resourceTypes.push(resource.type);
      if (typeof resource.inputs["region"] === "string") regions.push(resource.inputs["region"]);
      if (resource.type === ROLE || resource.type === INSTANCE_PROFILE) own.push(iamNamePrefix(resource.name, resource.inputs));
      if (BUCKET_TYPES.includes(resource.type)) ownBuckets.push(bucketNamePrefix(resource.name, resource.inputs));
      if (OBJECT_TYPES.includes(resource.type)) keys.push(objectKeyPrefix(resource.inputs["key"]));
      if (resource.type === ROLE) services.push(...trustedServices(resource.inputs["assumeRolePolicy"]));
      if (resource.type === ROLE_POLICY_ATTACHMENT && typeof resource.inputs["policyArn"] === "string") attached.push(resource.inputs["policyArn"]);
    }
    prefixes.push(...tenantPrefixes(plan.tenant, own));
    buckets.push(...tenantPrefixes(plan.tenant, ownBuckets));
  }
  return {
    resourceTypes: sorted(resourceTypes),
    invokeTokens: sorted(plans.flatMap((plan) => plan.invokes.map((invoke) => invoke.token)).filter(isAwsToken)),
    regions: sorted(regions),
    iamNamePrefixes: sorted(prefixes),
    bucketNamePrefixes: sorted(buckets),
    objectKeyPrefixes: sorted(keys),
    passRoleServices: sorted(services),
    attachedPolicyArns: sorted(attached),
  };
}

/**
 * `facts` with the resource types, invokes, object key prefixes (the components choose the keys,
 * not the tenants), passed services and attached policies of `more` added (not its names or regions).
 */
export function withTypesOf(facts: FleetFacts, more: FleetFacts): FleetFacts {
  return {
    ...facts,
    resourceTypes: sorted([...facts.resourceTypes, ...more.resourceTypes]),
    invokeTokens: sorted([...facts.invokeTokens, ...more.invokeTokens]),
    objectKeyPrefixes: sorted([...facts.objectKeyPrefixes, ...more.objectKeyPrefixes]),
    passRoleServices: sorted([...facts.passRoleServices, ...more.passRoleServices]),
    attachedPolicyArns: sorted([...facts.attachedPolicyArns, ...more.attachedPolicyArns]),
  };
}
