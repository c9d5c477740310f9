/** Each stack rule passes a compliant hand-built stack and fails a weakened one; CrossGuard's stack entry finds the same. */
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../policies/all-rules";
import { PREFLIGHT_RULES } from "../../policies/preflight";
import type { TenantDeclarations } from "../../policies/declarations";
import { withConfigDefaults, type StackRule } from "../../policies/rule";
import type { StackResource } from "../../policies/stack-view";

type Node = StackResource & { references: Record<string, StackResource[]> };

let counter = 0;
function res(type: string, props: Record<string, unknown> = {}, options: { protect?: boolean; region?: string } = {}): Node {
  counter += 1;
  return { type, urn: `urn:pulumi:t::p::${type}::r${counter}`, name: `r${counter}`, props, protect: options.protect ?? false, region: options.region ?? "eu-west-1", references: {} };
}
function link(from: Node, property: string, ...targets: StackResource[]): Node {
  from.references[property] = [...(from.references[property] ?? []), ...targets];
  return from;
}

// The preflight rules have their cases in tests/unit/preflight-rules.test.ts.
const STACK_RULES = ALL_RULES.filter((r): r is StackRule => r.kind === "stack" && !PREFLIGHT_RULES.includes(r));
const byName = (name: string) => STACK_RULES.find((r) => r.name === name)!;
const run = (rule: StackRule, resources: StackResource[], declared?: TenantDeclarations, config: Record<string, unknown> = {}) =>
  rule.check({ resources, declared, config: withConfigDefaults(rule.configSchema, config) }).map((f) => f.message);

const DECLARED: TenantDeclarations = {
  database: { standby: true, backupRetentionDays: 14 },
  backup: { snapshotsKeepDays: 10, backupsKeepDays: 30, offsiteRegion: "eu-central-1" },
  hostnames: ["example.com", "www.example.com"],
  zonePlan: "pro",
};

function database(props: Record<string, unknown>, tls = true): Node[] {
  const group = res("aws:rds/parameterGroup:ParameterGroup", { parameters: [{ name: "require_secure_transport", value: tls ? "1" : "0" }] });
  return [link(res("aws:rds/instance:Instance", { engine: "mysql", multiAz: true, backupRetentionPeriod: 14, ...props }), "parameterGroupName", group), group];
}

function loadBalancer(options: { https: boolean; certificateValidated: boolean; openRule?: boolean }): Node[] {
  const lb = res("aws:lb/loadBalancer:LoadBalancer", { loadBalancerType: "application", internal: false });
  const group = res("aws:ec2/securityGroup:SecurityGroup", {});
  const prefixList = res("aws:ec2/managedPrefixList:ManagedPrefixList", {});
  link(lb, "securityGroups", group);
  const fromCloudflare = link(link(res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { fromPort: 443 }), "securityGroupId", group), "prefixListId", prefixList);
  const extra = options.openRule ? [link(res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { cidrIpv4: "203.0.113.0/24" }), "securityGroupId", group)] : [];
  const http = link(res("aws:lb/listener:Listener", { protocol: "HTTP" }), "loadBalancerArn", lb);
  const https = options.https ? [link(res("aws:lb/listener:Listener", { protocol: "HTTPS" }), "loadBalancerArn", lb)] : [];
  const certificate = res("aws:acm/certificate:Certificate", {});
  const validation = options.certificateValidated ? [link(res("aws:acm/certificateValidation:CertificateValidation", {}), "certificateArn", certificate)] : [];
  return [lb, group, prefixList, fromCloudflare, ...extra, http, ...https, certificate, ...validation];
}

function autoScaling(healthCheckType: string, served: boolean): Node[] {
  const target = res("aws:lb/targetGroup:TargetGroup", {});
  const group = link(res("aws:autoscaling/group:Group", { healthCheckType }), "targetGroupArns", target);
  const listeners = served ? [link(res("aws:lb/listener:Listener", { protocol: "HTTPS" }), "defaultActions", target)] : [];
  return [target, group, ...listeners];
}

