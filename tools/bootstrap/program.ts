/**
 * The bootstrap program: what one AWS account needs before the first tenant deploys.
 *
 * - GitHub's OIDC provider (`https://token.actions.githubusercontent.com`, audience
 *   `sts.amazonaws.com`; GitHub Docs, "Configuring OpenID Connect in Amazon Web Services"). No
 *   thumbprint: for GitHub IAM validates with its own library of trusted root CAs
 *   (@pulumi/aws iam/openIdConnectProvider.d.ts, `thumbprintLists`).
 * - One role per workflow environment, its trust pinned to the token's subject
 *   `repo:<owner>/<repo>:environment:<env>` (GitHub Docs, "OpenID Connect reference", subject
 *   claims): `preview` and `drift` get the generated read-only policies, `production` the deploy
 *   policies and the right to assume the deploy roles. Only `production` may assume a deploy role:
 *   the deploy role trusts that one role ARN; `preview` and `drift` may assume only their reader role.
 * - The deploy role (`aws.deployRoleArn` of the tenants of this account) with the deploy policies,
 *   and beside it the reader roles `platform-previewer` (preview policies, trusted by `preview`)
 *   and `platform-reader` (read policies, trusted by `drift`) that the preview and drift jobs'
 *   tenant providers assume instead (program/provider-role.ts).
 * - Optionally a DIY state backend: a versioned bucket encrypted with its own KMS key (which also
 *   serves as the stacks' secrets provider), both protected and retained on delete.
 *
 * Every name is fixed, so running it again changes nothing (idempotent) and the workflows'
 * variables stay valid.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument } from "../../policies/deploy-permissions/policy-documents";
import { tenantBoundaryPolicy, type BoundaryFacts } from "../../policies/deploy-permissions/tenant-boundary";
import { DEPLOY_ROLE_NAME, PLATFORM_PREFIX, READER_ROLE_NAMES, TENANT_BOUNDARY_POLICY_NAME } from "../../tenant-schema/platform-names";

/** The workflow environments, each with the session length its job asks for (docs/fleet.md, "Credentials"). */
export const ENVIRONMENTS = { preview: { seconds: 3600, policies: "preview" }, production: { seconds: 7200, policies: "deploy" }, drift: { seconds: 5400, policies: "read" } } as const;
export type EnvironmentName = keyof typeof ENVIRONMENTS;

export interface BootstrapSettings {
  /** The repository whose workflows get the roles, `owner/name`. */
  readonly githubRepository: string;
  /** The account's region for regional resources (the state bucket, its key). */
  readonly region: string;
  /** The deploy role's name (what tenants' `aws.deployRoleArn` names). @default "platform-deployer" */
  readonly deployRoleName?: string;
  /**
   * Roles allowed to assume this account's deploy role: the production role of the account the
   * workflows run in. @default this account's own production role
   */
  readonly deployRoleTrusts?: readonly string[];
  /**
   * Roles allowed to assume this account's reader roles (`platform-previewer`, `platform-reader`):
   * the preview and drift roles of the account the workflows run in.
   * @default this account's own preview and drift roles
   */
  readonly readerRoleTrusts?: { readonly preview?: readonly string[]; readonly drift?: readonly string[] };
  /**
   * ARN of the account's existing OIDC provider for `https://token.actions.githubusercontent.com`,
   * used instead of creating one (IAM holds one per URL). @default none: the program creates it
   */
  readonly githubOidcProviderArn?: string;
  /**
   * Whether this account gets the OIDC provider and the workflow roles. `false` for a tenant-only
   * account, whose deploy and reader roles then trust the workflow account's roles
   * (`deployRoleTrusts`, `readerRoleTrusts`, both required then). @default true
   */
  readonly workflowRoles?: boolean;
  /** A DIY state bucket's name; none for Pulumi Cloud. @default none */
  readonly stateBucket?: string;
  /** Name prefix of the roles, policies and key alias. @default "tenant-platform" */
  readonly prefix?: string;
}

/** The generated policies the roles get. */
export interface BootstrapPolicies {
  readonly deploy: readonly PolicyDocument[];
  /** The drift role's. */
  readonly read: readonly PolicyDocument[];
  /** The preview role's. */
  readonly preview: readonly PolicyDocument[];
  /** The tenants' roles the boundary lets be passed, and to which services (the committed facts). */
  readonly facts: BoundaryFacts;
}

const OIDC_URL = "https://token.actions.githubusercontent.com";
const OIDC_HOST = "token.actions.githubusercontent.com";
const AUDIENCE = "sts.amazonaws.com";

/** The `sub` claim of a job that runs in a GitHub environment. */
export function environmentSubject(repository: string, environment: string): string {
  return `repo:${repository}:environment:${environment}`;
}

