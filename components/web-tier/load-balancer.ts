import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTags, providerNamed } from "../shared/naming";
import { DELETION_TAG, reasonTagValue } from "../shared/reason-tag";
import { keepPrivate } from "../shared/secure-bucket";
import type { HealthCheckArgs, LoadBalancerArgs } from "./args";
import { accessLogBucketPolicy, LEGACY_ELB_LOG_REGIONS } from "./load-balancer-logs";
import { NGINX_HEALTH_PATH } from "./nginx-config";

/**
 * Load balancer and target group names are at most 32 characters (terraform-provider-aws
 * `internal/service/elbv2/validate.go` validName and validTargetGroupName; the bridge auto-names
 * target groups with `AutoName("name", 32, "-")`, pulumi-aws `provider/aliases.go`).
 */
export const ELB_NAME_MAX_LENGTH = 32;

/**
 * Their name prefixes are at most 6 characters (the same file: validNamePrefix, and
 * validTargetGroupNamePrefix's 32 − id.UniqueIDSuffixLength (26)).
 */
export const ELB_NAME_PREFIX_MAX_LENGTH = 6;

/**
 * How load balancers and target groups are named: always by the provider ({@link providerNamed}),
 * never with a fixed name. Each is replaced when a ForceNew argument changes (terraform-provider-aws
 * `internal/service/elbv2/load_balancer.go`: name, name_prefix, internal, load_balancer_type,
 * customer_owned_ipv4_pool; `target_group.go`: name, name_prefix, port, protocol, protocol_version,
 * target_type, vpc_id, ip_address_type; of these the platform sets port, protocol, target_type and
 * vpc_id, and the VPC is new when the network is) or its logical name changes, and the replacement is created first: the provider refuses a second
 * one of the same name ("ELBv2 Load Balancer (…) already exists", "ELBv2 Target Group (…) already
 * exists" in the create functions of those files). A target group cannot be deleted first either
 * while the listener forwards to it (ELB API reference, DeleteTargetGroup: "You can delete a
 * target group if it is not referenced by any actions"; ResourceInUse).
 */
function elbNaming(logicalName: string): { namePrefix?: string } {
  return providerNamed(logicalName, ELB_NAME_MAX_LENGTH, ELB_NAME_PREFIX_MAX_LENGTH);
}

/** Consecutive passing checks that make a target healthy. */
export const HEALTHY_THRESHOLD = 2;

export { DELETION_TAG } from "../shared/reason-tag";

/** TLS 1.3 and 1.2 only, forward secrecy only. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export interface LoadBalancerParts {
  readonly loadBalancer: aws.lb.LoadBalancer;
  readonly targetGroup: aws.lb.TargetGroup;
  /** The HTTPS listener, once there is a certificate. */
  readonly httpsListener?: aws.lb.Listener;
  readonly accessLogBucket: aws.s3.Bucket;
}

