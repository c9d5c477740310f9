/**
 * S3 rules: every bucket of the stack is private, TLS-only, encrypted, versioned (when it holds
 * data rather than logs) and owner-enforced. In AWS provider 7.x each of these is its own
 * resource next to the bucket, so the rules follow each bucket's companions.
 */
import { stackRule, type StackFinding } from "../rule";
import { ofType, referencing, type StackResource } from "../stack-view";
import { policyStatements } from "./policy-documents";
import { record, records, text } from "./values";
import { isNonPublicSourceRange } from "../../components/media-bucket/media-policy";

const BUCKET = "aws:s3/bucket:Bucket";
const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";

/** The resources of `type` that configure `bucket` (through their `bucket` property). */
const companions = (resources: readonly StackResource[], bucket: StackResource, type: string) => referencing(resources, bucket, type, "bucket");

/** A bucket load balancers write access logs to: logs only, and ALB log delivery supports SSE-S3 only. */
const isAccessLogBucket = (resources: readonly StackResource[], bucket: StackResource) => referencing(resources, bucket, LOAD_BALANCER, "accessLogs").length > 0;

/**
 * True for a statement granting anonymous `s3:GetObject` only, and only from fixed `aws:SourceIp`
 * ranges (IPv4 /8 or longer, IPv6 /32 or longer: what S3 itself counts as non-public).
 */
function isIpRestrictedAnonymousRead(statement: Record<string, unknown>): boolean {
  const actions = [statement["Action"]].flat().map(String);
  const ranges = [record(record(statement["Condition"])["IpAddress"])["aws:SourceIp"]].flat().map(String).filter((cidr) => cidr !== "undefined");
  return statement["Effect"] === "Allow" && statement["Principal"] === "*" && actions.length === 1 && actions[0] === "s3:GetObject"
    && ranges.length > 0 && ranges.every(isNonPublicSourceRange);
}

/**
 * A bucket a CDN reads anonymously: its policy grants anonymous `GetObject` from fixed address
 * ranges only (the CDN's edge). S3 refuses anonymous reads of SSE-KMS objects, so such a bucket
 * can only use SSE-S3.
 */
const isEdgeServedBucket = (resources: readonly StackResource[], bucket: StackResource) => {
  const anonymous = companions(resources, bucket, BUCKET_POLICY)
    .flatMap((policy) => policyStatements(policy.props["policy"]))
    .filter((statement) => statement["Effect"] === "Allow" && statement["Principal"] === "*");
  return anonymous.length > 0 && anonymous.every(isIpRestrictedAnonymousRead);
};

/** A stack rule checking each bucket's companions of one type. */
function perBucket(check: (bucket: StackResource, resources: readonly StackResource[]) => string | undefined) {
  return ({ resources }: { resources: readonly StackResource[] }): StackFinding[] => ofType(resources, BUCKET).flatMap((bucket) => {
    const message = check(bucket, resources);
    return message ? [{ urn: bucket.urn, message }] : [];
  });
}

const BLOCK_SETTINGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const bucketPublicAccessBlocked = stackRule({
  name: "s3-public-access-blocked",
  control: "FSBP S3.8, CIS 2.1.4",
  description: "Every bucket blocks every kind of public access",
  check: perBucket((bucket, resources) => {
    const blocks = companions(resources, bucket, PUBLIC_ACCESS_BLOCK);
    if (blocks.length === 0) return "the bucket has no public access block";
    const off = BLOCK_SETTINGS.filter((setting) => !blocks.some((block) => block.props[setting] === true));
    return off.length > 0 ? `public access is not fully blocked: ${off.join(", ")} not true` : undefined;
  }),
});

/** True for a statement denying every request that does not use TLS. */
function deniesInsecureTransport(statement: Record<string, unknown>): boolean {
  const condition = record(record(statement["Condition"])["Bool"]);
  const secure = condition["aws:SecureTransport"];
  return statement["Effect"] === "Deny" && (secure === "false" || secure === false || (Array.isArray(secure) && secure.map(String).includes("false")));
}

export const bucketTlsOnly = stackRule({
  name: "s3-tls-only",
  control: "FSBP S3.5, CIS 2.1.1",
  description: "Every bucket's policy denies requests that do not use TLS (aws:SecureTransport false)",
  check: perBucket((bucket, resources) => {
    const policies = companions(resources, bucket, BUCKET_POLICY);
    return policies.some((policy) => policyStatements(policy.props["policy"]).some(deniesInsecureTransport))
      ? undefined
      : "no bucket policy denies requests without TLS (Deny when aws:SecureTransport is false)";
  }),
});

export const bucketEncrypted = stackRule({
  name: "s3-kms-encryption",
  control: "FSBP S3.17",
  description: "Every bucket encrypts with a KMS key (SSE-S3 only for load balancer access logs, the one encryption ALB log delivery supports, and for buckets a CDN reads anonymously from its fixed edge ranges, which S3 cannot serve from SSE-KMS)",
  check: perBucket((bucket, resources) => {
    const rules = companions(resources, bucket, ENCRYPTION).flatMap((config) => records(config.props["rules"]));
    const algorithms = rules.map((rule) => text(record(rule["applyServerSideEncryptionByDefault"])["sseAlgorithm"]));
    if (algorithms.length === 0) return "the bucket has no default encryption configuration";
    if (algorithms.some((algorithm) => algorithm.startsWith("aws:kms"))) return undefined;
    const sseS3Allowed = isAccessLogBucket(resources, bucket) || isEdgeServedBucket(resources, bucket);
    return sseS3Allowed && algorithms.includes("AES256") ? undefined : "the bucket is not encrypted with a KMS key: use sseAlgorithm aws:kms";
  }),
});

export const bucketVersioned = stackRule({
  name: "s3-versioning",
  control: "FSBP S3.14",
  description: "Every bucket that holds data (all but load balancer access logs) keeps object versions",
  check: perBucket((bucket, resources) => {
    if (isAccessLogBucket(resources, bucket)) return undefined;
    const enabled = companions(resources, bucket, VERSIONING).some((v) => record(v.props["versioningConfiguration"])["status"] === "Enabled");
    return enabled ? undefined : "the bucket does not keep object versions: add BucketVersioning with status Enabled";
  }),
});

export const bucketOwnerEnforced = stackRule({
  name: "s3-owner-enforced",
  control: "FSBP S3.12",
  description: "Every bucket disables ACLs (object ownership BucketOwnerEnforced)",
  check: perBucket((bucket, resources) => {
    const enforced = companions(resources, bucket, OWNERSHIP).some((c) => record(c.props["rule"])["objectOwnership"] === "BucketOwnerEnforced");
    return enforced ? undefined : "ACLs still apply to the bucket: add BucketOwnershipControls with objectOwnership BucketOwnerEnforced";
  }),
});