/** A trust policy for GitHub's tokens with exactly this subject and audience. */
export function githubTrustPolicy(providerArn: string, subject: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{
      Effect: "Allow",
      Principal: { Federated: providerArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { [`${OIDC_HOST}:aud`]: AUDIENCE, [`${OIDC_HOST}:sub`]: subject } },
    }],
  });
}

/** A trust policy for roles (by ARN) of this or another account. */
function roleTrustPolicy(arns: readonly string[]) {
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: [...arns] }, Action: "sts:AssumeRole" }] };
}

/** Leave to assume the role `name` in any account (each role's own trust says who may). */
function assumePolicy(name: string) {
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::*:role/${name}` }] };
}

/**
 * GitHub's OIDC provider (or the account's existing one) and the workflow roles, each pinned to
 * its environment's token subject with its policies; production may assume the deploy roles.
 */
function workflowRoles(settings: BootstrapSettings, prefix: string, deployRoleName: string, policies: BootstrapPolicies, opts: pulumi.CustomResourceOptions): Record<EnvironmentName, aws.iam.Role> {
  // IAM holds one provider per URL in an account (CreateOpenIDConnectProvider fails with
  // EntityAlreadyExists, IAM API Reference, API_CreateOpenIDConnectProvider.html): an account
  // that has GitHub's already names it instead.
  const providerArn = settings.githubOidcProviderArn !== undefined
    ? pulumi.output(settings.githubOidcProviderArn)
    : new aws.iam.OpenIdConnectProvider("github", { url: OIDC_URL, clientIdLists: [AUDIENCE] }, opts).arn;
  const roles = {} as Record<EnvironmentName, aws.iam.Role>;
  for (const [environment, { seconds }] of Object.entries(ENVIRONMENTS) as [EnvironmentName, (typeof ENVIRONMENTS)[EnvironmentName]][]) {
    roles[environment] = new aws.iam.Role(`${prefix}-${environment}`, {
      name: `${prefix}-${environment}`,
      assumeRolePolicy: providerArn.apply((arn) => githubTrustPolicy(arn, environmentSubject(settings.githubRepository, environment))),
      maxSessionDuration: seconds,
    }, opts);
    attachPolicies(`${prefix}-${environment}`, roles[environment], policies[ENVIRONMENTS[environment].policies], opts);
  }
  new aws.iam.RolePolicy(`${prefix}-production-assume-deploy`, {
    role: roles.production.name,
    policy: JSON.stringify(assumePolicy(deployRoleName)),
  }, opts);
  return roles;
}

/** Attaches each document as a managed policy of `role`. */
function attachPolicies(name: string, role: aws.iam.Role, documents: readonly PolicyDocument[], opts: pulumi.CustomResourceOptions): void {
  documents.forEach((document, index) => {
    const policy = new aws.iam.Policy(`${name}-${index + 1}`, { name: `${name}-${index + 1}`, policy: JSON.stringify(document) }, opts);
    new aws.iam.RolePolicyAttachment(`${name}-${index + 1}`, { role: role.name, policyArn: policy.arn }, opts);
  });
}

/** Creates the account's bootstrap resources and returns what the repository's settings need. */
export function bootstrapProgram(settings: BootstrapSettings, policies: BootstrapPolicies): Record<string, pulumi.Output<string> | string> {
  const prefix = settings.prefix ?? PLATFORM_PREFIX;
  const deployRoleName = settings.deployRoleName ?? DEPLOY_ROLE_NAME;
  const provider = new aws.Provider("bootstrap-aws", { region: settings.region as aws.Region, defaultTags: { tags: { "managed-by": `${prefix}-bootstrap` } } });
  const opts: pulumi.CustomResourceOptions = { provider };

  const roles = settings.workflowRoles === false ? undefined : workflowRoles(settings, prefix, deployRoleName, policies, opts);
  const trustedBy = (given: readonly string[] | undefined, role: aws.iam.Role | undefined, setting: string): pulumi.Output<string[]> => {
    if (given) return pulumi.output([...given]);
    if (!role) throw new pulumi.RunError(`workflowRoles is false, so there is no workflow role of this account to trust: set ${setting} to the workflow account's role ARNs`);
    return role.arn.apply((arn) => [arn]);
  };

  const trusted = trustedBy(settings.deployRoleTrusts, roles?.production, "deployRoleTrusts");
  const deployRole = new aws.iam.Role(deployRoleName, {
    name: deployRoleName,
    assumeRolePolicy: trusted.apply((arns) => JSON.stringify(roleTrustPolicy(arns))),
    maxSessionDuration: 3600,
  }, opts);
  attachPolicies(deployRoleName, deployRole, policies.deploy, opts);

  // The tenant providers of the preview and drift jobs assume these instead of the deploy role
  // (program/provider-role.ts): each trusts only its job's role, and holds that job's read policies.
  const readers = {} as Record<"preview" | "drift", aws.iam.Role>;
  for (const environment of ["preview", "drift"] as const) {
    const name = READER_ROLE_NAMES[environment];
    const trusts = trustedBy(settings.readerRoleTrusts?.[environment], roles?.[environment], `readerRoleTrusts.${environment}`);
    readers[environment] = new aws.iam.Role(name, {
      name,
      assumeRolePolicy: trusts.apply((arns) => JSON.stringify(roleTrustPolicy(arns))),
      maxSessionDuration: ENVIRONMENTS[environment].seconds,
    }, opts);
    attachPolicies(name, readers[environment], policies[ENVIRONMENTS[environment].policies], opts);
    if (roles) new aws.iam.RolePolicy(`${prefix}-${environment}-assume-reader`, { role: roles[environment].name, policy: JSON.stringify(assumePolicy(name)) }, opts);
  }

  const outputs: Record<string, pulumi.Output<string> | string> = {
    ...(roles ? { AWS_REGION: settings.region, AWS_PREVIEW_ROLE_ARN: roles.preview.arn, AWS_DEPLOY_ROLE_ARN: roles.production.arn, AWS_DRIFT_ROLE_ARN: roles.drift.arn } : {}),
    deployRoleArn: deployRole.arn,
    previewReaderRoleArn: readers.preview.arn,
    driftReaderRoleArn: readers.drift.arn,
  };
  if (settings.stateBucket && !roles) throw new pulumi.RunError("stateBucket needs the workflow roles of this account (workflowRoles is false): create the state backend in the workflows' account");
  const state = settings.stateBucket && roles ? stateBackend(prefix, settings.stateBucket, settings.region, roles, deployRole, opts) : undefined;
  // The boundary the deploy policy requires on every role a deploy creates (iam/tenant-boundary.ts).
  const boundary = new aws.iam.Policy(TENANT_BOUNDARY_POLICY_NAME, {
    name: TENANT_BOUNDARY_POLICY_NAME,
    description: "Permissions boundary of every IAM role the tenants' deploys create",
    policy: state
      ? pulumi.all([state.bucketArn, state.keyArn]).apply(([bucketArn, keyArn]) => JSON.stringify(tenantBoundaryPolicy(policies.facts, { bucketArn, keyArn })))
      : JSON.stringify(tenantBoundaryPolicy(policies.facts)),
  }, opts);
  outputs["tenantBoundaryPolicyArn"] = boundary.arn;
  if (state) Object.assign(outputs, state.outputs);
  return outputs;
}

