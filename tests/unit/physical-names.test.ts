/** Physical names as the AWS provider forms them, and the rules of each type. */
import { describe, expect, it } from "vitest";
import { AUTO_NAME_SUFFIX_LENGTH, providerNamed } from "../../components/shared/naming";
import { physicalName } from "../../tools/plan/physical-names";

describe("auto-names", () => {
  it("are the logical name, a hyphen and 7 hex characters, the same on every run", () => {
    const first = physicalName("aws:sqs/queue:Queue", "acme-jobs", {});
    expect(first).toEqual({ name: expect.stringMatching(/^acme-jobs-[0-9a-f]{7}$/) });
    expect(physicalName("aws:sqs/queue:Queue", "acme-jobs", {})).toEqual(first);
  });

  it("follow each type's bridge rule: buckets lower-cased, RDS identifiers without separator, KMS aliases prefixed", () => {
    expect(physicalName("aws:s3/bucket:Bucket", "Acme-Logs", {})?.name).toMatch(/^acme-logs-[0-9a-f]{7}$/);
    expect(physicalName("aws:rds/instance:Instance", "acme-db", {})?.name).toMatch(/^acme-db[0-9a-f]{7}$/);
    expect(physicalName("aws:kms/alias:Alias", "acme-key", {})?.name).toMatch(/^alias\/acme-key-[0-9a-f]{7}$/);
  });

  it("are refused with the bridge's message where the bridge caps them (target groups at 32, IAM roles at 64)", () => {
    expect(physicalName("aws:lb/targetGroup:TargetGroup", "a".repeat(24), {})?.refusal).toBeUndefined();
    expect(physicalName("aws:lb/targetGroup:TargetGroup", "a".repeat(25), {})?.refusal).toBe(
      `could not make instance of 'aws:lb/targetGroup:TargetGroup': name '${"a".repeat(25)}-' plus 7 random chars is longer than maximum length 32`,
    );
    expect(physicalName("aws:iam/role:Role", "r".repeat(57), {})?.refusal).toMatch(/longer than maximum length 64$/);
  });
});

describe("name rules", () => {
  it.each([
    ["aws:lb/loadBalancer:LoadBalancer", "internal-shop", 'cannot begin with "internal-"'],
    ["aws:lb/loadBalancer:LoadBalancer", "shop-", "cannot end with a hyphen"],
    ["aws:lb/loadBalancer:LoadBalancer", "shop_lb", "may contain only letters, digits and hyphens"],
    ["aws:s3/bucket:Bucket", "Acme-Logs", "may contain only lowercase letters"],
    ["aws:rds/instance:Instance", "acme--db", "cannot contain two consecutive hyphens"],
    ["aws:elasticache/replicationGroup:ReplicationGroup", "1cache", "must begin with a letter"],
    ["aws:backup/vault:Vault", "v".repeat(51), "must be 2 to 50 characters long (it has 51)"],
    ["aws:kms/alias:Alias", "alias/aws/acme", 'cannot begin with the reserved prefix "alias/aws/"'],
    ["aws:ec2/securityGroup:SecurityGroup", "sg-web", 'cannot begin with "sg-"'],
    ["aws:lambda/function:Function", "f".repeat(65), "must be 1 to 64 characters long (it has 65)"],
    ["aws:lambda/function:Function", "acme.fn", "letters, digits, hyphens and underscores"],
  ])("refuse a %s named %s", (type, name, reason) => {
    const property = type === "aws:s3/bucket:Bucket" ? "bucket" : type === "aws:rds/instance:Instance" ? "identifier"
      : type === "aws:elasticache/replicationGroup:ReplicationGroup" ? "replicationGroupId" : "name";
    expect(physicalName(type, "logical", { [property]: name })?.refusal).toContain(reason);
  });

  it("accept names within the rules, and leave types without a rule alone", () => {
    expect(physicalName("aws:lb/loadBalancer:LoadBalancer", "x", { name: "acme-alb-1a2b3c4" })).toEqual({ name: "acme-alb-1a2b3c4" });
    expect(physicalName("aws:lambda/function:Function", "x", { name: "acme-db-app-users" })).toEqual({ name: "acme-db-app-users" });
    expect(physicalName("aws:lambda/function:Function", "x", { name: "f".repeat(64) })).toEqual({ name: "f".repeat(64) });
    expect(physicalName("aws:ec2/vpc:Vpc", "acme-vpc", {})).toBeUndefined();
  });
});

describe("names the provider forms within a limit", () => {
  it("leave the provider's auto-name while it fits (existing resources keep their names)", () => {
    expect(providerNamed("a".repeat(20) + "-alb", 32, 6)).toEqual({});
    expect(AUTO_NAME_SUFFIX_LENGTH).toBe(8);
  });

  it("beyond that, give a name prefix within its limit, never a fixed name", () => {
    expect(providerNamed("northwind-traders-production-alb", 32, 6)).toEqual({ namePrefix: "north-" });
    expect(providerNamed("abcd-efgh-production-shop-alb", 32, 6)).toEqual({ namePrefix: "abcd-" });
  });
});

describe("names formed from a prefix", () => {
  const LB = "aws:lb/loadBalancer:LoadBalancer";
  const TG = "aws:lb/targetGroup:TargetGroup";

  it("are the prefix and 26 characters (a timestamp and a counter), the same on every run", () => {
    const first = physicalName(TG, "northwind-traders-production-web", { namePrefix: "north-" });
    expect(first).toEqual({ name: expect.stringMatching(/^north-\d{18}[0-9a-f]{8}$/) });
    expect(first!.name).toHaveLength(32);
    expect(physicalName(TG, "northwind-traders-production-web", { namePrefix: "north-" })).toEqual(first);
  });

  it("refuse a prefix beyond 6 characters, as the provider's validator does", () => {
    expect(physicalName(LB, "x", { namePrefix: "northw-" })?.refusal).toBe(
      `${LB} x: namePrefix "northw-" must be 1 to 6 characters long (it has 7) (terraform-provider-aws internal/service/elbv2/validate.go validNamePrefix)`,
    );
    expect(physicalName(TG, "x", { namePrefix: "-north" })?.refusal).toContain("cannot begin with a hyphen");
  });

  it("refuse a prefix and a name together (ConflictsWith)", () => {
    expect(physicalName(LB, "x", { name: "acme", namePrefix: "acme-" })?.refusal).toBe(`${LB} x: "name": conflicts with namePrefix`);
  });
});
