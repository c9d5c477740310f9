/**
 * The deploy and read-only IAM policies generated from the fleet's facts, split into managed
 * policies IAM accepts.
 *
 * - One statement per service, its actions listed one by one (no wildcards), limited to the
 *   fleet's regions with the global condition key `aws:RequestedRegion`
 *   (IAM User Guide, reference_policies_condition-keys.html#condition-keys-requestedregion).
 *   IAM is global (its requests are signed for us-east-1), so its statement has no region
 *   condition and is limited instead to the roles and instance profiles the tenants create
 *   (`role/<tenant>-*`, `instance-profile/<tenant>-*`). These patterns overlap where one tenant id
 *   and `-` start another's (`example-*` matches `example-ha-…`): they keep a deploy to the
 *   fleet's roles, not each tenant to its own (overlapping-prefixes.ts).
 * - S3's bucket- and object-level actions only on the tenants' buckets (`arn:aws:s3:::<tenant>-*`
 *   and `…-*\/*`, s3-scoping.ts); S3 actions without a bucket or object resource stay on `*`.
 * - `iam:PassRole` only on those roles and only to the services they trust
 *   (`iam:PassedToService`, IAM User Guide, id_roles_use_passrole.html).
 * - `iam:AttachRolePolicy` and `iam:DetachRolePolicy` only for the managed policies the plans
 *   attach (`iam:PolicyARN`, Service Authorization Reference,
 *   list_awsidentityandaccessmanagementiam.html), so a deploy cannot attach AdministratorAccess.
 * - A managed policy holds at most 6,144 characters, white space not counted, and a role takes
 *   10 managed policies by default (IAM User Guide, reference_iam-quotas.html): the statements
 *   are packed into documents under that size, and a generated set larger than 10 is refused.
 */
import type { FleetFacts } from "./fleet-facts";
import { TENANT_BOUNDARY_POLICY_NAME } from "../../tenant-schema/platform-names";
import { actionNeeds, sorted, type ActionNeeds } from "./required-actions";
import { actionPatternExpression } from "./iam-patterns";
import { s3ResourceKind, s3ResourcePatterns } from "./s3-scoping";
import { MANAGED_BY_CONDITION, supportsResourceTag } from "./tag-conditions";

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** IAM's managed policy size quota, in characters without white space. */
export const MANAGED_POLICY_MAX_CHARS = 6144;
/** Managed policies a role takes by default. */
export const MANAGED_POLICIES_PER_ROLE = 10;

/** IAM actions limited to the managed policies the plans attach. */
const POLICY_ARN_ACTIONS = new Set(["iam:AttachRolePolicy", "iam:DetachRolePolicy"]);

/**
 * IAM actions whose resource is not a tenant's role or instance profile, with the resource the
 * Service Authorization Reference gives them (list_awsidentityandaccessmanagementiam.html):
 * ListRoles takes no resource type (so only "*"); CreateServiceLinkedRole acts on the service's
 * role under the path `/aws-service-role/`.
 */
const IAM_OWN_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  "iam:ListRoles": ["*"],
  "iam:CreateServiceLinkedRole": ["arn:aws:iam::*:role/aws-service-role/*"],
};

/**
 * The services whose service-linked roles a first deploy in an account may create (each creates
 * its own on the caller's behalf when missing, which needs iam:CreateServiceLinkedRole of the
 * caller): RDS, ElastiCache, Auto Scaling, Elastic Load Balancing and AWS Backup. Limited with
 * `iam:AWSServiceName` (IAM User Guide, using-service-linked-roles.html, "Service-linked role
 * permissions"; Amazon EC2 Auto Scaling User Guide, ec2-auto-scaling-api-permissions.html).
 */
export const SERVICE_LINKED_ROLE_SERVICES = [
  "autoscaling.amazonaws.com", "backup.amazonaws.com", "elasticache.amazonaws.com", "elasticloadbalancing.amazonaws.com", "rds.amazonaws.com",
] as const;

/**
 * The tenant boundary's ARN as the deploy policy names it: the bootstrap's policy in the account
 * of the deploying principal. `${aws:PrincipalAccount}` is a policy variable IAM replaces with the
 * caller's account in string conditions (IAM User Guide, reference_policies_variables.html and
 * reference_policies_condition-keys.html#condition-keys-principalaccount); the deploy role creates
 * roles in its own account only.
 */
