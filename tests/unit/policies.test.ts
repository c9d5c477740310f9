/** Each resource rule of the policy pack passes a compliant resource and fails a non-compliant one, through CrossGuard's entry. */
import { readFileSync } from "node:fs";
import type { ResourceValidationArgs } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../policies/all-rules";
import { PREFLIGHT_RULES } from "../../policies/preflight";
import type { ResourceRule } from "../../policies/rule";

/** Runs a rule the way CrossGuard does: `validateResource(args, report)`. */
function violations(rule: ResourceRule, type: string, props: Record<string, unknown>, protect = false): string[] {
  const found: string[] = [];
  const args = { type, props, urn: `urn:pulumi:s::p::${type}::r`, name: "r", opts: { protect, ignoreChanges: [] } } as unknown as ResourceValidationArgs;
  for (const validate of [rule.validateResource ?? []].flat()) void validate(args, (message) => found.push(message));
  return found;
}
// The preflight rules have their cases in tests/unit/preflight-rules.test.ts.
const RESOURCE_RULES = ALL_RULES.filter((r): r is ResourceRule => r.kind === "resource" && !PREFLIGHT_RULES.includes(r));
const byName = (name: string) => RESOURCE_RULES.find((r) => r.name === name)!;

const DB = "aws:rds/instance:Instance";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const ASG = "aws:autoscaling/group:Group";
const ADMIN = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
const SCOPED = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }] });

