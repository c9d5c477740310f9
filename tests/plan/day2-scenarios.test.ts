/**
 * Day-2 operations as scenarios: a tenant file edit, planned against its committed version
 * (`plan --base HEAD --json`), gives the steps `pulumi up` would run, in order. A scenario fails
 * when a step would fail in AWS; each refusal names the declared way through, and that way is a
 * scenario of its own that passes.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parseTenant } from "../../tenant-schema/load-tenant";
import type { PlannedResource } from "../../policies/plan-types";
import { simulateUpdate } from "../../tools/plan/update-simulation";
import { UNKNOWN_MARK } from "../../tools/plan/wire-values";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";
import { plan, resource, URN } from "../helpers/hand-made-plan";
import { removeTempFolders } from "../helpers/temp-tenants";
import { planUpdate, stepLines } from "../helpers/update-plan";
import { CERTIFICATE, webTenantYaml } from "../helpers/web-tenant";

afterEach(removeTempFolders);

const PG = "aws:rds/parameterGroup:ParameterGroup";
const DB = "aws:rds/instance:Instance";
const POSTGRES = ["engine: postgres", 'version: "16"', "instanceClass: db.t4g.medium"];
const withDb = (extra: string[], engine = MYSQL) => dataTenantYaml([...engine, ...extra]);
const version = (lines: readonly string[], from: string, to: string) => lines.map((l) => l.replace(`"${from}"`, `"${to}"`));
/** One replica, upgrades applied now (the way the parameter group refusal names). */
const REPLICA_NOW = ["readReplicas: 1", "applyImmediately: true"];

describe("major version upgrade with read replicas", () => {
  it("MySQL in one deploy: refused at the primary's update, which the engine runs before the replica's; the way is replicas first", async () => {
    const result = await planUpdate(withDb(REPLICA_NOW), withDb(REPLICA_NOW, version(MYSQL, "8.0", "8.4")));
    expect(result.code).toBe(1);
    expect(stepLines(result.changes)).toEqual([
      `replace(create-before-delete) ${PG} acme-db [description, family]`,
      `update ${DB} acme-db [engineVersion, parameterGroupName]`,
      `update ${DB} acme-db-replica-1 [parameterGroupName]`,
    ]);
    expect(result.changes[1]).toMatchObject({ refusedAt: "update" });
    expect(result.err).toContain(`${DB} acme-db: upgraded to mysql 8.4 while its read replicas acme-db-replica-1 (8.0) run an older version; RDS upgrades the read replicas of a MySQL or MariaDB source before the source, and the engine updates the source first (tenant file: database.version changed). Upgrade the replicas first: set database.replicaVersion: "8.4" (database.version unchanged) and deploy, then set database.version: "8.4" and remove database.replicaVersion.`);
  });

  it("MySQL, replicas first: the replicas move to a parameter group of the new family and upgrade; the primary's group stays", async () => {
    const result = await planUpdate(withDb(REPLICA_NOW), withDb([...REPLICA_NOW, 'replicaVersion: "8.4"']));
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(stepLines(result.changes)).toEqual([
      `create ${PG} acme-db-replicas`,
      `update ${DB} acme-db-replica-1 [allowMajorVersionUpgrade, engineVersion, parameterGroupName]`,
    ]);
  });

  it("MySQL, then the primary: its group replaced by one of the new family, the replicas back on it, their own group deleted last", async () => {
    const result = await planUpdate(withDb([...REPLICA_NOW, 'replicaVersion: "8.4"']), withDb(REPLICA_NOW, version(MYSQL, "8.0", "8.4")));
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(stepLines(result.changes)).toEqual([
      `replace(create-before-delete) ${PG} acme-db [description, family]`,
      `update ${DB} acme-db [engineVersion, parameterGroupName]`,
      `update ${DB} acme-db-replica-1 [allowMajorVersionUpgrade, engineVersion, parameterGroupName]`,
      `delete ${PG} acme-db-replicas`,
    ]);
    // The old groups go after every update, once nothing uses them.
    expect(result.out).toMatch(/ 5\. -- delete-replaced\s+aws:rds:ParameterGroup acme-db$/m);
  });

  it("MySQL: the source upgraded while replicas that are being removed still run the old version is refused too (deletions run last)", async () => {
    const result = await planUpdate(withDb(REPLICA_NOW), withDb(["applyImmediately: true"], version(MYSQL, "8.0", "8.4")));
    expect(result.code).toBe(1);
    expect(result.err).toContain("while its read replicas acme-db-replica-1 (8.0) run an older version");
  });

  it("PostgreSQL in one deploy: RDS upgrades the replicas with the primary; the replica only moves to the new group", async () => {
    const result = await planUpdate(withDb(REPLICA_NOW, POSTGRES), withDb(REPLICA_NOW, version(POSTGRES, "16", "17")));
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(stepLines(result.changes)).toEqual([
      `replace(create-before-delete) ${PG} acme-db [description, family]`,
      `update ${DB} acme-db [engineVersion, parameterGroupName]`,
      `update ${DB} acme-db-replica-1 [parameterGroupName]`,
    ]);
    expect(result.changes[2]!.fields).not.toContain("engineVersion");
  });

  it("refuses replicaVersion where it cannot work, saying why", async () => {
    const postgres = await planUpdate(withDb(REPLICA_NOW, POSTGRES), withDb([...REPLICA_NOW, 'replicaVersion: "17"'], POSTGRES));
    expect(postgres.err).toContain("database.replicaVersion: PostgreSQL read replicas are upgraded together with their primary; change database.version alone");
    const none = await planUpdate(withDb([]), withDb(['replicaVersion: "8.4"']));
    expect(none.err).toContain("database.replicaVersion: applies to read replicas, and database.readReplicas is 0; remove it");
    const older = await planUpdate(withDb(["readReplicas: 1"], version(MYSQL, "8.0", "8.4")), withDb(["readReplicas: 1", 'replicaVersion: "8.0"'], version(MYSQL, "8.0", "8.4")));
    expect(older.err).toContain('database.replicaVersion: "8.0" is older than database.version "8.4": a replica may run a newer version than its source, never an older one');
  });
});

