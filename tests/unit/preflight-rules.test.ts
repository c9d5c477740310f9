/**
 * The preflight pack: each rule passes what AWS accepts and reports what AWS would refuse at
 * deploy time, through CrossGuard's own entry points (validateResource / validateStack).
 */
import type { PolicyResource, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../policies/all-rules";
import { PREFLIGHT_RULES } from "../../policies/preflight";
import type { ResourceRule, StackRule } from "../../policies/rule";

const DB = "aws:rds/instance:Instance";
const CACHE = "aws:elasticache/replicationGroup:ReplicationGroup";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";

function violations(rule: ResourceRule, type: string, props: Record<string, unknown>, options: { deleteBeforeReplace?: boolean } = {}): string[] {
  const found: string[] = [];
  const args = { type, props, urn: `urn:pulumi:s::p::${type}::r`, name: "r", opts: { protect: false, ignoreChanges: [], ...options } } as unknown as ResourceValidationArgs;
  for (const validate of [rule.validateResource ?? []].flat()) void validate(args, (message) => found.push(message));
  return found;
}

const byName = (name: string) => PREFLIGHT_RULES.find((r) => r.name === name)!;
const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const names = (n: number) => Array.from({ length: n }, (_, i) => `h${i}.acme.example`);

const CASES: { rule: string; type: string; good: Record<string, unknown>; bad: Record<string, unknown>; message: string }[] = [
  { rule: "rds-engine-version", type: DB, good: { engine: "postgres", engineVersion: "16" }, bad: { engine: "mysql", engineVersion: "5.7" }, message: "mysql 5.7 is not offered; choose one of 8.0, 8.4" },
  { rule: "rds-storage-autoscaling-ceiling", type: DB, good: { allocatedStorage: 100, maxAllocatedStorage: 110 }, bad: { allocatedStorage: 100, maxAllocatedStorage: 100 }, message: "maxAllocatedStorage 100 GiB is not at least 10 % above allocatedStorage 100 GiB (at least 110); leave it out to turn autoscaling off" },
  { rule: "rds-storage-autoscaling-ceiling", type: DB, good: { allocatedStorage: 100 }, bad: { allocatedStorage: 100, maxAllocatedStorage: 105 }, message: "maxAllocatedStorage 105 GiB is not at least 10 % above allocatedStorage 100 GiB (at least 110); leave it out to turn autoscaling off" },
  { rule: "rds-performance-insights-offered", type: DB, good: { engine: "mysql", instanceClass: "db.t4g.medium", performanceInsightsEnabled: true }, bad: { engine: "mariadb", instanceClass: "db.t4g.small", performanceInsightsEnabled: true }, message: "db.t4g.small does not offer Performance Insights for mariadb" },
  { rule: "elasticache-engine-version", type: CACHE, good: { engine: "redis", engineVersion: "7.1" }, bad: { engine: "redis", engineVersion: "8.0" }, message: "redis 8.0 is not offered by ElastiCache; choose one of 6.2, 7.0, 7.1" },
  { rule: "elasticache-engine-version", type: CACHE, good: { engine: "valkey", engineVersion: "8.0" }, bad: { engine: "valkey", engineVersion: "7.1" }, message: "valkey 7.1 is not offered by ElastiCache; choose one of 7.2, 8.0, 8.1, 8.2, 9.0, 9.1" },
  { rule: "instance-types-exist", type: LT, good: { instanceType: "t4g.small" }, bad: { instanceType: "t4g.humongous" }, message: 'instanceType "t4g.humongous" is not an EC2 instance type' },
  { rule: "instance-types-exist", type: DB, good: { instanceClass: "db.r7g.large" }, bad: { instanceClass: "db.t4g.humongous" }, message: 'instanceClass "db.t4g.humongous" is not an RDS DB instance class' },
  { rule: "instance-types-exist", type: CACHE, good: { nodeType: "cache.t4g.small" }, bad: { nodeType: "cache.t4g.huge" }, message: 'nodeType "cache.t4g.huge" is not an ElastiCache node type' },
  { rule: "log-group-retention-accepted", type: "aws:cloudwatch/logGroup:LogGroup", good: { retentionInDays: 14 }, bad: { retentionInDays: 2 }, message: "retentionInDays 2 is not accepted by CloudWatch Logs; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653" },
  { rule: "user-data-within-limit", type: LT, good: { userData: base64("x".repeat(16384)) }, bad: { userData: base64("x".repeat(16385)) }, message: "user data is 16385 bytes before base64 encoding; EC2 takes at most 16384 (16 KB)" },
  { rule: "user-data-within-limit", type: "aws:ec2/instance:Instance", good: { userData: "é".repeat(8192) }, bad: { userData: "é".repeat(8193) }, message: "user data is 16386 bytes before base64 encoding; EC2 takes at most 16384 (16 KB)" },
  { rule: "acm-certificate-names-within-quota", type: "aws:acm/certificate:Certificate", good: { domainName: "acme.example", subjectAlternativeNames: ["acme.example", ...names(9)] }, bad: { domainName: "acme.example", subjectAlternativeNames: names(10) }, message: "the certificate names 11 domains; ACM issues at most 10 per certificate (default quota)" },
  { rule: "explicit-names-valid", type: DB, good: { identifier: "acme-db", finalSnapshotIdentifier: "acme-db-final-0a1b2c3d" }, bad: { identifier: "acme--db" }, message: 'identifier "acme--db" is refused by AWS: it must be a name that has no two consecutive hyphens' },
  { rule: "explicit-names-valid", type: DB, good: { identifier: "a".repeat(63) }, bad: { identifier: "Acme-db-" }, message: 'identifier "Acme-db-" is refused by AWS: it must be a name that holds only lowercase letters, digits and hyphens, starts with a letter, does not end with a hyphen' },
  { rule: "explicit-names-valid", type: CACHE, good: { replicationGroupId: "a".repeat(40) }, bad: { replicationGroupId: "a".repeat(41) }, message: `replicationGroupId "${"a".repeat(41)}" is refused by AWS: it must be a name that is 1 to 40 characters` },
  { rule: "explicit-names-valid", type: "aws:lb/loadBalancer:LoadBalancer", good: { name: "acme-web" }, bad: { name: "internal-acme" }, message: 'name "internal-acme" is refused by AWS: it must be a name that does not start with "internal-"' },
  { rule: "explicit-names-valid", type: "aws:lb/targetGroup:TargetGroup", good: { name: "a".repeat(32) }, bad: { name: `${"a".repeat(32)}-` }, message: `name "${"a".repeat(32)}-" is refused by AWS: it must be a name that is 1 to 32 characters, neither starts nor ends with a hyphen` },
  { rule: "elb-names-replaceable", type: "aws:lb/loadBalancer:LoadBalancer", good: { namePrefix: "north-" }, bad: { name: "acme-alb" }, message: 'name "acme-alb" is fixed: a replacement is created before the old load balancer is deleted, and AWS refuses a second load balancer of that name; leave the name to the provider (namePrefix) or set deleteBeforeReplace' },
  { rule: "elb-names-replaceable", type: "aws:lb/targetGroup:TargetGroup", good: {}, bad: { name: "acme-web" }, message: 'name "acme-web" is fixed: a replacement is created before the old target group is deleted, and AWS refuses a second target group of that name (deleting it first fails while a listener forwards to it); leave the name to the provider (namePrefix)' },
];

describe("preflight resource rules", () => {
  it("cover every preflight resource rule with a case", () => {
    const resourceRules = PREFLIGHT_RULES.filter((r) => r.kind === "resource").map((r) => r.name).sort();
    expect([...new Set(CASES.map((c) => c.rule))].sort()).toEqual(resourceRules);
  });

  it.each(CASES)("$rule passes what AWS accepts and reports what it refuses ($type)", ({ rule, type, good, bad, message }) => {
    expect(violations(byName(rule) as ResourceRule, type, good)).toEqual([]);
    expect(violations(byName(rule) as ResourceRule, type, bad)).toEqual([message]);
  });

  it("run in every plan, mandatory (the image note advisory), as part of the pack", () => {
    for (const rule of PREFLIGHT_RULES) {
      expect(ALL_RULES).toContain(rule);
      expect(rule.enforcementLevel, rule.name).toBe(rule.name === "image-pinned-for-fleet" ? "advisory" : "mandatory");
    }
  });
});

describe("elb-names-replaceable", () => {
  const rule = byName("elb-names-replaceable") as ResourceRule;
  const withOptions = (type: string, deleteBeforeReplace: boolean) => violations(rule, type, { name: "acme-alb" }, { deleteBeforeReplace });

  it("passes a fixed load balancer name when the load balancer is deleted before its replacement is created", () => {
    expect(withOptions("aws:lb/loadBalancer:LoadBalancer", true)).toEqual([]);
    expect(withOptions("aws:lb/loadBalancer:LoadBalancer", false)).toHaveLength(1);
  });

  it("reports a fixed target group name even with deleteBeforeReplace (the listener still forwards to it)", () => {
    expect(withOptions("aws:lb/targetGroup:TargetGroup", true)).toHaveLength(1);
  });
});

describe("rds-replica-source-password", () => {
  const rule = byName("rds-replica-source-password") as StackRule;
  /** CrossGuard's stack arguments for a primary and its replica (the replica depends on the primary through replicateSourceDb). */
  function stack(managed: boolean): StackValidationArgs {
    const primary = { type: DB, urn: "urn:pulumi:s::p::aws:rds/instance:Instance::acme-db", name: "acme-db", props: { identifier: "acme-db", ...(managed ? { manageMasterUserPassword: true } : { password: "secret" }) }, opts: { protect: true }, propertyDependencies: {} } as unknown as PolicyResource;
    const replica = { type: DB, urn: "urn:pulumi:s::p::aws:rds/instance:Instance::acme-db-replica-1", name: "acme-db-replica-1", props: { identifier: "acme-db-replica-1", replicateSourceDb: "acme-db" }, opts: { protect: false }, propertyDependencies: { replicateSourceDb: [primary] } } as unknown as PolicyResource;
    return { resources: [primary, replica], getConfig: () => ({}) } as unknown as StackValidationArgs;
  }
  const report = (args: StackValidationArgs) => {
    const found: string[] = [];
    void rule.validateStack(args, (message) => found.push(message));
    return found;
  };

  it("passes a replica of a primary whose password the stack keeps", () => {
    expect(report(stack(false))).toEqual([]);
  });

  it("reports a replica of a primary whose password RDS manages", () => {
    expect(report(stack(true))).toEqual([
      "RDS cannot create this read replica: its source acme-db manages its master password in Secrets Manager (manageMasterUserPassword); keep the password outside RDS (password) instead",
    ]);
  });
});

describe("image-pinned-for-fleet", () => {
  const rule = byName("image-pinned-for-fleet") as StackRule;
  const template = { type: LT, urn: `urn:pulumi:s::p::${LT}::acme-web`, name: "acme-web", props: {}, protect: false, region: "eu-central-1", references: {} };
  const notes = (image: string | undefined) =>
    rule.check({ resources: [template], declared: { hostnames: [], zonePlan: "free", image }, config: {} }).map((f) => `${f.urn}: ${f.message}`);

  it("notes an image of another registry named by tag, on the launch template", () => {
    expect(notes("ghcr.io/acme/site:1.4")).toEqual([
      `${template.urn}: web.app.image "ghcr.io/acme/site:1.4" is named by a tag, which its registry may move to another image: pin \`@sha256:\`; instances started at different times may run different versions (only ECR tags are resolved to a digest at deploy)`,
    ]);
  });

  it("says nothing of an image pinned by digest, an ECR image (resolved at deploy) or a tenant without a web tier", () => {
    expect(notes(`ghcr.io/acme/site@sha256:${"a".repeat(64)}`)).toEqual([]);
    expect(notes(`ghcr.io/acme/site:1.4@sha256:${"a".repeat(64)}`)).toEqual([]);
    expect(notes("123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/site:1.4")).toEqual([]);
    expect(notes(undefined)).toEqual([]);
  });
});

