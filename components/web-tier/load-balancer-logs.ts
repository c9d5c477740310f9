/** Who may write load balancer access logs into a bucket, by region. */

/**
 * Regions opened before August 2022, where access logs are written by the region's Elastic Load
 * Balancing account; newer regions use the log delivery service principal.
 */
export const LEGACY_ELB_LOG_REGIONS: ReadonlySet<string> = new Set([
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1", "ap-northeast-1",
  "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ca-central-1",
  "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1", "eu-south-1", "me-south-1", "sa-east-1",
  "us-gov-west-1", "us-gov-east-1", "cn-north-1", "cn-northwest-1",
]);

/** The bucket policy: log delivery may put objects under AWSLogs/<account>/, and only over TLS. */
export function accessLogBucketPolicy(args: {
  bucketArn: string;
  accountId: string;
  partition: string;
  /** ARN of the region's ELB account, for legacy regions. */
  elbAccountArn?: string;
}): string {
  const logs = `${args.bucketArn}/AWSLogs/${args.accountId}/*`;
  const writers = [
    { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
    ...(args.elbAccountArn ? [{ AWS: args.elbAccountArn }] : []),
  ];
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      ...writers.map((principal, i) => ({
        Sid: `LoadBalancerWritesLogs${i}`,
        Effect: "Allow",
        Principal: principal,
        Action: "s3:PutObject",
        Resource: logs,
      })),
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [args.bucketArn, `${args.bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  });
}