export const TENANT_BOUNDARY_ARN = `arn:aws:iam::\${aws:PrincipalAccount}:policy/${TENANT_BOUNDARY_POLICY_NAME}`;

/**
 * IAM actions granted only with the tenant boundary: a role is created with it, and a policy is
 * put or attached, or a boundary set, only on a role that has it (or, for the last, sets it).
 * Each supports the condition key `iam:PermissionsBoundary` (Service Authorization Reference,
 * list_awsidentityandaccessmanagementiam.html; IAM User Guide, access_policies_boundaries.html,
 * "Delegating responsibility to others using permissions boundaries").
 */
export const BOUNDED_IAM_ACTIONS = ["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:PutRolePermissionsBoundary"] as const;

/** The condition that requires the tenant boundary. */
const BOUNDARY_CONDITION = { StringEquals: { "iam:PermissionsBoundary": [TENANT_BOUNDARY_ARN] } };

/**
 * IAM actions never granted, whatever the mapping lists: removing a role's boundary would undo it
 * (the provider calls DeleteRolePermissionsBoundary only when `permissionsBoundary` is removed,
 * terraform-provider-aws internal/service/iam/role.go `resourceRoleUpdate`).
 */
export const WITHHELD_IAM_ACTIONS = ["iam:DeleteRolePermissionsBoundary"] as const;

/** Resource ARN patterns of the IAM roles and instance profiles with these name prefixes. */
export function iamResourcePatterns(prefixes: readonly string[]): string[] {
  return prefixes.flatMap((prefix) => [`arn:aws:iam::*:role/${prefix}*`, `arn:aws:iam::*:instance-profile/${prefix}*`]);
}

/** A policy's size as IAM counts it: its JSON without white space outside strings. */
export function policySize(document: object): number {
  return JSON.stringify(document).length;
}

function sid(prefix: string, service: string, part: number): string {
  const name = service.split(/[^a-z0-9]/i).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
  return `${prefix}${name}${part > 0 ? part + 1 : ""}`;
}

/**
 * Statements of `actions`, one per service, each split further when it alone would not fit; with
 * `tagScoped`, the actions it selects get a statement of their own per service, limited to
 * resources tagged as the platform's (`aws:ResourceTag/managed-by`).
 */
