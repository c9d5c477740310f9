import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { BucketPolicyStatement } from "./bucket-policy-statement";
import { nameTags } from "./naming";

export type { BucketPolicyStatement } from "./bucket-policy-statement";

export interface SecureBucketArgs {
  /** Region the bucket lives in. @default the provider's */
  region?: string;
  /**
   * Exact bucket name, for buckets others must find by name (S3 names are global).
   * @default a unique name derived from `name`
   */
  bucketName?: string;
  /**
   * KMS key for default encryption (SSE-KMS with a bucket key).
   * @default SSE-S3 (AES-256): only for buckets read by anonymous, IP-restricted requests (such
   * as a CDN's), which S3 refuses for SSE-KMS objects
   */
  kmsKeyArn?: pulumi.Input<string>;
  /** Days a replaced or deleted object's old versions are kept. */
  noncurrentVersionDays: number;
  /**
   * Days after which current objects expire (become noncurrent versions).
   * @default never
   */
  expireAfterDays?: number;
  /**
   * Statements added to the bucket policy after the TLS-only deny, given the bucket's ARN.
   * @default none
   */
  policyStatements?: (bucketArn: string) => pulumi.Input<BucketPolicyStatement[]>;
  tags?: Record<string, string>;
}

/** Bucket owner enforced (no ACLs) and every kind of public access blocked. */
export function keepPrivate(name: string, bucket: aws.s3.Bucket, region: string | undefined, parent: pulumi.Resource): void {
  new aws.s3.BucketOwnershipControls(name, { region, bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, { parent });
  new aws.s3.BucketPublicAccessBlock(name, {
    region,
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  }, { parent });
}

export interface SecureBucket {
  readonly bucket: aws.s3.Bucket;
  readonly versioning: aws.s3.BucketVersioning;
}

/**
 * A private bucket for data that must not be lost: versioned, encrypted (a KMS key unless told),
 * public access blocked, object ownership enforced, TLS-only, old versions expiring after the
 * retention; `protect`ed and kept when removed from the program.
 */
export function createSecureBucket(name: string, args: SecureBucketArgs, parent: pulumi.Resource): SecureBucket {
  const opts = { parent };
  const region = args.region;
  const bucket = new aws.s3.Bucket(name, {
    region,
    bucket: args.bucketName,
    forceDestroy: false,
    tags: nameTags(name, args.tags),
  }, { parent, protect: true, retainOnDelete: true });
  const versioning = new aws.s3.BucketVersioning(name, {
    region,
    bucket: bucket.id,
    versioningConfiguration: { status: "Enabled" },
  }, opts);
  keepPrivate(name, bucket, region, parent);
  new aws.s3.BucketServerSideEncryptionConfiguration(name, {
    region,
    bucket: bucket.id,
    rules: [args.kmsKeyArn === undefined
      ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
      : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true }],
  }, opts);
  new aws.s3.BucketLifecycleConfiguration(name, {
    region,
    bucket: bucket.id,
    rules: [{
      id: "expire-old-versions",
      status: "Enabled",
      filter: { prefix: "" },
      noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays },
      ...(args.expireAfterDays === undefined ? {} : { expiration: { days: args.expireAfterDays } }),
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    }],
  }, { parent, dependsOn: [versioning] });
  new aws.s3.BucketPolicy(name, {
    region,
    bucket: bucket.id,
    policy: bucket.arn.apply((arn) => pulumi.output(args.policyStatements?.(arn) ?? []).apply((extra) => JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [arn, `${arn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        ...extra,
      ],
    }))),
  }, opts);
  return { bucket, versioning };
}