/** Instances in one subnet reaching a MySQL database in another; `sshFromAnywhere` opens one rule more. */
function dataFlow(options: { sshFromAnywhere?: boolean }): Node[] {
  const vpc = res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16" });
  const app = res("aws:ec2/subnet:Subnet", { cidrBlock: "10.0.1.0/24" });
  const data = res("aws:ec2/subnet:Subnet", { cidrBlock: "10.0.2.0/24" });
  const instances = res("aws:ec2/securityGroup:SecurityGroup", {});
  const database = res("aws:ec2/securityGroup:SecurityGroup", {});
  const rule = (type: "Ingress" | "Egress", group: Node, peer: Node) =>
    link(link(res(`aws:vpc/securityGroup${type}Rule:SecurityGroup${type}Rule`, { ipProtocol: "tcp", fromPort: 3306, toPort: 3306 }), "securityGroupId", group), "referencedSecurityGroupId", peer);
  const template = link(res("aws:ec2/launchTemplate:LaunchTemplate", { userData: "" }), "vpcSecurityGroupIds", instances);
  const asg = link(link(res("aws:autoscaling/group:Group", {}), "launchTemplate", template), "vpcZoneIdentifiers", app);
  const subnetGroup = link(res("aws:rds/subnetGroup:SubnetGroup", {}), "subnetIds", data);
  const db = link(link(res("aws:rds/instance:Instance", { engine: "mysql", port: 3306 }), "vpcSecurityGroupIds", database), "dbSubnetGroupName", subnetGroup);
  const ssh = options.sshFromAnywhere
    ? [link(res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }), "securityGroupId", instances)]
    : [];
  return [vpc, app, data, instances, database, rule("Egress", instances, database), rule("Ingress", database, instances), template, asg, subnetGroup, db, ...ssh];
}

function network(options: { flowLog?: string; defaultGroup?: "closed" | "open" | "missing" }): Node[] {
  const vpc = res("aws:ec2/vpc:Vpc", {});
  const logs = options.flowLog ? [link(res("aws:ec2/flowLog:FlowLog", { trafficType: options.flowLog }), "vpcId", vpc)] : [];
  const groups = options.defaultGroup === "missing" ? [] : [link(res("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", {
    ingress: options.defaultGroup === "open" ? [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] : [],
    egress: [],
  }), "vpcId", vpc)];
  return [vpc, ...logs, ...groups];
}

const TLS_ONLY = JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] });

/** A bucket with its companions; `without` leaves one out, `override` changes one's properties. */
function bucket(options: { without?: string; override?: Record<string, Record<string, unknown>>; accessLogs?: boolean } = {}): Node[] {
  const b = res("aws:s3/bucket:Bucket", {});
  const companions: Record<string, Record<string, unknown>> = {
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    "aws:s3/bucketPolicy:BucketPolicy": { policy: TLS_ONLY },
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] },
    "aws:s3/bucketVersioning:BucketVersioning": { versioningConfiguration: { status: "Enabled" } },
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": { rule: { objectOwnership: "BucketOwnerEnforced" } },
  };
  const nodes = Object.entries(companions)
    .filter(([type]) => type !== options.without)
    .map(([type, props]) => link(res(type, { ...props, ...(options.override?.[type] ?? {}) }), "bucket", b));
  const lbs = options.accessLogs ? [link(res("aws:lb/loadBalancer:LoadBalancer", {}), "accessLogs", b)] : [];
  return [b, ...nodes, ...lbs];
}

function backupPlan(options: { offsiteRegion?: string; keep?: [number, number] }): Node[] {
  const local = res("aws:backup/vault:Vault", {}, { region: "eu-west-1" });
  const offsite = options.offsiteRegion ? [res("aws:backup/vault:Vault", {}, { region: options.offsiteRegion })] : [];
  const [snapshots, copies] = options.keep ?? [10, 30];
  const plan = link(res("aws:backup/plan:Plan", {
    rules: [{ ruleName: "daily", lifecycle: { deleteAfter: snapshots }, copyActions: offsite.length > 0 ? [{ destinationVaultArn: "arn", lifecycle: { deleteAfter: copies } }] : [] }],
  }, { region: "eu-west-1" }), "rules", local, ...offsite);
  return [local, ...offsite, plan];
}

function zone(options: { ssl?: string; ruleset?: string; proxied?: boolean }): Node[] {
  const z = res("cloudflare:index/zone:Zone", { name: "example.com" });
  const ssl = options.ssl ? [link(res("cloudflare:index/zoneSetting:ZoneSetting", { settingId: "ssl", value: options.ssl }), "zoneId", z)] : [];
  const waf = options.ruleset ? [link(res("cloudflare:index/ruleset:Ruleset", {
    phase: "http_request_firewall_managed",
    rules: [{ action: "execute", enabled: true, expression: "true", actionParameters: { id: options.ruleset } }],
  }), "zoneId", z)] : [];
  const records = [
    link(res("cloudflare:index/dnsRecord:DnsRecord", { type: "CNAME", name: "www.example.com", proxied: options.proxied ?? true }), "zoneId", z),
    link(res("cloudflare:index/dnsRecord:DnsRecord", { type: "CNAME", name: "_acme.example.com", proxied: false }), "zoneId", z),
  ];
  return [z, ...ssl, ...waf, ...records];
}

