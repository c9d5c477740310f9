import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { createSecureBucket } from "../shared/secure-bucket";
import { MEDIA_BUCKET_DEFAULTS } from "./defaults";
import { mediaPolicyStatements, mediaWriterPolicy } from "./media-policy";

/** Arguments of {@link MediaBucket}. */
export interface MediaBucketArgs {
  /** Fully qualified hostname that serves the bucket, in the zone `zoneId`. */
  hostname: string;
  /** Cloudflare zone of `hostname`. */
  zoneId: pulumi.Input<string>;
  /** Region the bucket lives in. @default the provider's */
  region?: string;
  /** Browser origins allowed by CORS (GET, HEAD, PUT, POST). @default [] (no CORS) */
  corsOrigins?: string[];
  /** Days a replaced or deleted object's old version is kept. @default 30 */
  noncurrentVersionDays?: number;
  /** Role (name) that may write, read and delete objects: the app's. @default none */
  writerRoleName?: pulumi.Input<string>;
  /** Tags for the bucket. @default {} */
  tags?: Record<string, string>;
}

/**
 * A bucket for user uploads and front-end assets, served at `hostname` through Cloudflare's cache.
 *
 * - Private to the world except Cloudflare's edge: the bucket policy grants `GetObject` only to
 *   Cloudflare's published IPv4 ranges (read with `getIpRanges` at each deploy; the regional S3
 *   endpoint Cloud Connector uses answers on IPv4 only); Block Public Access is fully on (a policy
 *   restricted to fixed `aws:SourceIp` ranges of /8 or longer is not public to S3). No listing.
 * - Cloudflare reaches it through a Cloud Connector rule (available on every plan), which sends
 *   the bucket's own S3 host name, so TLS to the origin is validated like any other.
 * - Versioned, with old versions expiring; encrypted at rest with SSE-S3, because S3 refuses
 *   anonymous (CDN) reads of SSE-KMS objects. `protect`ed and kept when removed from the program.
 * - The writer role gets object read/write/delete and listing on this bucket only.
 *
 * The zone has one Cloud Connector rule list: this component owns it (one media bucket per zone).
 */
export class MediaBucket extends pulumi.ComponentResource {
  public readonly bucket: aws.s3.Bucket;
  /** Bucket name. */
  public readonly bucketName: pulumi.Output<string>;
  /** The public base URL of the media (`https://<hostname>`). */
  public readonly baseUrl: string;

  constructor(name: string, args: MediaBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:media:MediaBucket", name, {}, opts);
    const parent = { parent: this };
    const region = args.region;
    const ranges = cloudflare.getIpRangesOutput({}, parent);
    // IPv4 only: Cloud Connector reaches the regional S3 endpoint, which answers on IPv4.
    const cidrs = ranges.apply((r) => [...r.ipv4Cidrs]);

    const { bucket } = createSecureBucket(`${name}-media`, {
      region,
      noncurrentVersionDays: args.noncurrentVersionDays ?? MEDIA_BUCKET_DEFAULTS.noncurrentVersionDays,
      policyStatements: (bucketArn) => cidrs.apply((cloudflareCidrs) => mediaPolicyStatements({ bucketArn, cloudflareCidrs })),
      tags: args.tags,
    }, this);
    this.bucket = bucket;
    this.bucketName = bucket.bucket;
    this.baseUrl = `https://${args.hostname}`;

    const origins = args.corsOrigins ?? [];
    if (origins.length > 0) {
      new aws.s3.BucketCorsConfiguration(`${name}-media`, {
        region,
        bucket: bucket.id,
        corsRules: [{
          allowedOrigins: origins,
          allowedMethods: ["GET", "HEAD", "PUT", "POST"],
          allowedHeaders: ["*"],
          exposeHeaders: ["ETag"],
          maxAgeSeconds: 3600,
        }],
      }, parent);
    }

    if (args.writerRoleName !== undefined) {
      new aws.iam.RolePolicy(`${name}-media-writer`, {
        role: args.writerRoleName,
        policy: bucket.arn.apply((arn) => JSON.stringify(mediaWriterPolicy(arn))),
      }, parent);
    }

    const s3Host = bucket.bucketRegionalDomainName;
    new cloudflare.DnsRecord(`${name}-media`, {
      zoneId: args.zoneId,
      name: args.hostname,
      type: "CNAME",
      content: s3Host,
      proxied: true,
      ttl: 1,
      comment: "Media bucket, served through Cloud Connector (tenant-platform)",
    }, parent);
    new cloudflare.CloudConnectorRules(`${name}-media`, {
      zoneId: args.zoneId,
      rules: [{
        cloudConnectorRulesProvider: "aws_s3",
        description: `Media of ${name} from S3`,
        enabled: true,
        expression: `http.host eq "${args.hostname}"`,
        parameters: { host: s3Host },
      }],
    }, { parent: this, deleteBeforeReplace: true });

    this.registerOutputs({ bucketName: this.bucketName, baseUrl: this.baseUrl });
  }
}
