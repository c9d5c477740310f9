import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { nameTags } from "./naming";

export interface SecureBucketArgs {
  /** Region the bucket lives in. @default the provider's */
  region?: string;
  /** KMS key for default encryption (SSE-KMS with a bucket key). */
  kmsKeyArn: pulumi.Input<string>;
  /** Days a replaced or deleted object's old versions are kept. */
  noncurrentVersionDays: number;
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
 * A private bucket for data that must not be lost: versioned, encrypted with a KMS key,
 * public access blocked, object ownership enforced, TLS-only, old versions expiring after the
 * retention; `protect`ed and kept when removed from the program.
 */
export function createSecureBucket(name: string, args: SecureBucketArgs, parent: pulumi.Resource): SecureBucket {
  const opts = { parent };
  const region = args.region;
  const bucket = new aws.s3.Bucket(name, {
    region,
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
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true }],
  }, opts);
  new aws.s3.BucketLifecycleConfiguration(name, {
    region,
    bucket: bucket.id,
    rules: [{
      id: "expire-old-versions",
      status: "Enabled",
      filter: { prefix: "" },
      noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    }],
  }, { parent, dependsOn: [versioning] });
  new aws.s3.BucketPolicy(name, {
    region,
    bucket: bucket.id,
    policy: bucket.arn.apply((arn) => JSON.stringify({
      Version: "2012-10-17",
      Statement: [{
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }],
    })),
  }, opts);
  return { bucket, versioning };
}