const CLOUDFLARE_MANAGED = "efb7b8c949ac4650a09736fc376e9aee";
const FREE_MANAGED = "77454fe2d30c4220b5701f6fdfb893ba";

/** A role of the sample tenant `example`, trusted by `service`, with the tenant boundary every tenant role carries. */
function tenantRole(service: string): StackResource {
  const role = res("aws:iam/role:Role", {
    assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] }),
    permissionsBoundary: "arn:aws:iam::123456789012:policy/tenant-platform-tenant-boundary",
  });
  return { ...role, name: "example-instances" };
}

const CASES: { rule: string; good: () => StackResource[]; bad: () => StackResource[]; message: string }[] = [
  { rule: "rds-multi-az-as-declared", good: () => database({}), bad: () => database({ multiAz: false }), message: "the tenant file asks for a standby (database.standby: true) but the database is not Multi-AZ" },
  { rule: "rds-backup-retention", good: () => database({}), bad: () => database({ backupRetentionPeriod: 7 }), message: "automated backups are kept 7 days; at least 14 required" },
  { rule: "rds-tls-enforced", good: () => database({}), bad: () => database({}, false), message: "does not set require_secure_transport = 1: unencrypted connections are accepted" },
  { rule: "load-balancer-serves-https", good: () => loadBalancer({ https: true, certificateValidated: true }), bad: () => loadBalancer({ https: false, certificateValidated: true }), message: "the load balancer has no HTTPS listener" },
  { rule: "load-balancer-only-from-cloudflare", good: () => loadBalancer({ https: true, certificateValidated: true }), bad: () => loadBalancer({ https: true, certificateValidated: true, openRule: true }), message: "the load balancer admits a source other than the Cloudflare prefix lists" },
  { rule: "auto-scaling-group-elb-health-checks", good: () => autoScaling("ELB", true), bad: () => autoScaling("EC2", true), message: "the group's target group serves traffic but the group ignores its health checks: set healthCheckType ELB" },
  { rule: "vpc-flow-logs", good: () => network({ flowLog: "ALL" }), bad: () => network({ flowLog: "ACCEPT" }), message: "the VPC has no flow log of ALL or REJECT traffic" },
  { rule: "network-reachability", good: () => dataFlow({}), bad: () => dataFlow({ sshFromAnywhere: true }), message: "admits tcp/22 from 0.0.0.0/0 (the whole internet), which no intended flow needs" },
  { rule: "default-security-group-closed", good: () => network({ defaultGroup: "closed" }), bad: () => network({ defaultGroup: "open" }), message: "the default security group has rules: leave ingress and egress empty" },
  { rule: "s3-public-access-blocked", good: () => bucket(), bad: () => bucket({ override: { "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": { restrictPublicBuckets: false } } }), message: "public access is not fully blocked: restrictPublicBuckets not true" },
  { rule: "s3-tls-only", good: () => bucket(), bad: () => bucket({ without: "aws:s3/bucketPolicy:BucketPolicy" }), message: "no bucket policy denies requests without TLS (Deny when aws:SecureTransport is false)" },
  { rule: "s3-kms-encryption", good: () => bucket(), bad: () => bucket({ override: { "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] } } }), message: "the bucket is not encrypted with a KMS key: use sseAlgorithm aws:kms" },
  { rule: "s3-versioning", good: () => bucket(), bad: () => bucket({ without: "aws:s3/bucketVersioning:BucketVersioning" }), message: "the bucket does not keep object versions: add BucketVersioning with status Enabled" },
  { rule: "s3-owner-enforced", good: () => bucket(), bad: () => bucket({ override: { "aws:s3/bucketOwnershipControls:BucketOwnershipControls": { rule: { objectOwnership: "ObjectWriter" } } } }), message: "ACLs still apply to the bucket: add BucketOwnershipControls with objectOwnership BucketOwnerEnforced" },
  { rule: "backup-offsite-copy", good: () => backupPlan({ offsiteRegion: "eu-central-1" }), bad: () => backupPlan({}), message: "the backup plan copies nothing to another region" },
  { rule: "backup-retention-as-declared", good: () => backupPlan({ offsiteRegion: "eu-central-1" }), bad: () => backupPlan({ offsiteRegion: "eu-central-1", keep: [10, 7] }), message: "rule daily keeps off-site copies 7 days; the tenant file declares backup.backupsKeepDays: 30" },
  { rule: "cloudflare-web-records-proxied", good: () => zone({}), bad: () => zone({ proxied: false }), message: "www.example.com is not proxied: set proxied true (and ttl 1)" },
  { rule: "cloudflare-ssl-strict", good: () => zone({ ssl: "strict" }), bad: () => zone({ ssl: "full" }), message: "SSL mode is full: set the ssl zone setting to strict" },
  { rule: "deploy-policy-grants-plan", good: () => [tenantRole("ec2.amazonaws.com")], bad: () => [tenantRole("states.amazonaws.com")], message: "does not let it pass the role to states.amazonaws.com (iam:PassRole with iam:PassedToService)" },
  { rule: "deploy-policy-covers-tenant", good: () => [tenantRole("ec2.amazonaws.com")], bad: () => [{ ...res("aws:iam/instanceProfile:InstanceProfile"), name: "unknown-tenant-instances" }], message: "does not let it create the instance-profile unknown-tenant-instances-…" },
  { rule: "cloudflare-managed-waf", good: () => zone({ ruleset: CLOUDFLARE_MANAGED }), bad: () => zone({ ruleset: FREE_MANAGED }), message: "the zone does not execute the Cloudflare Managed Ruleset (the zone's plan includes it) in http_request_firewall_managed" },
];

describe("stack rules", () => {
  it("cover every stack rule of the pack with a case", () => {
    expect([...new Set(CASES.map((c) => c.rule))].sort()).toEqual(STACK_RULES.map((r) => r.name).sort());
  });

  it.each(CASES)("$rule passes the compliant stack and reports the weakened one", ({ rule, good, bad, message }) => {
    expect(run(byName(rule), good(), DECLARED)).toEqual([]);
    const found = run(byName(rule), bad(), DECLARED);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it("keep to missing flows while a preview hides what the instances use (their user data or role policy)", () => {
    const hidden = dataFlow({ sshFromAnywhere: true }).map((r) => (r.type === "aws:ec2/launchTemplate:LaunchTemplate" ? { ...r, props: {} } : r));
    expect(run(byName("network-reachability"), hidden)).toEqual([]);
  });

  it("let HTTPS and ELB health checks wait while the certificate awaits the zone's delegation", () => {
    expect(run(byName("load-balancer-serves-https"), loadBalancer({ https: false, certificateValidated: false }))).toEqual([]);
    expect(run(byName("auto-scaling-group-elb-health-checks"), autoScaling("EC2", false))).toEqual([]);
  });

  it("let a live site's records point at its declared current hosting, unproxied, until the cutover, and nowhere else", () => {
    const rule = byName("cloudflare-web-records-proxied");
    const current = (content: string) => zone({}).map((r) => (r.props["name"] === "www.example.com" ? { ...r, props: { ...r.props, proxied: false, content } } : r));
    expect(run(rule, current("old-host.example"), { ...DECLARED, currentOrigin: "old-host.example" })).toEqual([]);
    expect(run(rule, current("elsewhere.example"), { ...DECLARED, currentOrigin: "old-host.example" })).toEqual(["www.example.com is not proxied: set proxied true (and ttl 1)"]);
    expect(run(rule, current("old-host.example"), DECLARED)).toEqual(["www.example.com is not proxied: set proxied true (and ttl 1)"]);
  });

  it("accept SSE-S3 and no versioning only on a load balancer's access log bucket", () => {
    const sseS3 = { "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] } };
    const logs = bucket({ accessLogs: true, without: "aws:s3/bucketVersioning:BucketVersioning", override: sseS3 });
    expect(run(byName("s3-kms-encryption"), logs)).toEqual([]);
    expect(run(byName("s3-versioning"), logs)).toEqual([]);
  });

  it("accept SSE-S3 on a bucket a CDN reads anonymously from fixed ranges only, not on one read by anyone", () => {
    const sseS3 = { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] };
    const withPolicy = (read: Record<string, unknown>) => bucket({ override: {
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": sseS3,
      "aws:s3/bucketPolicy:BucketPolicy": { policy: JSON.stringify({ Statement: [...(JSON.parse(TLS_ONLY) as { Statement: unknown[] }).Statement, read] }) },
    } });
    const edgeRead = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::media/*", Condition: { IpAddress: { "aws:SourceIp": ["173.245.48.0/20", "2400:cb00::/32"] } } };
    expect(run(byName("s3-kms-encryption"), withPolicy(edgeRead))).toEqual([]);
    const message = ["the bucket is not encrypted with a KMS key: use sseAlgorithm aws:kms"];
    expect(run(byName("s3-kms-encryption"), withPolicy({ ...edgeRead, Condition: undefined }))).toEqual(message);
    expect(run(byName("s3-kms-encryption"), withPolicy({ ...edgeRead, Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } }))).toEqual(message);
    // Ranges S3 itself counts as public (broader than IPv4 /8 or IPv6 /32) are not a CDN's edge.
    expect(run(byName("s3-kms-encryption"), withPolicy({ ...edgeRead, Condition: { IpAddress: { "aws:SourceIp": ["0.0.0.0/1"] } } }))).toEqual(message);
    expect(run(byName("s3-kms-encryption"), withPolicy({ ...edgeRead, Condition: { IpAddress: { "aws:SourceIp": ["173.245.48.0/20", "2a06:98c0::/29"] } } }))).toEqual(message);
    expect(run(byName("s3-kms-encryption"), withPolicy({ ...edgeRead, Action: ["s3:GetObject", "s3:PutObject"] }))).toEqual(message);
  });

  it("ask the Free plan for the Free Managed Ruleset only, and report a zone without any", () => {
    const free = { ...DECLARED, zonePlan: "free" as const };
    expect(run(byName("cloudflare-managed-waf"), zone({ ruleset: FREE_MANAGED }), free)).toEqual([]);
    expect(run(byName("cloudflare-managed-waf"), zone({}), free)).toEqual(["the zone does not execute a managed ruleset in http_request_firewall_managed"]);
  });

  it("compare with the tenant file only when it is known, and follow the configured minimum", () => {
    expect(run(byName("rds-multi-az-as-declared"), database({ multiAz: false }))).toEqual([]);
    expect(run(byName("backup-retention-as-declared"), backupPlan({ offsiteRegion: "eu-central-1", keep: [1, 1] }))).toEqual([]);
    expect(run(byName("rds-backup-retention"), database({ backupRetentionPeriod: 10 }))).toEqual([]);
    expect(run(byName("rds-backup-retention"), database({ backupRetentionPeriod: 10 }), undefined, { minimumDays: 21 })).toEqual(["automated backups are kept 10 days; at least 21 required"]);
  });

  it("report a default security group left unmanaged and off-site copies in another region than declared", () => {
    expect(run(byName("default-security-group-closed"), network({ defaultGroup: "missing" }))).toEqual(["the VPC's default security group is not managed, so it keeps AWS's allow-all rules"]);
    expect(run(byName("backup-offsite-copy"), backupPlan({ offsiteRegion: "us-east-1" }), DECLARED)).toEqual(["off-site copies go to us-east-1, not the declared aws.backupRegion eu-central-1"]);
  });

  it("run under CrossGuard's validateStack with references from property dependencies", () => {
    const asPolicyResource = (type: string, urn: string, props: Record<string, unknown>): PolicyResource => ({
      type, urn, name: urn, props, opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
      dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined,
    });
    const vpc = asPolicyResource("aws:ec2/vpc:Vpc", "urn:pulumi:t::p::aws:ec2/vpc:Vpc::vpc", {});
    const flowLog = asPolicyResource("aws:ec2/flowLog:FlowLog", "urn:pulumi:t::p::aws:ec2/flowLog:FlowLog::log", { trafficType: "ALL" });
    const reported: [string, string | undefined][] = [];
    const validate = (resources: PolicyResource[]) => {
      reported.length = 0;
      const args = { resources, stackTags: new Map(), getConfig: () => ({}), notApplicable: () => { throw new Error("not applicable"); } } as unknown as StackValidationArgs;
      void byName("vpc-flow-logs").validateStack(args, (message, urn) => reported.push([message, urn]));
      return [...reported];
    };
    expect(validate([vpc, flowLog])).toEqual([["the VPC has no flow log of ALL or REJECT traffic", vpc.urn]]);
    flowLog.propertyDependencies["vpcId"] = [vpc];
    expect(validate([vpc, flowLog])).toEqual([]);
  });
});