const CASES: { rule: string; type: string; good: Record<string, unknown>; bad: Record<string, unknown>; message: string; protect?: [boolean, boolean] }[] = [
  { rule: "rds-storage-encrypted", type: DB, good: { storageEncrypted: true }, bad: { storageEncrypted: false }, message: "the database's storage is not encrypted: set storageEncrypted" },
  { rule: "rds-not-public", type: DB, good: { publiclyAccessible: false }, bad: { publiclyAccessible: true }, message: "the database is publicly accessible" },
  { rule: "rds-log-exports", type: DB, good: { engine: "postgres", enabledCloudwatchLogsExports: ["postgresql", "upgrade"] }, bad: { engine: "mysql", enabledCloudwatchLogsExports: ["error"] }, message: "logs not exported to CloudWatch Logs: slowquery (enabledCloudwatchLogsExports)" },
  { rule: "rds-auto-minor-version-upgrade", type: DB, good: { autoMinorVersionUpgrade: true }, bad: { autoMinorVersionUpgrade: false }, message: "minor version upgrades are off: set autoMinorVersionUpgrade" },
  { rule: "launch-template-imdsv2", type: LT, good: { metadataOptions: { httpTokens: "required" } }, bad: { metadataOptions: { httpTokens: "optional" } }, message: "instances would answer IMDSv1: set metadataOptions.httpTokens to required" },
  { rule: "launch-template-no-public-ip", type: LT, good: { networkInterfaces: [{ associatePublicIpAddress: "false" }] }, bad: { networkInterfaces: [{ associatePublicIpAddress: "true" }] }, message: "instances would get a public IP address" },
  { rule: "launch-template-encrypted-volumes", type: LT, good: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] }, bad: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false" } }] }, message: "volume /dev/xvda is not encrypted: set ebs.encrypted" },
  { rule: "auto-scaling-group-launch-template", type: ASG, good: { launchTemplate: { id: "lt-1", version: "1" } }, bad: { launchConfiguration: "old" }, message: "the group has no launch template (launch configurations are retired)" },
  { rule: "auto-scaling-group-several-zones", type: ASG, good: { vpcZoneIdentifiers: ["subnet-a", "subnet-b"] }, bad: { vpcZoneIdentifiers: ["subnet-a"] }, message: "the group spans 1 zone: give it subnets in at least two" },
  { rule: "security-group-no-open-ingress", type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", good: { cidrIpv4: "10.0.0.0/16" }, bad: { cidrIpv4: "0.0.0.0/0" }, message: "the rule admits the whole internet" },
  { rule: "security-group-no-open-ingress", type: "aws:ec2/securityGroup:SecurityGroup", good: { ingress: [{ cidrBlocks: ["10.0.0.0/8"] }] }, bad: { ingress: [{ ipv6CidrBlocks: ["::/0"] }] }, message: "an inline rule admits the whole internet" },
  { rule: "subnet-no-auto-public-ip", type: "aws:ec2/subnet:Subnet", good: { mapPublicIpOnLaunch: false }, bad: { mapPublicIpOnLaunch: true }, message: "the subnet assigns public IP addresses on launch: set mapPublicIpOnLaunch false" },
  { rule: "kms-key-rotation", type: "aws:kms/key:Key", good: { enableKeyRotation: true }, bad: {}, message: "the key does not rotate: set enableKeyRotation" },
  { rule: "iam-no-wildcard-admin", type: "aws:iam/rolePolicy:RolePolicy", good: { policy: SCOPED }, bad: { policy: ADMIN }, message: 'a statement allows Action "*" on Resource "*" (full administrator)' },
  { rule: "iam-no-wildcard-admin", type: "aws:iam/role:Role", good: { inlinePolicies: [{ name: "read", policy: SCOPED }] }, bad: { inlinePolicies: [{ name: "all", policy: ADMIN }] }, message: 'a statement allows Action "*" on Resource "*" (full administrator)' },
  { rule: "role-trusts-only-services", type: "aws:iam/role:Role", good: { assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }) }, bad: { assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "sts:AssumeRole" }] }) }, message: "statement 0 trusts AWS arn:aws:iam::210987654321:root: a tenant role may be assumed only by AWS services (Principal.Service); the deploy policy cannot stop another account from being trusted, so this check does" },
  { rule: "iam-no-wildcard-admin", type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", good: { policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }, bad: { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, message: "attaches AdministratorAccess (every action on every resource)" },
  { rule: "load-balancer-drops-invalid-headers", type: LB, good: { loadBalancerType: "application", dropInvalidHeaderFields: true }, bad: { loadBalancerType: "application" }, message: "the load balancer passes invalid header fields on: set dropInvalidHeaderFields" },
  { rule: "load-balancer-access-logs", type: LB, good: { accessLogs: { bucket: "logs", enabled: true } }, bad: { accessLogs: { bucket: "logs", enabled: false } }, message: "access logs are off: set accessLogs { bucket, enabled: true }" },
  { rule: "load-balancer-deletion-protection", type: LB, good: { enableDeletionProtection: true }, bad: { enableDeletionProtection: false }, message: "deletion protection is off: set enableDeletionProtection" },
  { rule: "load-balancer-deletion-protection", type: LB, good: { enableDeletionProtection: false, tags: { "tenant-platform:deletion": "contract ended" } }, bad: { enableDeletionProtection: false, tags: { "tenant-platform:replacement": "not a deletion" } }, message: "deletion protection is off: set enableDeletionProtection" },
  { rule: "load-balancer-desync-mitigation", type: LB, good: { desyncMitigationMode: "strictest" }, bad: { desyncMitigationMode: "monitor" }, message: "desync mitigation mode is monitor: use defensive or strictest" },
  { rule: "http-listener-redirects-to-https", type: LISTENER, good: { protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] }, bad: { protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }] }, message: "the HTTP listener serves requests instead of redirecting them to HTTPS" },
  { rule: "https-listener-tls-policy", type: LISTENER, good: { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }, bad: { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-2016-08" }, message: "the listener's TLS policy ELBSecurityPolicy-2016-08 allows old protocols: use ELBSecurityPolicy-TLS13-1-2-2021-06 or stricter" },
  { rule: "backup-vault-cmk", type: "aws:backup/vault:Vault", good: { kmsKeyArn: "arn:aws:kms:eu-west-1:1:key/abc" }, bad: {}, message: "the vault uses AWS's default key: set kmsKeyArn to a customer-managed key" },
  { rule: "sns-topic-encrypted", type: "aws:sns/topic:Topic", good: { kmsMasterKeyId: "arn:aws:kms:x" }, bad: {}, message: "the topic is not encrypted: set kmsMasterKeyId" },
  { rule: "alarm-has-actions", type: "aws:cloudwatch/metricAlarm:MetricAlarm", good: { alarmActions: ["arn:aws:sns:x"] }, bad: { alarmActions: [] }, message: "the alarm has no actions" },
  { rule: "stateful-resources-protected", type: "aws:backup/vault:Vault", good: {}, bad: {}, protect: [true, false], message: "the resource is not protected (Pulumi protect)" },
  { rule: "stateful-resources-protected", type: "aws:s3/bucket:Bucket", good: {}, bad: {}, protect: [true, false], message: "the resource is not protected (Pulumi protect)" },
  { rule: "stateful-resources-protected", type: "cloudflare:index/zone:Zone", good: {}, bad: {}, protect: [true, false], message: "the resource is not protected (Pulumi protect)" },
  { rule: "database-final-snapshot", type: DB, good: { finalSnapshotIdentifier: "db-final-1", deletionProtection: true }, bad: { skipFinalSnapshot: true, deletionProtection: true }, message: "no final snapshot would be taken" },
  { rule: "database-final-snapshot", type: DB, good: { finalSnapshotIdentifier: "db-final-2", deletionProtection: false, tags: { "tenant-platform:replacement": "moving to another engine" } }, bad: { finalSnapshotIdentifier: "db-final-2", deletionProtection: false }, message: "deletion protection is off, and the tenant file declares no replacement" },
];

describe("resource rules", () => {
  it("cover every resource rule of the pack with a case", () => {
    expect([...new Set(CASES.map((c) => c.rule))].sort()).toEqual(RESOURCE_RULES.map((r) => r.name).sort());
  });

  it.each(CASES)("$rule passes the compliant $type and reports the other", ({ rule, type, good, bad, message, protect }) => {
    expect(violations(byName(rule), type, good, protect?.[0] ?? false)).toEqual([]);
    expect(violations(byName(rule), type, bad, protect?.[1] ?? false)).toEqual([message]);
  });

  it("name the control each rule implements in its description", () => {
    for (const rule of ALL_RULES) expect(rule.description, rule.name).toMatch(/\((FSBP|CIS|platform)[^)]*\)$/);
  });

  it("are each listed in policies/README.md with their control and level", () => {
    const readme = readFileSync("policies/README.md", "utf8");
    for (const rule of ALL_RULES) expect(readme, rule.name).toContain(`| \`${rule.name}\` | ${rule.control} | ${rule.enforcementLevel} | ${rule.kind} |`);
  });

  it("have unique names", () => {
    expect(new Set(ALL_RULES.map((r) => r.name)).size).toBe(ALL_RULES.length);
  });

  it("accept an unprotected database whose replacement the tenant file declares", () => {
    const rule = byName("stateful-resources-protected");
    expect(violations(rule, DB, { tags: { "tenant-platform:replacement": "moving to PostgreSQL" } })).toEqual([]);
    expect(violations(rule, DB, { tags: {} })).toEqual(["the resource is not protected (Pulumi protect)"]);
  });

  it("leave read replicas and other resource types alone", () => {
    expect(violations(byName("rds-storage-encrypted"), DB, { replicateSourceDb: "primary", storageEncrypted: false })).toEqual([]);
    expect(violations(byName("kms-key-rotation"), "aws:s3/bucket:Bucket", {})).toEqual([]);
    expect(violations(byName("https-listener-tls-policy"), LISTENER, { protocol: "HTTP" })).toEqual([]);
  });

  it("accept every modern TLS policy family and refuse the default", () => {
    const rule = byName("https-listener-tls-policy");
    for (const policy of ["ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-FS-1-2-Res-2020-10", "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09"]) {
      expect(violations(rule, LISTENER, { protocol: "HTTPS", sslPolicy: policy }), policy).toEqual([]);
    }
    expect(violations(rule, LISTENER, { protocol: "HTTPS" })).toEqual(["the listener's TLS policy is the default (allows TLS 1.0): use ELBSecurityPolicy-TLS13-1-2-2021-06 or stricter"]);
  });
});