/**
 * A DIY state backend: KMS key (rotating, protected, retained), a versioned bucket encrypted with
 * it, public access blocked, objects owned by the bucket owner, TLS only; production may read and
 * write state, preview and drift only read it ({@link stateAccessPolicy}).
 */
function stateBackend(prefix: string, bucketName: string, region: string, roles: Readonly<Record<EnvironmentName, aws.iam.Role>>, deployRole: aws.iam.Role, opts: pulumi.CustomResourceOptions) {
  const kept = { ...opts, protect: true, retainOnDelete: true };
  const key = new aws.kms.Key(`${prefix}-state`, { description: "Pulumi state and stack secrets", enableKeyRotation: true, deletionWindowInDays: 30 }, kept);
  // Every stack's PULUMI_SECRETS_PROVIDER names the alias: kept like the key.
  const alias = new aws.kms.Alias(`${prefix}-state`, { name: `alias/${prefix}-state`, targetKeyId: key.keyId }, kept);
  const bucket = new aws.s3.Bucket(`${prefix}-state`, { bucket: bucketName }, kept);
  new aws.s3.BucketVersioning(`${prefix}-state`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
  new aws.s3.BucketServerSideEncryptionConfiguration(`${prefix}-state`, {
    bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
  }, opts);
  new aws.s3.BucketPublicAccessBlock(`${prefix}-state`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, opts);
  new aws.s3.BucketOwnershipControls(`${prefix}-state`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
  new aws.s3.BucketPolicy(`${prefix}-state`, {
    bucket: bucket.id,
    policy: bucket.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }] })),
  }, opts);
  (Object.keys(ENVIRONMENTS) as EnvironmentName[]).forEach((environment, index) => new aws.iam.RolePolicy(`${prefix}-state-access-${index + 1}`, {
    role: roles[environment].name,
    policy: pulumi.all([bucket.arn, key.arn]).apply(([bucketArn, keyArn]) => JSON.stringify(stateAccessPolicy(bucketArn, keyArn, ENVIRONMENTS[environment].policies === "deploy"))),
  }, opts));
  const workflowRoles = Object.values(roles);
  // The deploy policies grant bucket and key administration on "*" in the fleet's regions (the
  // tenants' own buckets and keys need it): an explicit Deny, which overrides any Allow (IAM User
  // Guide, reference_policies_evaluation-logic.html), keeps every workflow role and the deploy
  // role from destroying the state backend.
  [...workflowRoles, deployRole].forEach((role, index) => new aws.iam.RolePolicy(`${prefix}-state-guard-${index + 1}`, {
    role: role.name,
    policy: pulumi.all([bucket.arn, key.arn, alias.arn]).apply(([bucketArn, keyArn, aliasArn]) => JSON.stringify(stateGuardPolicy(bucketArn, keyArn, aliasArn))),
  }, opts));
  return {
    bucketArn: bucket.arn,
    keyArn: key.arn,
    outputs: {
      PULUMI_BACKEND_URL: pulumi.interpolate`s3://${bucket.bucket}?region=${region}`,
      PULUMI_SECRETS_PROVIDER: pulumi.interpolate`awskms://${alias.name}?region=${region}`,
    },
  };
}