/** The access log bucket: private, owner-enforced, SSE-S3 (what ALB log delivery supports), expiring. */
function accessLogBucket(
  name: string,
  region: string,
  retentionDays: number,
  tags: Record<string, string> | undefined,
  parent: pulumi.Resource,
): { bucket: aws.s3.Bucket; policy: aws.s3.BucketPolicy } {
  const opts = { parent };
  const bucket = new aws.s3.Bucket(`${name}-access-logs`, {
    forceDestroy: false,
    tags: nameTags(`${name}-access-logs`, tags),
  }, { parent, protect: true, retainOnDelete: true });
  keepPrivate(`${name}-access-logs`, bucket, undefined, parent);
  new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-access-logs`, {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
  }, opts);
  new aws.s3.BucketLifecycleConfiguration(`${name}-access-logs`, {
    bucket: bucket.id,
    rules: [{
      id: "expire-access-logs",
      status: "Enabled",
      // Logs only: the trust store's CA bundle lives in this bucket too.
      filter: { prefix: "AWSLogs/" },
      expiration: { days: retentionDays },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    }],
  }, opts);
  const identity = aws.getCallerIdentityOutput({}, opts);
  const elbAccount = LEGACY_ELB_LOG_REGIONS.has(region) ? aws.elb.getServiceAccountOutput({}, opts).arn : pulumi.output(undefined);
  const policy = new aws.s3.BucketPolicy(`${name}-access-logs`, {
    bucket: bucket.id,
    policy: pulumi.all([bucket.arn, identity, elbAccount]).apply(([bucketArn, id, elbAccountArn]) =>
      accessLogBucketPolicy({ bucketArn, accountId: id.accountId, partition: id.arn.split(":")[1] ?? "aws", elbAccountArn })),
  }, opts);
  return { bucket, policy };
}

/** A trust store holding the client CA, its bundle kept in the (private) access log bucket. */
function createTrustStore(name: string, bucket: aws.s3.Bucket, caPem: pulumi.Input<string>, tags: Record<string, string> | undefined, parent: pulumi.Resource): aws.lb.TrustStore {
  // Keyed by content: a new CA is a new object and a new trust store, never a stale read.
  const key = pulumi.output(caPem).apply((pem) => `trust-store/client-ca-${createHash("sha256").update(pem).digest("hex").slice(0, 16)}.pem`);
  const bundle = new aws.s3.BucketObjectv2(`${name}-client-ca`, {
    bucket: bucket.id,
    key,
    content: caPem,
    contentType: "application/x-pem-file",
    tags: nameTags(`${name}-client-ca`, tags),
  }, { parent });
  return new aws.lb.TrustStore(`${name}-client-ca`, {
    // Trust store names are at most 32 characters: a short prefix, AWS-unique suffix.
    namePrefix: "tpca-",
    caCertificatesBundleS3Bucket: bucket.bucket,
    caCertificatesBundleS3Key: bundle.key,
    tags: nameTags(`${name}-client-ca`, tags),
  }, { parent, dependsOn: [bundle] });
}

/**
 * An internet-facing Application Load Balancer in the public subnets: HTTPS with a TLS 1.3
 * policy, HTTP only redirecting to HTTPS, invalid header fields dropped, access logs kept.
 */
export function createLoadBalancer(args: {
  name: string;
  region: string;
  vpcId: pulumi.Input<string>;
  subnetIds: pulumi.Input<string>[];
  securityGroupId: pulumi.Input<string>;
  settings: LoadBalancerArgs;
  healthCheck: HealthCheckArgs;
  tags: Record<string, string> | undefined;
  parent: pulumi.Resource;
}): LoadBalancerParts {
  const { name, settings, parent, tags } = args;
  const opts = { parent };
  const logs = accessLogBucket(name, args.region, settings.accessLogRetentionDays, tags, parent);
  const loadBalancer = new aws.lb.LoadBalancer(`${name}-alb`, {
    // Auto-named while `<name>-alb-<7>` fits (names up to 20 characters: existing names stay),
    // else by a name prefix: never a fixed name, so that a replacement can be created.
    ...elbNaming(`${name}-alb`),
    loadBalancerType: "application",
    internal: false,
    subnets: args.subnetIds,
    securityGroups: [args.securityGroupId],
    dropInvalidHeaderFields: true,
    desyncMitigationMode: "defensive",
    enableDeletionProtection: settings.deletionReason === undefined && settings.deletionProtection,
    idleTimeout: settings.idleTimeoutSeconds,
    accessLogs: { bucket: logs.bucket.bucket, enabled: true },
    tags: nameTags(`${name}-alb`, settings.deletionReason === undefined ? tags : { ...tags, [DELETION_TAG]: reasonTagValue(settings.deletionReason) }),
  }, {
    ...opts,
    // The load balancer checks on creation that it may write its logs: the policy must exist first.
    dependsOn: [logs.policy],
  });
  const stickiness = settings.stickinessSeconds;
  const targetGroup = new aws.lb.TargetGroup(`${name}-web`, {
    ...elbNaming(`${name}-web`),
    vpcId: args.vpcId,
    port: 80,
    protocol: "HTTP",
    targetType: "instance",
    deregistrationDelay: settings.deregistrationDelaySeconds,
    healthCheck: {
      enabled: true,
      // nginx's health path: healthy when the application answers at all (nginx-config.ts), since
      // the check sends the target's IP as Host (which Django refuses with 400) and must not fail
      // every target at once when a dependency of the application fails.
      path: NGINX_HEALTH_PATH,
      protocol: "HTTP",
      matcher: args.healthCheck.matcher,
      interval: args.healthCheck.intervalSeconds,
      timeout: 5,
      healthyThreshold: HEALTHY_THRESHOLD,
      unhealthyThreshold: 3,
    },
    stickiness: { type: "lb_cookie", enabled: stickiness > 0, cookieDuration: stickiness > 0 ? stickiness : 86400 },
    tags: nameTags(`${name}-web`, tags),
  }, opts);
  const trustStore = settings.clientCaPem ? createTrustStore(name, logs.bucket, settings.clientCaPem, tags, parent) : undefined;
  const httpsListener = settings.certificateArn === undefined ? undefined : new aws.lb.Listener(`${name}-https`, {
    loadBalancerArn: loadBalancer.arn,
    port: 443,
    protocol: "HTTPS",
    sslPolicy: TLS_POLICY,
    certificateArn: settings.certificateArn,
    defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
    mutualAuthentication: trustStore ? { mode: "verify", trustStoreArn: trustStore.arn, ignoreClientCertificateExpiry: false } : undefined,
    tags: nameTags(`${name}-https`, tags),
  }, { ...opts, dependsOn: settings.clientCaDependsOn });
  new aws.lb.Listener(`${name}-http`, {
    loadBalancerArn: loadBalancer.arn,
    port: 80,
    protocol: "HTTP",
    defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    tags: nameTags(`${name}-http`, tags),
  }, opts);
  return { loadBalancer, targetGroup, httpsListener, accessLogBucket: logs.bucket };
}
