/**
 * Does a committed deploy policy grant what a tenant's plan needs? For each AWS resource type the
 * actions the mapping lists, for each IAM role, instance profile and S3 bucket its name, for each role the
 * services it may be passed to, for each resource its region. Each gap names the type or resource
 * and what is missing.
 */
import { BUCKET_TYPES, bucketNamePrefix, INSTANCE_PROFILE, iamNamePrefix, ROLE, ROLE_POLICY_ATTACHMENT, trustedServices } from "./fleet-facts";
import type { PolicyDocument, PolicyStatement } from "./policy-documents";
import { describeCall, impliedCalls, terraformTypeOf, typesWithCalls, allCalls } from "./provider-calls";
import { actionNeeds, isAwsToken } from "./required-actions";
import { globMatchesAny } from "./iam-patterns";

/** A planned resource as the check reads it. */
export interface CheckedResource {
  readonly type: string;
  readonly urn: string;
  /** The logical name. */
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly region: string | undefined;
}

/**
 * A gap: the resource it is found at, what is missing, and whether it concerns the resource type
 * (an action, a service a role is passed to, a managed policy: any tenant using the type needs
 * it) or this tenant only (its role names and regions: every new tenant has them until the
 * policies are regenerated).
 */
export interface CoverageGap {
  readonly urn: string;
  readonly message: string;
  readonly scope: "type" | "tenant";
}

function statementsOf(documents: readonly PolicyDocument[]): PolicyStatement[] {
  return documents.flatMap((document) => document.Statement).filter((statement) => statement.Effect === "Allow");
}

function grants(statement: PolicyStatement, action: string): boolean {
  return globMatchesAny(statement.Action, action, "action");
}

/** True when an Allow statement of `documents` grants `action` (its resource and conditions aside). */
export function grantsAction(documents: readonly PolicyDocument[], action: string): boolean {
  return statementsOf(documents).some((statement) => grants(statement, action));
}

/**
 * The provider calls (data/provider-calls.json) of the planned resources that `statements` do
 * not grant, once per type and action: the check that does not come from the mapping the policy
 * was generated from.
 */
function providerCallGaps(resources: readonly CheckedResource[], statements: readonly PolicyStatement[]): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  const reported = new Set<string>();
  for (const resource of resources) {
    if (!isAwsToken(resource.type)) continue;
    for (const call of impliedCalls(resource.type, resource.props)) {
      for (const action of call.actions) {
        const key = `${resource.type} ${action.toLowerCase()}`;
        if (reported.has(key) || statements.some((statement) => grants(statement, action))) continue;
        reported.add(key);
        gaps.push({ urn: resource.urn, message: `${resource.type} (${terraformTypeOf(resource.type)}): the provider calls ${action} (${describeCall(call)}), which the deploy policy does not grant`, scope: "type" });
      }
    }
  }
  return gaps;
}

/**
 * What a generated policy pair lacks of the provider's calls for `resourceTypes` (tokens): every
 * call of the types for the deploy policy (whatever a tenant sets today), the read calls for the
 * read-only one. Each entry names the type, the action, the policy and the provider's source.
 */
export function missingProviderCalls(resourceTypes: readonly string[], deploy: readonly PolicyDocument[], read: readonly PolicyDocument[]): string[] {
  const kept = new Set(typesWithCalls());
  const missing: string[] = [];
  for (const token of resourceTypes) {
    const terraformType = terraformTypeOf(token);
    if (terraformType === undefined || !kept.has(terraformType)) continue;
    for (const call of allCalls(terraformType)) {
      for (const action of call.actions) {
        if (!grantsAction(deploy, action)) missing.push(`${terraformType}: deploy lacks ${action} (${describeCall(call)})`);
        if (call.operation === "read" && !grantsAction(read, action)) missing.push(`${terraformType}: read-only lacks ${action} (${describeCall(call)})`);
      }
    }
  }
  return missing;
}