describe("web tier scale up", () => {
  it("a larger instance type and a higher maximum: a new launch template version and the group in place, nothing replaced", async () => {
    const before = webTenantYaml();
    const after = before.replace("instanceType: t4g.small", "instanceType: t4g.large").replace("scaling: { min: 2, max: 6 }", "scaling: { min: 2, max: 8 }");
    const result = await planUpdate(before, after);
    expect(result).toMatchObject({ code: 0, err: "" });
    const web = result.changes.filter((c) => c.type === "aws:ec2/launchTemplate:LaunchTemplate" || c.type === "aws:autoscaling/group:Group");
    expect(stepLines(web)).toEqual([
      "update aws:ec2/launchTemplate:LaunchTemplate acme-web [instanceType]",
      // The grace period follows the boot estimate, which depends on the instance type.
      // The new version's number (latestVersion) is unknown until the template is updated (recomputed-outputs.ts).
      "update aws:autoscaling/group:Group acme-web [healthCheckGracePeriod, launchTemplate, maxSize]",
    ]);
    // Read in the provider (replace-forcing.ts), not guessed: no "may be a replacement".
    expect(web.map((c) => c.reason)).toEqual(["in place: instanceType; latestVersion is recomputed", "in place: healthCheckGracePeriod, launchTemplate, maxSize"]);
    expect(web[1]!.values!.find((v) => v.field === "launchTemplate")!.after).toBe(UNKNOWN_MARK);
  });
});

