/** The bucket policy statements of a media bucket: reads from Cloudflare's edge, writes by the app. */
import type { BucketPolicyStatement } from "../shared/bucket-policy-statement";

/** Inputs of {@link mediaPolicyStatements}. */
export interface MediaPolicyInputs {
  readonly bucketArn: string;
  /**
   * Cloudflare's published IPv4 edge ranges. Cloud Connector reaches the bucket's regional S3
   * endpoint, which answers on IPv4 only, so the IPv6 ranges are not needed (and one of them,
   * a /29, is broader than S3 allows in a non-public policy).
   */
  readonly cloudflareCidrs: readonly string[];
}

/**
 * True when S3 counts an `aws:SourceIp` range as fixed, not public: IPv4 prefixes of /8 or
 * longer, IPv6 prefixes of /32 or longer, single addresses ("The meaning of public", S3 user guide). A policy
 * granting anonymous access from a broader range is public, and Block Public Access rejects it.
 */
export function isNonPublicSourceRange(cidr: string): boolean {
  const match = /^([0-9a-fA-F:.]+)(?:\/(\d{1,3}))?$/.exec(cidr);
  if (!match) return false;
  const ipv6 = match[1]!.includes(":");
  // A bare address is a single host (/32, /128).
  const prefix = match[2] === undefined ? (ipv6 ? 128 : 32) : Number(match[2]);
  return ipv6 ? prefix >= 32 && prefix <= 128 : prefix >= 8 && prefix <= 32;
}

/**
 * Anonymous `GetObject` limited to Cloudflare's edge addresses. S3 counts a policy restricted to
 * fixed `aws:SourceIp` ranges as non-public, so Block Public Access stays fully on; listing is not
 * granted, so nobody can enumerate the bucket. Writes need IAM (the app role), not this.
 * Throws when the ranges are empty or one is broad enough to make the policy public.
 */
export function mediaPolicyStatements(inputs: MediaPolicyInputs): BucketPolicyStatement[] {
  if (inputs.cloudflareCidrs.length === 0) {
    throw new RangeError("Cloudflare's edge ranges came back empty; refusing to write a media bucket policy nobody can read through");
  }
  const broad = inputs.cloudflareCidrs.filter((cidr) => !isNonPublicSourceRange(cidr));
  if (broad.length > 0) {
    throw new RangeError(`Cloudflare range(s) ${broad.join(", ")} are broader than S3 allows in a non-public policy (IPv4 /8, IPv6 /32); Block Public Access would reject the media bucket policy`);
  }
  return [{
    Sid: "CloudflareEdgeReads",
    Effect: "Allow",
    Principal: "*",
    Action: "s3:GetObject",
    Resource: `${inputs.bucketArn}/*`,
    Condition: { IpAddress: { "aws:SourceIp": [...inputs.cloudflareCidrs].sort() } },
  }];
}

/** The identity policy that lets the app write, read and delete objects of the bucket. */
export function mediaWriterPolicy(bucketArn: string): object {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "MediaObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload"], Resource: `${bucketArn}/*` },
      { Sid: "MediaListing", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
    ],
  };
}