/**
 * True when `arn` is what a condition value names: literally, or with the policy variable
 * `${aws:PrincipalAccount}` standing for an account id (IAM User Guide,
 * reference_policies_variables.html).
 */
function namesBoundary(value: string, arn: string): boolean {
  const source = value.split("${aws:PrincipalAccount}").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\d{12}");
  return new RegExp(`^${source}$`).test(arn);
}

/**
 * The gap of a role whose permissions boundary is not the one the deploy policy requires to create
 * it (`iam:PermissionsBoundary` on iam:CreateRole): IAM refuses the CreateRole.
 */
function boundaryGap(resource: CheckedResource, statements: readonly PolicyStatement[]): CoverageGap | undefined {
  const required = statements.filter((statement) => grants(statement, "iam:CreateRole")).map((statement) => conditionValues(statement, "iam:PermissionsBoundary"));
  if (required.length === 0 || required.some((values) => values === undefined)) return undefined;
  const boundary = resource.props["permissionsBoundary"];
  if (typeof boundary === "string" && required.some((values) => values!.some((value) => namesBoundary(value, boundary)))) return undefined;
  const wanted = [...new Set(required.flat())].join(", ");
  return {
    urn: resource.urn,
    message: `${resource.type} ${resource.name}: the deploy policy creates roles only with the permissions boundary ${wanted} (iam:CreateRole with iam:PermissionsBoundary); the role has ${typeof boundary === "string" ? boundary : "none"}`,
    scope: "type",
  };
}

function conditionValues(statement: PolicyStatement, key: string, operator = "StringEquals"): readonly string[] | undefined {
  return statement.Condition?.[operator]?.[key];
}

/** An invoke the plan made: its token and the provider it went through (its URN, null for the default one). */
export interface CheckedInvoke {
  readonly token: string;
  readonly provider: string | null;
}

/**
 * The gaps of the invokes: a data source whose actions the deploy policy does not grant (the
 * mapping's `functions`, as the generator maps them), found at the provider it went through.
 */
function invokeGaps(invokes: readonly CheckedInvoke[], resources: readonly CheckedResource[], statements: readonly PolicyStatement[]): CoverageGap[] {
  const first = new Map<string, CheckedInvoke>();
  for (const invoke of invokes) if (isAwsToken(invoke.token) && !first.has(invoke.token)) first.set(invoke.token, invoke);
  const where = (invoke: CheckedInvoke) => invoke.provider ?? resources[0]?.urn ?? invoke.token;
  const needs = actionNeeds([], first.keys());
  const gaps: CoverageGap[] = [...needs.unknown].map(([token, reason]) => ({ urn: where(first.get(token)!), message: `${token} (invoke): the IAM actions it needs are not known: ${reason}`, scope: "type" as const }));
  for (const type of needs.types) {
    const missing = type.deploy.filter((action) => !statements.some((statement) => grants(statement, action)));
    if (missing.length > 0) gaps.push({ urn: where(first.get(type.token)!), message: `${type.token} (invoke, ${type.terraformType}): the deploy policy does not grant ${missing.join(", ")}`, scope: "type" });
  }
  return gaps;
}