describe("scale down", () => {
  it("a smaller instance class is an in-place update (Performance Insights off where the class lacks it)", async () => {
    const large = MYSQL.map((l) => l.replace("db.t4g.medium", "db.r7g.xlarge"));
    const small = MYSQL.map((l) => l.replace("db.t4g.medium", "db.t4g.small"));
    const refused = await planUpdate(withDb([], large), withDb([], small));
    expect(refused.err).toContain("database.performanceInsights: db.t4g.small does not offer Performance Insights for mysql; set it to false");
    const result = await planUpdate(withDb([], large), withDb(["performanceInsights: false"], small));
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(stepLines(result.changes)).toEqual([
      `update ${DB} acme-db [instanceClass, performanceInsightsEnabled, performanceInsightsKmsKeyId, performanceInsightsRetentionPeriod]`,
    ]);
  });

  it("allocated storage never shrinks, and grows by at least 10 %", async () => {
    const storage = (allocated: number, max: number) => withDb([`storage: { allocatedGiB: ${allocated}, maxGiB: ${max} }`]);
    const down = await planUpdate(storage(100, 200), storage(50, 200));
    expect(down.code).toBe(1);
    expect(down.err).toContain("database.storage.allocatedGiB: goes down from 100 to 50 GiB; RDS cannot shrink a database's storage; with autoscaling on, the provider leaves the database as it is. Keep 100");
    const fixed = await planUpdate(storage(100, 100), storage(50, 50));
    expect(fixed.err).toContain("database.storage.allocatedGiB: goes down from 100 to 50 GiB; RDS cannot shrink a database's storage. Keep 100");
    const little = await planUpdate(storage(100, 200), storage(105, 200));
    expect(little.err).toContain("database.storage.allocatedGiB: grows from 100 to 105 GiB; RDS grows storage by at least 10 %: use 110 or more.");
    const enough = await planUpdate(storage(100, 200), storage(110, 200));
    expect(enough).toMatchObject({ code: 0, err: "" });
    expect(stepLines(enough.changes)).toEqual([`update ${DB} acme-db [allocatedStorage]`]);
  });
});

describe("zones", () => {
  it("adds a zone: its subnets created, the subnet groups, load balancer and instances take them in place", async () => {
    const result = await planUpdate(withDb([]), withDb([]).replace("zones: 2", "zones: 3"));
    expect(result).toMatchObject({ code: 0, err: "" });
    const lines = stepLines(result.changes);
    expect(lines.filter((l) => l.startsWith("create aws:ec2/subnet:Subnet"))).toEqual([
      "create aws:ec2/subnet:Subnet acme-public-c", "create aws:ec2/subnet:Subnet acme-private-c", "create aws:ec2/subnet:Subnet acme-isolated-c",
    ]);
    expect(lines.filter((l) => l.startsWith("update"))).toEqual([
      "update aws:rds/subnetGroup:SubnetGroup acme-db [subnetIds]",
      "update aws:lb/loadBalancer:LoadBalancer acme-alb [subnets]",
      // The database users function runs in the isolated subnets: VPC settings change in place (UpdateFunctionConfiguration).
      "update aws:lambda/function:Function acme-db-app-fn [vpcConfig]",
      "update aws:autoscaling/group:Group acme-web [vpcZoneIdentifiers]",
    ]);
    expect(result.changes.every((c) => c.step === "create" || c.step === "update")).toBe(true);
  });

  it("removes a zone of a tenant without a data tier: the load balancer and instances leave it first, its network is deleted last", async () => {
    const result = await planUpdate(webTenantYaml({ zones: "3" }), webTenantYaml({ zones: "2" }));
    expect(result).toMatchObject({ code: 0, err: "" });
    const lines = stepLines(result.changes);
    expect(lines.slice(0, 2)).toEqual(["update aws:lb/loadBalancer:LoadBalancer acme-alb [subnets]", "update aws:autoscaling/group:Group acme-web [vpcZoneIdentifiers]"]);
    expect(lines.slice(2).every((l) => l.startsWith("delete ") && / acme-[a-z0-9-]*-c\b/.test(l))).toBe(true);
  });

  it("removes a zone under a database: refused, the DB subnet group still holds the subnet", async () => {
    const result = await planUpdate(withDb([]).replace("zones: 2", "zones: 3"), withDb([]));
    expect(result.code).toBe(1);
    expect(result.err).toContain("aws:ec2/subnet:Subnet acme-isolated-c in eu-central-1c: would be deleted while aws:rds/subnetGroup:SubnetGroup acme-db holds it");
  });
});

describe("read replicas", () => {
  it("removes a replica: the boot script loses its reader host first, the replica and its log groups are deleted last", async () => {
    const result = await planUpdate(withDb(["readReplicas: 2"]), withDb(["readReplicas: 1"]));
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(stepLines(result.changes)).toEqual([
      "update aws:ec2/launchTemplate:LaunchTemplate acme-web [userData]",
      "update aws:autoscaling/group:Group acme-web [launchTemplate]",
      `delete ${DB} acme-db-replica-2`,
      "delete aws:cloudwatch/logGroup:LogGroup acme-db-replica-2-slowquery",
      "delete aws:cloudwatch/logGroup:LogGroup acme-db-replica-2-error",
    ]);
  });
});

