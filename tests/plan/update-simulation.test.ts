/**
 * `npm run plan -- <tenant> --base <ref> --json <file>` on real git repositories made here: a
 * tenant file committed, then edited; the `changes` list is what `pulumi up` would do, in order,
 * and a step the engine or AWS would refuse fails the plan with the reason.
 */
import { afterEach, describe, expect, it } from "vitest";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";
import { removeTempFolders } from "../helpers/temp-tenants";
import { planUpdate as update, stepLines as steps } from "../helpers/update-plan";
import { webTenantYaml } from "../helpers/web-tenant";

afterEach(removeTempFolders);

const withDb = (extra: string[] = [], engine = MYSQL) => dataTenantYaml([...engine, ...extra]);
const ALLOW = "replacement: { allow: true, reason: moving the site to PostgreSQL }";

describe("the update simulation (plan --base --json: changes)", () => {
  it("scales the database up in place", async () => {
    const result = await update(withDb(), withDb([], MYSQL.map((l) => l.replace("db.t4g.medium", "db.r7g.xlarge"))));
    expect(result.code).toBe(0);
    expect(steps(result.changes)).toEqual(["update aws:rds/instance:Instance acme-db [instanceClass]"]);
    expect(result.changes[0]).toMatchObject({ stateful: true, reason: "in place: instanceClass" });
  });

  it("upgrades a major version: a new parameter group of the new family, the instance moved to it; refused while the old group stays in use until the maintenance window", async () => {
    const upgrade = MYSQL.map((l) => l.replace('"8.0"', '"8.4"'));
    const pending = await update(withDb(), withDb([], upgrade));
    expect(steps(pending.changes)).toEqual([
      "replace(create-before-delete) aws:rds/parameterGroup:ParameterGroup acme-db [description, family]",
      "update aws:rds/instance:Instance acme-db [engineVersion, parameterGroupName]",
    ]);
    expect(pending.code).toBe(1);
    expect(pending.err).toContain("aws:rds/parameterGroup:ParameterGroup acme-db: the old group is deleted at the end of the update, but acme-db (engineVersion 8.4) keeps using it until the upgrade runs in the maintenance window (applyImmediately is false): RDS refuses to delete a parameter group a DB instance uses (DeleteDBParameterGroup: InvalidDBParameterGroupState) (tenant file: database.version changed).");
    // AWS refuses the last step, the old group's deletion; the new group and the instance's update run before it.
    expect(pending.out).toMatch(/ 3\. -- delete-replaced\s+aws:rds:ParameterGroup acme-db {2}REFUSED$/m);
    expect(pending.out).not.toMatch(/create-replacement.*REFUSED/);

    const now = await update(withDb(["applyImmediately: true"]), withDb(["applyImmediately: true"], upgrade));
    expect(now).toMatchObject({ code: 0, err: "" });
    expect(steps(now.changes)).toEqual(steps(pending.changes));
  });

  it("moves zones [a, b] to [b, c]: refused, the database subnet group still holds the subnet being deleted", async () => {
    const zones = (list: string) => withDb().replace("zones: 2", `zones: ${list}`);
    const result = await update(zones("[eu-central-1a, eu-central-1b]"), zones("[eu-central-1b, eu-central-1c]"));
    expect(result.code).toBe(1);
    const subnets = result.changes.filter((c) => c.type === "aws:ec2/subnet:Subnet");
    expect(subnets.filter((c) => c.step === "create").map((c) => c.name).sort()).toEqual(["acme-isolated-c", "acme-private-c", "acme-public-c"]);
    expect(subnets.filter((c) => c.step === "delete").map((c) => c.name).sort()).toEqual(["acme-isolated-a", "acme-private-a", "acme-public-a"]);
    expect(result.changes.find((c) => c.type === "aws:rds/subnetGroup:SubnetGroup")).toMatchObject({ step: "update", fields: ["subnetIds"] });
    // Every creation and update runs before the first deletion.
    const firstDelete = result.changes.findIndex((c) => c.step === "delete");
    expect(result.changes.slice(firstDelete).every((c) => c.step === "delete")).toBe(true);
    expect(result.err).toContain("aws:ec2/subnet:Subnet acme-isolated-a in eu-central-1a: would be deleted while aws:rds/subnetGroup:SubnetGroup acme-db holds it, and the database (or its standby) of acme-db may run in it (which zone is known only in AWS): RDS refuses to take a subnet in use out of a DB subnet group (ModifyDBSubnetGroup: SubnetAlreadyInUse), and EC2 refuses to delete a subnet that still holds network interfaces (DeleteSubnet: DependencyViolation) (tenant file: network.zones changed).");
  });

  it("replaces the database only when declared, and then the fixed identifier collides with the old one", async () => {
    const postgres = ["engine: postgres", 'version: "16"', "instanceClass: db.t4g.medium"];
    const undeclared = await update(withDb(), withDb([], postgres));
    expect(undeclared.code).toBe(1);
    expect(undeclared.err).toContain("database.engine: changes mysql to postgres, which replaces the database with an empty one.");

    const declared = await update(withDb([ALLOW]), withDb([ALLOW], postgres));
    expect(declared.code).toBe(1);
    expect(declared.changes.find((c) => c.type === "aws:rds/instance:Instance")).toMatchObject({
      step: "replace", mode: "create-before-delete", fields: ["engine"], stateful: true, refusedAt: "create-replacement",
      error: 'aws:rds/instance:Instance acme-db: the replacement is created before the old one is deleted, and both would be named "acme-db" (identifier, fixed by the program); AWS refuses the second (DBInstanceAlreadyExists) (tenant file: database.engine, database.version changed).',
    });
  });

  it("adds a read replica: the replica and its log groups created (log groups first), the web instances' boot script updated", async () => {
    const result = await update(withDb(), withDb(["readReplicas: 1"]));
    expect(result.code).toBe(0);
    expect(steps(result.changes)).toEqual([
      "create aws:cloudwatch/logGroup:LogGroup acme-db-replica-1-error",
      "create aws:cloudwatch/logGroup:LogGroup acme-db-replica-1-slowquery",
      "create aws:rds/instance:Instance acme-db-replica-1",
      "update aws:ec2/launchTemplate:LaunchTemplate acme-web [userData]",
      "update aws:autoscaling/group:Group acme-web [launchTemplate]",
    ]);
    // A new template version, in place (replace-forcing.ts: only the name replaces a launch template);
    // the group takes the new version's number, unknown in the preview (recomputed-outputs.ts).
    expect(result.changes[3]!.reason).toBe("in place: userData; latestVersion is recomputed");
  });

  it("changes a Cloudflare record's content: a record named after its content is created, then the old one deleted", async () => {
    const base = webTenantYaml().replace("  accountId: 0123456789abcdef0123456789abcdef\n", '  accountId: 0123456789abcdef0123456789abcdef\n  records:\n    - { type: TXT, name: verify, content: "token-1" }\n');
    const result = await update(base, base.replace("token-1", "token-2"));
    expect(result.code).toBe(0);
    expect(steps(result.changes)).toEqual([
      expect.stringMatching(/^create cloudflare:index\/dnsRecord:DnsRecord acme-record-txt-verify-\w+$/),
      expect.stringMatching(/^delete cloudflare:index\/dnsRecord:DnsRecord acme-record-txt-verify-\w+$/),
    ]);
  });
});
