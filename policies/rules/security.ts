/** Security rules: what auditors check (AWS Foundational Security Best Practices, CIS). */
import { rule } from "../rule";

const isPrimaryDatabase = (props: Record<string, unknown>) => !props["replicateSourceDb"];

export const rdsEncrypted = rule({
  name: "rds-storage-encrypted",
  control: "FSBP RDS.3",
  description: "RDS storage is encrypted at rest",
  types: ["aws:rds/instance:Instance"],
  check: ({ props }) => (isPrimaryDatabase(props) && props["storageEncrypted"] !== true ? ["the database's storage is not encrypted: set storageEncrypted"] : []),
});

export const rdsNotPublic = rule({
  name: "rds-not-public",
  control: "FSBP RDS.2",
  description: "RDS instances are not publicly accessible",
  types: ["aws:rds/instance:Instance"],
  check: ({ props }) => (props["publiclyAccessible"] === true ? ["the database is publicly accessible"] : []),
});

export const launchTemplateImdsV2 = rule({
  name: "launch-template-imdsv2",
  control: "FSBP EC2.170",
  description: "Launch templates require IMDSv2",
  types: ["aws:ec2/launchTemplate:LaunchTemplate"],
  check: ({ props }) => ((props["metadataOptions"] as { httpTokens?: string } | undefined)?.httpTokens !== "required"
    ? ["instances would answer IMDSv1: set metadataOptions.httpTokens to required"] : []),
});

export const launchTemplateNoPublicIp = rule({
  name: "launch-template-no-public-ip",
  control: "FSBP AutoScaling.5",
  description: "Instances launched by Auto Scaling get no public IP address",
  types: ["aws:ec2/launchTemplate:LaunchTemplate"],
  check: ({ props }) => ((props["networkInterfaces"] as { associatePublicIpAddress?: string }[] | undefined) ?? [])
    .some((nic) => nic.associatePublicIpAddress === "true") ? ["instances would get a public IP address"] : [],
});

const OPEN = ["0.0.0.0/0", "::/0"];

export const noOpenIngress = rule({
  name: "security-group-no-open-ingress",
  control: "FSBP EC2.18, CIS 5.2",
  description: "No security group admits the whole internet",
  types: ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:ec2/securityGroup:SecurityGroup"],
  check: ({ type, props }) => {
    if (type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
      return OPEN.includes(String(props["cidrIpv4"] ?? props["cidrIpv6"] ?? "")) ? ["the rule admits the whole internet"] : [];
    }
    const inline = (props["ingress"] as { cidrBlocks?: string[]; ipv6CidrBlocks?: string[] }[] | undefined) ?? [];
    return inline.some((r) => [...(r.cidrBlocks ?? []), ...(r.ipv6CidrBlocks ?? [])].some((c) => OPEN.includes(c)))
      ? ["an inline rule admits the whole internet"] : [];
  },
});

export const kmsRotation = rule({
  name: "kms-key-rotation",
  control: "FSBP KMS.4, CIS 3.6",
  description: "Customer-managed KMS keys rotate yearly",
  types: ["aws:kms/key:Key"],
  check: ({ props }) => (props["enableKeyRotation"] !== true ? ["the key does not rotate: set enableKeyRotation"] : []),
});

export const loadBalancerDropsInvalidHeaders = rule({
  name: "load-balancer-drops-invalid-headers",
  control: "FSBP ELB.4",
  description: "Application Load Balancers drop invalid HTTP header fields",
  types: ["aws:lb/loadBalancer:LoadBalancer"],
  check: ({ props }) => (props["loadBalancerType"] === "application" && props["dropInvalidHeaderFields"] !== true ? ["the load balancer passes invalid header fields on"] : []),
});

export const snsEncrypted = rule({
  name: "sns-topic-encrypted",
  control: "FSBP SNS.1",
  description: "SNS topics are encrypted with a KMS key",
  types: ["aws:sns/topic:Topic"],
  check: ({ props }) => (!props["kmsMasterKeyId"] ? ["the topic is not encrypted: set kmsMasterKeyId"] : []),
});

export const alarmsHaveActions = rule({
  name: "alarm-has-actions",
  control: "FSBP CloudWatch.15",
  description: "CloudWatch alarms notify someone",
  types: ["aws:cloudwatch/metricAlarm:MetricAlarm"],
  check: ({ props }) => (((props["alarmActions"] as unknown[] | undefined) ?? []).length === 0 ? ["the alarm has no actions"] : []),
});

export const bucketPublicAccessBlocked = rule({
  name: "s3-public-access-blocked",
  control: "FSBP S3.8",
  description: "S3 buckets block every kind of public access",
  types: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
  check: ({ props }) => ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]
    .filter((setting) => props[setting] !== true).map((setting) => `${setting} is not true`),
});