describe("cache engine", () => {
  const cache = (lines: string[]) => dataTenantYaml(MYSQL, ["nodeType: cache.t4g.small", ...lines]);
  const DECLARED = 'replacement: { allow: true, reason: "the app needs Redis OSS 7.1 modules" }';

  it("Valkey back to Redis OSS replaces the group, and its fixed id collides unless the replacement is declared", async () => {
    const result = await planUpdate(cache([]), cache(["engine: redis"]));
    expect(result.code).toBe(1);
    expect(result.changes[0]).toMatchObject({ type: "aws:elasticache/replicationGroup:ReplicationGroup", step: "replace", mode: "create-before-delete", fields: ["engine", "engineVersion"], refusedAt: "create-replacement" });
    expect(result.err).toContain('the replacement is created before the old one is deleted, and both would be named "acme-cache" (replicationGroupId, fixed by the program); AWS refuses the second (ReplicationGroupAlreadyExistsFault) (tenant file: cache.engine, cache.version changed). Declare cache.replacement: { allow: true, reason: "…" } to delete the cache before its replacement is created (its contents are lost).');
  });

  it("declared: the old group is deleted first, then the new one created; the app's settings follow", async () => {
    const result = await planUpdate(cache([]), cache(["engine: redis", DECLARED]));
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(result.changes[0]).toMatchObject({ type: "aws:elasticache/replicationGroup:ReplicationGroup", step: "replace", mode: "delete-before-replace" });
    expect(result.out).toMatch(/ 1\. -- delete-replaced\s+aws:elasticache:ReplicationGroup acme-cache\n\s+2\. \+\+ create-replacement\s+aws:elasticache:ReplicationGroup acme-cache/);
  });

  it("Redis OSS to Valkey stays an in-place update", async () => {
    const result = await planUpdate(cache(["engine: redis"]), cache([]));
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(stepLines(result.changes)).toEqual(["update aws:elasticache/replicationGroup:ReplicationGroup acme-cache [engine, engineVersion]"]);
  });
});

describe("origin certificate rotation", () => {
  /** The web tenant with the edge's own certificate (no certificateArn of the tenant's). */
  const edgeCertificate = (yaml: string) => yaml.replace(`  loadBalancer:\n    certificateArn: ${CERTIFICATE}\n`, "");
  const delegated = (yaml: string) => yaml.replace("  accountId: 0123", "  delegated: true\n  accountId: 0123");
  const web = edgeCertificate(webTenantYaml());

  it("a tenant's own certificate ARN changes on the listener in place", async () => {
    const result = await planUpdate(webTenantYaml(), webTenantYaml().replace("0d9f5a43", "1d9f5a43"));
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(stepLines(result.changes)).toEqual(["update aws:lb/listener:Listener acme-https [certificateArn]"]);
  });

  it("a new hostname reissues the ACM certificate create-before-delete: the listener moves to it before the old one is deleted", async () => {
    const result = await planUpdate(delegated(web), delegated(web).replace('["@", www]', '["@", www, shop]'));
    expect(result).toMatchObject({ code: 0, err: "" });
    const lines = stepLines(result.changes);
    expect(lines).toContain("replace(create-before-delete) aws:acm/certificate:Certificate acme-certificate [subjectAlternativeNames]");
    expect(lines).toContain("replace(create-before-delete) aws:acm/certificateValidation:CertificateValidation acme-certificate [certificateArn, validationRecordFqdns]");
    expect(lines).toContain("update aws:lb/listener:Listener acme-https [certificateArn]");
    // The old certificate's deletion comes after the listener's update (engine order: the ACM rule, last describe below).
    expect(result.changes.find((c) => c.name === "acme-certificate" && c.type === "aws:acm/certificate:Certificate")).not.toHaveProperty("error");
  });

  it("before the cutover, a new hostname reissues the Origin CA certificate and re-imports it into the same ACM certificate", async () => {
    const result = await planUpdate(web, web.replace('["@", www]', '["@", www, shop]'));
    expect(result).toMatchObject({ code: 0, err: "" });
    const lines = stepLines(result.changes);
    expect(lines).toContain("replace(create-before-delete) tls:index/certRequest:CertRequest acme-origin-ca [dnsNames]");
    expect(lines).toContain("replace(create-before-delete) cloudflare:index/originCaCertificate:OriginCaCertificate acme-origin-ca [csr, hostnames]");
    expect(lines).toContain("update aws:acm/certificate:Certificate acme-origin-ca [certificateBody]");
    expect(lines.some((l) => l.includes("aws:lb/listener:Listener"))).toBe(false);
  });

  it("the cutover moves the listener to the validated certificate, then deletes the Origin CA one", async () => {
    const result = await planUpdate(web, delegated(web));
    expect(result).toMatchObject({ code: 0, err: "" });
    // ACM's certificate is requested only at the cutover (ACM gives up after 72 hours): created, validated, then served.
    expect(stepLines(result.changes)).toEqual([
      "create aws:acm/certificate:Certificate acme-certificate",
      "create cloudflare:index/dnsRecord:DnsRecord acme-certificate-apex",
      "create cloudflare:index/dnsRecord:DnsRecord acme-certificate-www",
      "create aws:acm/certificateValidation:CertificateValidation acme-certificate",
      "update aws:lb/listener:Listener acme-https [certificateArn]",
      "delete aws:acm/certificate:Certificate acme-origin-ca",
      "delete cloudflare:index/originCaCertificate:OriginCaCertificate acme-origin-ca",
      "delete tls:index/certRequest:CertRequest acme-origin-ca",
      "delete tls:index/privateKey:PrivateKey acme-origin-ca",
    ]);
  });
});