/** The gaps between what `resources` and `invokes` need and what `deploy` grants. */
export function coverageGaps(resources: readonly CheckedResource[], deploy: readonly PolicyDocument[], invokes: readonly CheckedInvoke[] = []): CoverageGap[] {
  const statements = statementsOf(deploy);
  const gaps: CoverageGap[] = invokeGaps(invokes, resources, statements);
  const firstOfType = new Map<string, CheckedResource>();
  for (const resource of resources) if (isAwsToken(resource.type) && !firstOfType.has(resource.type)) firstOfType.set(resource.type, resource);
  const needs = actionNeeds(firstOfType.keys());
  for (const [token, reason] of needs.unknown) gaps.push({ urn: firstOfType.get(token)!.urn, message: `${token}: the IAM actions it needs are not known: ${reason}`, scope: "type" });
  for (const type of needs.types) {
    const missing = type.deploy.filter((action) => !statements.some((statement) => grants(statement, action)));
    if (missing.length > 0) gaps.push({ urn: firstOfType.get(type.token)!.urn, message: `${type.token} (${type.terraformType}): the deploy policy does not grant ${missing.join(", ")}`, scope: "type" });
  }
  gaps.push(...providerCallGaps(resources, statements));
  const passRole = statements.filter((statement) => grants(statement, "iam:PassRole"));
  const regions = new Set(statements.flatMap((statement) => conditionValues(statement, "aws:RequestedRegion") ?? []));
  const attaching = statements.filter((statement) => grants(statement, "iam:AttachRolePolicy"));
  for (const resource of resources) {
    if (!isAwsToken(resource.type)) continue;
    const policyArn = resource.props["policyArn"];
    if (resource.type === ROLE_POLICY_ATTACHMENT && typeof policyArn === "string" && !attaching.some((statement) => (conditionValues(statement, "iam:PolicyARN", "ArnEquals") ?? [policyArn]).includes(policyArn))) {
      gaps.push({ urn: resource.urn, message: `${resource.type} ${resource.name}: the deploy policy does not let it attach ${policyArn} (iam:AttachRolePolicy with iam:PolicyARN)`, scope: "type" });
    }
    if (resource.region !== undefined && regions.size > 0 && !regions.has(resource.region)) {
      gaps.push({ urn: resource.urn, message: `${resource.type} ${resource.name}: the deploy policy allows the regions ${[...regions].sort().join(", ")}, not ${resource.region}`, scope: "tenant" });
    }
    if (BUCKET_TYPES.includes(resource.type)) {
      const bucket = `arn:aws:s3:::${bucketNamePrefix(resource.name, resource.props)}`;
      if (!statements.some((statement) => grants(statement, "s3:CreateBucket") && globMatchesAny(statement.Resource, bucket, "arn"))) {
        gaps.push({ urn: resource.urn, message: `${resource.type} ${resource.name}: the deploy policy does not let it create the bucket ${bucket.slice("arn:aws:s3:::".length)}… (s3:CreateBucket)`, scope: "tenant" });
      }
    }
    if (resource.type !== ROLE && resource.type !== INSTANCE_PROFILE) continue;
    const kind = resource.type === ROLE ? "role" : "instance-profile";
    const arn = `arn:aws:iam::000000000000:${kind}/${iamNamePrefix(resource.name, resource.props)}`;
    const createAction = resource.type === ROLE ? "iam:CreateRole" : "iam:CreateInstanceProfile";
    const covered = statements.some((statement) => grants(statement, createAction) && globMatchesAny(statement.Resource, arn, "arn"));
    if (!covered) gaps.push({ urn: resource.urn, message: `${resource.type} ${resource.name}: the deploy policy does not let it create the ${kind} ${arn.split("/")[1]}…`, scope: "tenant" });
    if (resource.type !== ROLE) continue;
    const boundary = boundaryGap(resource, statements);
    if (boundary) gaps.push(boundary);
    // The role's name is the tenant's own (a new tenant's until the policies are regenerated with
    // it); the services it is passed to belong to the resource types that pass it.
    const passing = passRole.filter((statement) => globMatchesAny(statement.Resource, arn, "arn"));
    for (const service of trustedServices(resource.props["assumeRolePolicy"])) {
      if (passing.length === 0) {
        gaps.push({ urn: resource.urn, message: `${resource.type} ${resource.name}: the deploy policy does not let it pass the role ${arn.split("/")[1]}… (iam:PassRole) to ${service}`, scope: "tenant" });
      } else if (!passing.some((statement) => (conditionValues(statement, "iam:PassedToService") ?? []).includes(service))) {
        gaps.push({ urn: resource.urn, message: `${resource.type} ${resource.name}: the deploy policy does not let it pass the role to ${service} (iam:PassRole with iam:PassedToService)`, scope: "type" });
      }
    }
  }
  return gaps;
}