function statementsFor(prefix: string, actions: readonly string[], facts: FleetFacts, tagScoped: (action: string) => boolean = () => false): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const byService = new Map<string, string[]>();
  const bounded = actions.filter((action) => (BOUNDED_IAM_ACTIONS as readonly string[]).includes(action) && !POLICY_ARN_ACTIONS.has(action));
  for (const action of actions) {
    if (action === "iam:PassRole" || POLICY_ARN_ACTIONS.has(action) || bounded.includes(action) || (WITHHELD_IAM_ACTIONS as readonly string[]).includes(action)) continue;
    const own = IAM_OWN_RESOURCES[action];
    if (own) {
      const condition = action === "iam:CreateServiceLinkedRole" ? { Condition: { StringEquals: { "iam:AWSServiceName": [...SERVICE_LINKED_ROLE_SERVICES] } } } : {};
      statements.push({ Sid: sid(prefix, action.replace(":", " "), 0), Effect: "Allow", Action: [action], Resource: own, ...condition });
      continue;
    }
    const service = action.slice(0, action.indexOf(":"));
    const s3Kind = service === "s3" ? s3ResourceKind(action) : "other";
    const group = service !== "iam" && tagScoped(action) ? `${service} tagged` : s3Kind === "other" ? service : `s3 ${s3Kind}s`;
    byService.set(group, [...(byService.get(group) ?? []), action]);
  }
  for (const [service, list] of [...byService].sort(([a], [b]) => a.localeCompare(b))) {
    const tagged = service.endsWith(" tagged") ? MANAGED_BY_CONDITION : {};
    const s3Kind = service === "s3 buckets" ? "bucket" : service === "s3 objects" ? "object" : undefined;
    // No tenant bucket (or object), nothing to grant the bucket and object actions on (IAM refuses an empty Resource).
    if (s3Kind && facts.bucketNamePrefixes.length === 0) continue;
    if (s3Kind === "object" && facts.objectKeyPrefixes.length === 0) continue;
    const scope = service === "iam"
      ? { Resource: iamResourcePatterns(facts.iamNamePrefixes) }
      : { Resource: s3Kind ? s3ResourcePatterns(facts.bucketNamePrefixes, s3Kind, facts.objectKeyPrefixes) : ["*"], Condition: { StringEquals: { "aws:RequestedRegion": facts.regions, ...tagged } } };
    let part = 0;
    let chunk: string[] = [];
    const flush = () => {
      if (chunk.length > 0) statements.push({ Sid: sid(prefix, service, part++), Effect: "Allow", Action: chunk, ...scope });
      chunk = [];
    };
    for (const action of list) {
      const next = { Sid: sid(prefix, service, part), Effect: "Allow" as const, Action: [...chunk, action], ...scope };
      if (chunk.length > 0 && JSON.stringify(next).length > MANAGED_POLICY_MAX_CHARS - 100) flush();
      chunk.push(action);
    }
    flush();
  }
  if (bounded.length > 0) {
    statements.push({ Sid: `${prefix}IamBounded`, Effect: "Allow", Action: bounded, Resource: iamResourcePatterns(facts.iamNamePrefixes).filter((arn) => arn.includes(":role/")), Condition: BOUNDARY_CONDITION });
  }
  const attaching = actions.filter((action) => POLICY_ARN_ACTIONS.has(action));
  if (attaching.length > 0 && facts.attachedPolicyArns.length > 0) {
    const roles = iamResourcePatterns(facts.iamNamePrefixes).filter((arn) => arn.includes(":role/"));
    const planned = { ArnEquals: { "iam:PolicyARN": facts.attachedPolicyArns } };
    // Attaching needs the boundary too; detaching does not (a role created before it must still
    // let go of a policy).
    for (const action of attaching) {
      const withBoundary = (BOUNDED_IAM_ACTIONS as readonly string[]).includes(action);
      statements.push({
        Sid: `${prefix}${action.slice(4)}Planned`, Effect: "Allow", Action: [action], Resource: roles,
        Condition: withBoundary ? { ...planned, ...BOUNDARY_CONDITION } : planned,
      });
    }
  }
  if (actions.includes("iam:PassRole") && facts.passRoleServices.length > 0) {
    statements.push({
      Sid: `${prefix}PassTenantRoles`, Effect: "Allow", Action: ["iam:PassRole"],
      Resource: facts.iamNamePrefixes.map((name) => `arn:aws:iam::*:role/${name}*`),
      Condition: { StringEquals: { "iam:PassedToService": facts.passRoleServices } },
    });
  }
  return statements;
}

/** Packs statements, in order, into as few documents under the size quota as it goes. */
function pack(statements: readonly PolicyStatement[]): PolicyDocument[] {
  const documents: PolicyStatement[][] = [];
  for (const statement of statements) {
    const last = documents[documents.length - 1];
    if (last && policySize({ Version: "2012-10-17", Statement: [...last, statement] }) <= MANAGED_POLICY_MAX_CHARS) last.push(statement);
    else documents.push([statement]);
  }
  return documents.map((Statement) => ({ Version: "2012-10-17", Statement }));
}

/**
 * Read-level actions that return data rather than the attributes of a resource: a secret's value,
 * an object's content, a parameter's (decrypted) value, an instance's console or password, a
 * function's code (GetFunction returns a link to it). Service Authorization Reference:
 * list_awssecretsmanager.html, list_amazons3.html, list_awssystemsmanager.html,
 * list_amazonec2.html, list_awslambda.html. A refresh reads some of them (a secret version's
 * value, an object's body), so the drift role keeps them; a preview does not refresh (the fleet's
 * preview passes no `refresh`, tools/fleet/automation-engine.ts), so the preview role, which runs
 * pull-request code, gets none.
 */