describe("engine order against ACM: a certificate still served cannot be deleted", () => {
  const CERT = "aws:acm/certificate:Certificate";
  const LISTENER = "aws:lb/listener:Listener";
  const deps = { [URN(LISTENER, "https")]: { certificateArn: [URN(CERT, "cert")] } };
  const at = (resources: PlannedResource[]) => plan(resources, deps);
  const cert = (domainName: string, deleteBeforeReplace = false) => resource(CERT, "cert", { domainName }, { deleteBeforeReplace });
  const before = at([cert("a.example"), resource(LISTENER, "https", { certificateArn: "arn:1" })]);

  it("create-before-delete: the listener moves first, the old certificate goes last", () => {
    const result = simulateUpdate(before, at([cert("b.example"), resource(LISTENER, "https", { certificateArn: "arn:1" })]));
    expect(result.steps.map((s) => `${s.op} ${s.urn.split("::").pop()}`)).toEqual(["create-replacement cert", "update https", "delete-replaced cert"]);
    expect(result.errors).toEqual([]);
  });

  it("delete-before-replace: refused, the certificate is deleted while the listener serves it", () => {
    const result = simulateUpdate(before, at([cert("b.example", true), resource(LISTENER, "https", { certificateArn: "arn:1" })]));
    expect(result.steps.map((s) => `${s.op} ${s.urn.split("::").pop()}`)).toEqual(["delete-replaced cert", "create-replacement cert", "update https"]);
    expect(result.errors).toEqual(["aws:acm/certificate:Certificate cert: deleted while the listener https still serves it; ACM refuses to delete a certificate in use (DeleteCertificate: ResourceInUseException). Replace it create-before-delete, so that the listener moves to the new certificate first."]);
  });
});

describe("the scaling runbook", () => {
  it("holds tenant file sections that validate, each on a web tenant", () => {
    const snippets = [...readFileSync("docs/runbooks/scaling.md", "utf8").matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/^ {3}/gm, ""));
    expect(snippets.length).toBeGreaterThanOrEqual(4);
    for (const snippet of snippets) {
      const section = snippet.startsWith("cache:") ? `${dataTenantYaml(MYSQL)}${snippet}` : `${webTenantYaml()}${snippet}`;
      const result = parseTenant("tenants/acme.yaml", new TextEncoder().encode(section));
      expect(result.ok ? [] : result.issues.map((i) => i.message), snippet).toEqual([]);
    }
  });
});
