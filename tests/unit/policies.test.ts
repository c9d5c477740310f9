/** Each rule of the policy pack passes a compliant resource and fails a non-compliant one. */
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../policies/all-rules";
import type { Rule, RuleArgs } from "../../policies/rule";

function violations(rule: Rule, type: string, props: Record<string, unknown>, protect = false): string[] {
  const found: string[] = [];
  const args = { type, props, urn: `urn:pulumi:s::p::${type}::r`, name: "r", opts: { protect, ignoreChanges: [] } } as unknown as RuleArgs;
  for (const validate of [rule.validateResource ?? []].flat()) void validate(args as never, (message) => found.push(message));
  return found;
}
const byName = (name: string) => ALL_RULES.find((r) => r.name === name)!;

const CASES: { rule: string; type: string; good: Record<string, unknown>; bad: Record<string, unknown>; message: string; protect?: [boolean, boolean] }[] = [
  { rule: "rds-storage-encrypted", type: "aws:rds/instance:Instance", good: { storageEncrypted: true }, bad: { storageEncrypted: false }, message: "the database's storage is not encrypted: set storageEncrypted" },
  { rule: "rds-not-public", type: "aws:rds/instance:Instance", good: { publiclyAccessible: false }, bad: { publiclyAccessible: true }, message: "the database is publicly accessible" },
  { rule: "launch-template-imdsv2", type: "aws:ec2/launchTemplate:LaunchTemplate", good: { metadataOptions: { httpTokens: "required" } }, bad: { metadataOptions: { httpTokens: "optional" } }, message: "instances would answer IMDSv1: set metadataOptions.httpTokens to required" },
  { rule: "launch-template-no-public-ip", type: "aws:ec2/launchTemplate:LaunchTemplate", good: { networkInterfaces: [{ associatePublicIpAddress: "false" }] }, bad: { networkInterfaces: [{ associatePublicIpAddress: "true" }] }, message: "instances would get a public IP address" },
  { rule: "security-group-no-open-ingress", type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", good: { cidrIpv4: "10.0.0.0/16" }, bad: { cidrIpv4: "0.0.0.0/0" }, message: "the rule admits the whole internet" },
  { rule: "security-group-no-open-ingress", type: "aws:ec2/securityGroup:SecurityGroup", good: { ingress: [{ cidrBlocks: ["10.0.0.0/8"] }] }, bad: { ingress: [{ ipv6CidrBlocks: ["::/0"] }] }, message: "an inline rule admits the whole internet" },
  { rule: "kms-key-rotation", type: "aws:kms/key:Key", good: { enableKeyRotation: true }, bad: {}, message: "the key does not rotate: set enableKeyRotation" },
  { rule: "load-balancer-drops-invalid-headers", type: "aws:lb/loadBalancer:LoadBalancer", good: { loadBalancerType: "application", dropInvalidHeaderFields: true }, bad: { loadBalancerType: "application" }, message: "the load balancer passes invalid header fields on" },
  { rule: "sns-topic-encrypted", type: "aws:sns/topic:Topic", good: { kmsMasterKeyId: "arn:aws:kms:x" }, bad: {}, message: "the topic is not encrypted: set kmsMasterKeyId" },
  { rule: "alarm-has-actions", type: "aws:cloudwatch/metricAlarm:MetricAlarm", good: { alarmActions: ["arn:aws:sns:x"] }, bad: { alarmActions: [] }, message: "the alarm has no actions" },
  { rule: "s3-public-access-blocked", type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", good: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, bad: { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true }, message: "blockPublicPolicy is not true" },
  { rule: "stateful-resources-protected", type: "aws:backup/vault:Vault", good: {}, bad: {}, protect: [true, false], message: "the resource is not protected (Pulumi protect)" },
  { rule: "database-final-snapshot", type: "aws:rds/instance:Instance", good: { finalSnapshotIdentifier: "db-final-1", deletionProtection: true }, bad: { skipFinalSnapshot: true, deletionProtection: true }, message: "no final snapshot would be taken" },
];

describe("policy rules", () => {
  it("cover every rule of the pack with a case", () => {
    expect([...new Set(CASES.map((c) => c.rule))].sort()).toEqual(ALL_RULES.map((r) => r.name).sort());
  });

  it.each(CASES)("$rule passes the compliant $type and reports the other", ({ rule, type, good, bad, message, protect }) => {
    expect(violations(byName(rule), type, good, protect?.[0] ?? false)).toEqual([]);
    expect(violations(byName(rule), type, bad, protect?.[1] ?? false)).toEqual([message]);
  });

  it("name the control each rule implements in its description", () => {
    for (const rule of ALL_RULES) expect(rule.description, rule.name).toMatch(/\((FSBP|CIS|platform data safety)[^)]*\)$/);
  });

  it("accept an unprotected database whose replacement the tenant file declares", () => {
    const rule = byName("stateful-resources-protected");
    expect(violations(rule, "aws:rds/instance:Instance", { tags: { "tenant-platform:replacement": "moving to PostgreSQL" } })).toEqual([]);
    expect(violations(rule, "aws:rds/instance:Instance", { tags: {} })).toEqual(["the resource is not protected (Pulumi protect)"]);
  });

  it("leave other resource types alone", () => {
    expect(violations(byName("kms-key-rotation"), "aws:s3/bucket:Bucket", {})).toEqual([]);
  });
});
