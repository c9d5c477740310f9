/** The bucket policy statements of a media bucket: reads from Cloudflare's edge, writes by the app. */
import type { BucketPolicyStatement } from "../shared/secure-bucket";

/** Inputs of {@link mediaPolicyStatements}. */
export interface MediaPolicyInputs {
  readonly bucketArn: string;
  /** Cloudflare's published edge ranges, IPv4 and IPv6. */
  readonly cloudflareCidrs: readonly string[];
}

/**
 * Anonymous `GetObject` limited to Cloudflare's edge addresses. S3 counts a policy restricted to a
 * set of CIDRs with `aws:SourceIp` as non-public, so Block Public Access stays fully on; listing
 * is not granted, so nobody can enumerate the bucket. Writes need IAM (the app role), not this.
 */
export function mediaPolicyStatements(inputs: MediaPolicyInputs): BucketPolicyStatement[] {
  if (inputs.cloudflareCidrs.length === 0) {
    throw new RangeError("Cloudflare's edge ranges came back empty; refusing to write a media bucket policy nobody can read through");
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