/**
 * What a workflow role may do with the state. Pulumi's DIY backend (pkg/backend/diy/backend.go in
 * pulumi/pulumi) takes a lock, and writes checkpoints, history and backups, only for an update:
 * `Preview` calls `apply` without `b.Lock`, `Refresh` with `PreviewOnly` (the drift check,
 * `refresh --preview-only`) skips the lock, and `apply` creates the snapshot manager only when
 * `kind != apitype.PreviewUpdate && !opts.DryRun` and adds history and backups only when
 * `!opts.DryRun`. So preview and drift only read objects and decrypt with the key (the stack's
 * data key is wrapped with KMS and unwrapped with kms:Decrypt); production also writes and
 * deletes (its lock file, `.pulumi/locks/…`, is deleted on unlock, lock.go `Unlock`) and wraps
 * keys of the stacks it creates.
 */
export function stateAccessPolicy(bucketArn: string, keyArn: string, writes: boolean) {
  return {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketVersioning"], Resource: bucketArn },
      { Effect: "Allow", Action: writes ? ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] : ["s3:GetObject"], Resource: `${bucketArn}/*` },
      { Effect: "Allow", Action: writes ? ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"] : ["kms:Decrypt", "kms:DescribeKey"], Resource: keyArn },
    ],
  };
}

/**
 * Bucket-level S3 actions that could suspend versioning, expire or delete the state's history,
 * open the bucket or change its encryption (Service Authorization Reference,
 * list_amazons3.html), and object version deletion: with versioning on, `s3:DeleteObject` only
 * adds a delete marker, `s3:DeleteObjectVersion` removes a version for good (S3 User Guide,
 * DeletingObjectVersions.html).
 */
export const STATE_BUCKET_DENIED = [
  "s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:PutBucketPolicy", "s3:PutBucketVersioning", "s3:PutLifecycleConfiguration",
  "s3:PutEncryptionConfiguration", "s3:PutBucketOwnershipControls", "s3:PutBucketPublicAccessBlock", "s3:PutBucketAcl", "s3:PutReplicationConfiguration",
] as const;
export const STATE_OBJECT_DENIED = ["s3:DeleteObjectVersion", "s3:PutObjectAcl", "s3:PutObjectVersionAcl"] as const;

/**
 * KMS actions that would make the state key unusable or hand it to someone else: deletion,
 * disabling, a new key policy, grants, and the alias every stack names (kms:DeleteAlias and
 * kms:UpdateAlias are authorized on the alias and the key, list_awskeymanagementservice.html).
 */
export const STATE_KEY_DENIED = [
  "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:DisableKeyRotation", "kms:PutKeyPolicy", "kms:CreateGrant", "kms:DeleteAlias", "kms:UpdateAlias",
] as const;

/** The explicit Deny that guards the state bucket, its objects' history and its key. */
export function stateGuardPolicy(bucketArn: string, keyArn: string, aliasArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "KeepStateBucket", Effect: "Deny", Action: [...STATE_BUCKET_DENIED], Resource: bucketArn },
      { Sid: "KeepStateHistory", Effect: "Deny", Action: [...STATE_OBJECT_DENIED], Resource: `${bucketArn}/*` },
      { Sid: "KeepStateKey", Effect: "Deny", Action: [...STATE_KEY_DENIED], Resource: [keyArn, aliasArn] },
    ],
  };
}
