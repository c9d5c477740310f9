/**
 * Values AWS defines (regions, zones, instance types and classes, engine versions, log
 * retentions) are refused in the tenant file, with the file's position, the key path and what is
 * allowed, instead of planning "ok" and failing at deploy time.
 */
import { describe, expect, it } from "vitest";
import { parseTenant } from "../../tenant-schema/load-tenant";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";
import { COMMERCIAL_REGIONS, REGION_ZONE_LETTERS, usableZoneCount } from "../../components/shared/aws-catalog";
import { MOCK_ZONE_LETTERS } from "../../tools/plan/mock-fixtures";

function messages(yaml: string): string {
  const result = parseTenant("tenants/acme.yaml", Buffer.from(yaml));
  return result.ok ? "accepted" : formatIssues(result.issues).replaceAll("tenants/acme.yaml:", "");
}

/** A tenant with every section that takes an AWS-defined value: web with workers, database, cache. */
const FULL = dataTenantYaml(MYSQL, ["engine: valkey", "nodeType: cache.t4g.small"])
  .replace("  scaling: { min: 2, max: 6 }", "  scaling: { min: 2, max: 6 }\n  workers: { command: [worker], instanceType: t4g.small }\n  logRetentionDays: 30")
  .replace("  nat: single", "  nat: single\n  flowLogs: { retentionDays: 90 }");

const swap = (from: string, to: string) => {
  if (!FULL.includes(from)) throw new Error(`the base tenant has no "${from}"`);
  return FULL.replace(from, to);
};

describe("AWS-defined values in the tenant file", () => {
  it("accepts the base tenant", () => {
    expect(messages(FULL)).toBe("accepted");
  });

  it.each([
    ["a region that does not exist", swap("region: eu-central-1", "region: eu-moon-7"), "aws.region"],
    ["an availability zone the region does not have", swap("zones: 2", "zones: [eu-central-1a, eu-central-1h]"), "network.zones[1]"],
    ["an EC2 instance type that does not exist", swap("instanceType: t4g.small\n  app", "instanceType: t4g.humongous\n  app"), "web.instanceType"],
    ["a worker instance type that does not exist", swap("instanceType: t4g.small }", "instanceType: t4g.humongous }"), "web.workers.instanceType"],
    ["an RDS class that does not exist", swap("instanceClass: db.t4g.medium", "instanceClass: db.t4g.humongous"), "database.instanceClass"],
    ["a retired RDS class (db.m1, which the SDK's enum still lists)", swap("instanceClass: db.t4g.medium", "instanceClass: db.m1.small"), "database.instanceClass"],
    ["a retired RDS class (db.m3, which the SDK's enum still lists)", swap("instanceClass: db.t4g.medium", "instanceClass: db.m3.medium"), "database.instanceClass"],
    ["a cache node type that does not exist", swap("nodeType: cache.t4g.small", "nodeType: cache.t4g.humongous"), "cache.nodeType"],
    ["a cache version the engine does not have", swap("nodeType: cache.t4g.small", 'nodeType: cache.t4g.small\n  version: "99.9"'), "cache.version"],
    ["a flow log retention CloudWatch Logs refuses", swap("flowLogs: { retentionDays: 90 }", "flowLogs: { retentionDays: 2 }"), "network.flowLogs.retentionDays"],
    ["an instance log retention CloudWatch Logs refuses", swap("logRetentionDays: 30", "logRetentionDays: 2"), "web.logRetentionDays"],
  ])("refuses %s with its key path", (_label, yaml, path) => {
    // The first message is the value's own; a wrong region also makes region-bound ARNs disagree.
    const found = messages(yaml).split("\n");
    expect(found[0]).toMatch(new RegExp(`^\\d+:\\d+: ${path.replace(/[.[\]]/g, "\\$&")}: `));
    expect(found.filter((line) => line.includes(`: ${path}: `))).toHaveLength(1);
  });

  it.each([
    ["region", swap("region: eu-central-1", "region: eu-moon-7"),
      '2:11: aws.region: "eu-moon-7" is not an AWS commercial region; regions: af-south-1, ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-6, ap-southeast-7, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1, me-central-1, me-south-1, mx-central-1, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2'],
    ["misspelt region", swap("region: eu-central-1", "region: eu-centrl-1"),
      '2:11: aws.region: "eu-centrl-1" is not an AWS commercial region (did you mean "eu-central-1"?); regions: af-south-1, ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-6, ap-southeast-7, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1, me-central-1, me-south-1, mx-central-1, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2'],
    ["zone", swap("zones: 2", "zones: [eu-central-1a, eu-central-1h]"),
      '5:26: network.zones[1]: "eu-central-1h" is not an availability zone of eu-central-1; its zones are eu-central-1a, eu-central-1b, eu-central-1c'],
    ["instance type", swap("instanceType: t4g.small\n  app", "instanceType: t4g.humongous\n  app"),
      '13:17: web.instanceType: "t4g.humongous" is not an EC2 instance type; t4g comes in 2xlarge, large, medium, micro, nano, small, xlarge'],
    ["cache version", swap("nodeType: cache.t4g.small", 'nodeType: cache.t4g.small\n  version: "99.9"'),
      '31:12: cache.version: valkey 99.9 is not offered by ElastiCache (Redis OSS ends at 7.1, Valkey starts at 7.2); choose one of "7.2", "8.0", "8.1", "8.2", "9.0", "9.1"'],
    ["zone c of ca-central-1, which has a, b and d", swap("zones: 2", "zones: [ca-central-1a, ca-central-1c]").replace("region: eu-central-1", "region: ca-central-1").replace("backupRegion: eu-west-1", "backupRegion: us-east-1"),
      '5:26: network.zones[1]: "ca-central-1c" is not an availability zone of ca-central-1; its zones are ca-central-1a, ca-central-1b, ca-central-1d'],
    ["three zones in us-west-1, where an account has two", swap("zones: 2", "zones: 3").replace("region: eu-central-1", "region: us-west-1").replace("backupRegion: eu-west-1", "backupRegion: us-east-1"),
      "5:10: network.zones: asks for 3 zones, but an account has 2 in us-west-1; use network.zones: 2"],
    ["three zones in us-west-1 from the large preset", `preset: large\n${swap("  zones: 2\n", "").replace("region: eu-central-1", "region: us-west-1").replace("backupRegion: eu-west-1", "backupRegion: us-east-1")}`,
      "network.zones: asks for 3 zones, but an account has 2 in us-west-1; use network.zones: 2 (the value comes from preset large; set network.zones in the file to override it)"],
  ])("says what is allowed: %s", (_label, yaml, expected) => {
    expect(messages(yaml).split("\n")[0]).toContain(expected);
  });

  it("the offline account sees only zones that exist, as many as an account has", () => {
    expect(Object.keys(MOCK_ZONE_LETTERS).sort()).toEqual([...COMMERCIAL_REGIONS]);
    for (const region of COMMERCIAL_REGIONS) {
      const letters = [...MOCK_ZONE_LETTERS[region]!];
      expect(letters.filter((letter) => !REGION_ZONE_LETTERS[region]!.includes(letter)), region).toEqual([]);
      expect(letters.length, region).toBe(usableZoneCount(region));
    }
  });
});