export const DATA_READ_ACTIONS = [
  "secretsmanager:GetSecretValue", "s3:GetObject", "s3:GetObjectVersion", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath",
  "ssm:GetParameterHistory", "ec2:GetConsoleOutput", "ec2:GetConsoleScreenshot", "ec2:GetPasswordData", "lambda:GetFunction",
] as const;

/** True when `action` (or a wildcard) grants one of the data reads. */
export function readsData(action: string): boolean {
  const pattern = actionPatternExpression(action);
  return DATA_READ_ACTIONS.some((data) => pattern.test(data));
}

/** The invoke that reads the public Amazon Linux AMI parameters (components/web-tier/tier-launch.ts). */
const SSM_PARAMETER_INVOKE = "aws:ssm/getParameter:getParameter";

/** Parameter Store reads that return a parameter's (decrypted) value. */
function readsParameter(action: string): boolean {
  return /^ssm:GetParameter/i.test(action);
}

/**
 * Parameter reads, for every role: only AWS's public parameters (`/aws/service/…`, which have no
 * account in their ARN; Systems Manager User Guide, parameter-store-public-parameters.html) that
 * the AMI look-up reads. The fleet creates no parameter of its own, and a GetParameter on "*" would
 * read every SecureString of the account under the `aws/ssm` key, whose policy lets every
 * principal of the account decrypt (Systems Manager User Guide, ps-restrict-decryption.html).
 */
function publicParameters(prefix: string, facts: FleetFacts): PolicyStatement[] {
  if (!facts.invokeTokens.includes(SSM_PARAMETER_INVOKE)) return [];
  return [{ Sid: `${prefix}PublicParameters`, Effect: "Allow", Action: ["ssm:GetParameter"], Resource: ["arn:aws:ssm:*::parameter/aws/service/*"] }];
}

/**
 * What only a refresh needs beyond read-level actions: the tenants' secrets are encrypted with
 * their own keys (components/database/master-secret.ts, app-users.ts `kmsKeyId`), and GetSecretValue
 * on such a secret needs kms:Decrypt of the caller (Secrets Manager User Guide,
 * security-encryption.html, "Permissions for the KMS key"); allowed only through Secrets Manager
 * in the fleet's regions (`kms:ViaService`, KMS Developer Guide, conditions-kms.html).
 */
function driftExtras(facts: FleetFacts): PolicyStatement[] {
  return [{
    Sid: "ReadSecretsViaSecretsManager", Effect: "Allow", Action: ["kms:Decrypt"], Resource: ["*"],
    Condition: { StringEquals: { "kms:ViaService": facts.regions.map((region) => `secretsmanager.${region}.amazonaws.com`) } },
  }];
}

/** The generated policies, with what they were made from. */
export interface GeneratedPolicies {
  readonly deploy: readonly PolicyDocument[];
  /** The drift role's: every read-level action, secrets decrypted through Secrets Manager. */
  readonly read: readonly PolicyDocument[];
  /** The preview role's: read-level actions without the data reads. */
  readonly preview: readonly PolicyDocument[];
  /** Types the mapping lacks: no policy is complete until each is added. */
  readonly unknown: ReadonlyMap<string, string>;
}

/**
 * The deploy policy (everything the types need; `iam:PassRole` added because the tenants pass
 * their roles to the services that trust them) and the read-only one (a refresh's reads).
 */
export function generatePolicies(facts: FleetFacts, needs: ActionNeeds = actionNeeds(facts.resourceTypes, facts.invokeTokens)): GeneratedPolicies {
  const deploy = sorted([...needs.types.flatMap((type) => type.deploy), ...(facts.passRoleServices.length > 0 ? ["iam:PassRole"] : [])]);
  const read = sorted(needs.types.flatMap((type) => type.read));
  return {
    deploy: pack([...statementsFor("Deploy", deploy.filter((action) => !readsParameter(action)), facts, (action) => supportsResourceTag(action)), ...publicParameters("Deploy", facts)]),
    read: pack([...statementsFor("Read", read.filter((action) => !readsParameter(action)), facts), ...publicParameters("Read", facts), ...driftExtras(facts)]),
    preview: pack([...statementsFor("Preview", read.filter((action) => !readsData(action)), facts), ...publicParameters("Preview", facts)]),
    unknown: needs.unknown,
  };
}
