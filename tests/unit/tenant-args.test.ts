/**
 * The tenant file → component arguments mapping (program/tenant/args/), as pure functions: parsed
 * tenant files in, plain values for what other components would expose, no Pulumi runtime.
 */
import { describe, expect, it } from "vitest";
import { memberClusterIds } from "../../components/cache/member-clusters";
import { backupArgs } from "../../program/tenant/args/backup-args";
import { cacheArgs } from "../../program/tenant/args/cache-args";
import { appUsersArgs, databaseArgs } from "../../program/tenant/args/database-args";
import { edgeArgs, type EdgeInputs } from "../../program/tenant/args/edge-args";
import { exchangeEnv, exchangeReaderArgs, exportLocationArgs } from "../../program/tenant/args/exchange-args";
import { offsiteKeyArgs, tenantKeyArgs } from "../../program/tenant/args/key-args";
import { mailArgs } from "../../program/tenant/args/mail-args";
import { mediaBucketArgs } from "../../program/tenant/args/media-args";
import { monitoringArgs } from "../../program/tenant/args/monitoring-args";
import { networkArgs } from "../../program/tenant/args/network-args";
import { webTierArgs, type WebTierInputs } from "../../program/tenant/args/web-tier-args";
import type { ExchangeLinks } from "../../program/tenant/exchange-links";
import { parseTenant } from "../../tenant-schema/load-tenant";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";
import { CERTIFICATE, webTenantYaml } from "../helpers/web-tenant";

/** The parsed tenant file `acme.yaml` with this text (defaults filled in). */
function spec(yaml: string): TenantSpec {
  const result = parseTenant("acme.yaml", new TextEncoder().encode(yaml));
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("\n"));
  return result.tenant.spec;
}

/** The edge-only tenant: the web tenant without its web section. */
const EDGE_ONLY = webTenantYaml().split("web:\n")[0]!;
const ZONES = ["eu-central-1a", "eu-central-1b"];
const PLACEMENT = { vpcId: "vpc-1", subnetIds: ["subnet-i1", "subnet-i2"], clientSecurityGroupIds: ["sg-web"], kmsKeyArn: "arn:key" };
const NO_LINKS: ExchangeLinks = { exportsTo: [], importsFrom: [] };

describe("networkArgs", () => {
  it("passes the file's block, zones and NAT, the flow logs' default retention and the key", () => {
    const args = networkArgs(spec(EDGE_ONLY), { availabilityZones: ZONES, kmsKeyArn: "arn:key", permissionsBoundary: "arn:boundary" });
    expect(args).toMatchObject({ cidrBlock: "10.20.0.0/16", availabilityZones: ZONES, nat: "single", permissionsBoundary: "arn:boundary" });
    expect(args.flowLogs).toEqual({ retentionInDays: 90, kmsKeyArn: "arn:key" });
    expect(args.interfaceEndpoints).toEqual([]);
  });

  it("asks for the interface endpoints the instances need without NAT", () => {
    const args = networkArgs(spec(webTenantYaml({ nat: "none" }).replace("ghcr.io/acme/site:1.4", "123456789012.dkr.ecr.eu-central-1.amazonaws.com/site:1.4")),
      { availabilityZones: ZONES, kmsKeyArn: "k", permissionsBoundary: "b" });
    expect(args.interfaceEndpoints).toContain("ecr.dkr");
  });
});

describe("keys", () => {
  it("names the tenant key's alias after the tenant, in its region", () => {
    expect(tenantKeyArgs(spec(EDGE_ONLY))).toEqual({ alias: "tenant/acme", region: "eu-central-1" });
  });

  it("adds an off-site key in the backup region only with backups", () => {
    const withBackupRegion = EDGE_ONLY.replace("  region: eu-central-1\n", "  region: eu-central-1\n  backupRegion: eu-west-1\n");
    expect(offsiteKeyArgs(spec(withBackupRegion))).toBeUndefined();
    expect(offsiteKeyArgs(spec(`${withBackupRegion}backup: {}\n`))).toEqual({ alias: "tenant/acme-offsite", region: "eu-west-1" });
  });
});

describe("edgeArgs", () => {
  const origin = { hostname: "lb.example" as unknown, ready: Promise.resolve([]) } as EdgeInputs["origin"];
  const inputs: EdgeInputs = { origin, adopt: { records: {}, rulesets: {}, webRecords: {} }, webRecordsOnCurrentHosting: false };

  it("qualifies hostnames and records with the zone", () => {
    const args = edgeArgs(spec(`${EDGE_ONLY}  records: [{ type: TXT, name: "@", content: "v=spf1 -all" }]\n`), inputs);
    expect(args.hostnames).toEqual(["acme.example", "www.acme.example"]);
    expect(args.records).toEqual([expect.objectContaining({ type: "TXT", name: "acme.example", content: "v=spf1 -all" })]);
  });

  it("has an origin and issues a certificate only for a web tier without its own", () => {
    const edgeOnly = edgeArgs(spec(EDGE_ONLY), inputs);
    expect([edgeOnly.originHostname, edgeOnly.originReady, edgeOnly.certificate]).toEqual([undefined, undefined, false]);
    const ownCertificate = edgeArgs(spec(webTenantYaml()), inputs);
    expect([ownCertificate.originHostname, ownCertificate.certificate]).toEqual([origin.hostname, false]);
    const edgeCertificate = edgeArgs(spec(webTenantYaml().replace(`  loadBalancer:\n    certificateArn: ${CERTIFICATE}\n`, "")), inputs);
    expect(edgeCertificate.certificate).toBe(true);
  });

  it("checks the first hostname that is not a wildcard, and maps origin pulls to the edge's modes", () => {
    const yaml = `${webTenantYaml().replace('hostnames: ["@", www]', 'hostnames: ["*", shop]\n  plan: pro\n  healthCheck: { path: /health }\n  originPulls: staged')}monitoring: { alertEmails: [ops@acme.example] }\n`;
    const args = edgeArgs(spec(yaml), inputs);
    expect(args.healthCheck).toEqual({ hostname: "shop.acme.example", path: "/health" });
    expect(args.originPulls).toBe("staged");
    expect(edgeArgs(spec(EDGE_ONLY), inputs).originPulls).toBe("off");
  });
});

describe("webTierArgs", () => {
  const inputs: WebTierInputs = {
    network: { vpcId: "vpc-1", publicSubnetIds: ["subnet-p"], privateSubnetIds: ["subnet-q"] },
    edge: { certificateArn: "arn:edge-certificate", originPullCaPem: "PEM" },
    connectionEnv: { DATABASE_HOST: "db" },
    connectionSecrets: {},
    kmsKeyArn: "arn:key",
    permissionsBoundary: "arn:boundary",
  };

  it("gives none without a web section", () => {
    expect(webTierArgs(spec(EDGE_ONLY), inputs)).toBeUndefined();
  });

  it("prefers the file's certificate to the edge's, and takes the edge's otherwise", () => {
    expect(webTierArgs(spec(webTenantYaml()), inputs)!.loadBalancer.certificateArn).toBe(CERTIFICATE);
    const args = webTierArgs(spec(webTenantYaml().replace(`  loadBalancer:\n    certificateArn: ${CERTIFICATE}\n`, "")), inputs)!;
    expect(args.loadBalancer).toMatchObject({ certificateArn: "arn:edge-certificate", clientCaPem: "PEM", clientCaDependsOn: [] });
  });

  it("maps schedules' cron to recurrence, names the log groups and tags what it launches", () => {
    const yaml = webTenantYaml().replace("  scaling: { min: 2, max: 6 }", '  scaling: { min: 2, max: 6, schedules: [{ name: hourly, cron: "0 * * * *", min: 4 }] }');
    const args = webTierArgs(spec(yaml), inputs)!;
    expect(args.scaling.schedules).toEqual([{ name: "hourly", recurrence: "0 * * * *", min: 4, max: undefined, desired: undefined, timeZone: "UTC" }]);
    expect(args.logGroupPrefix).toBe("/tenant/acme");
    expect(args.launchedTags).toMatchObject({ tenant: "acme", "managed-by": "tenant-platform" });
    expect(args.connectionEnv).toBe(inputs.connectionEnv);
  });
});

describe("databaseArgs and appUsersArgs", () => {
  const inputs = { ...PLACEMENT, availabilityZones: ZONES, permissionsBoundary: "arn:boundary" };

  it("gives none without a database section", () => {
    expect(databaseArgs(spec(webTenantYaml()), inputs)).toBeUndefined();
    expect(appUsersArgs(spec(webTenantYaml()), { ...PLACEMENT, database: { address: "a", port: 3306, masterPassword: "p", securityGroup: { id: "sg-db" } }, permissionsBoundary: "b" })).toBeUndefined();
  });

  it("passes the replicas, the tenant's identifier and the schema's backup defaults", () => {
    const args = databaseArgs(spec(dataTenantYaml([...MYSQL, "readReplicas: 2"])), inputs)!;
    expect(args).toMatchObject({
      identifier: "acme-db", engine: "mysql", readReplicas: 2, availabilityZones: ZONES,
      backupRetentionDays: 7, backupWindow: "02:00-03:00", maintenanceWindow: "sun:03:30-sun:04:30",
      subnetIds: PLACEMENT.subnetIds, clientSecurityGroupIds: ["sg-web"],
    });
    expect([args.replacementReason, args.restore, args.previous]).toEqual([undefined, undefined, undefined]);
  });

  it("lifts protection with the offboarding reason", () => {
    const args = databaseArgs(spec(`${dataTenantYaml(MYSQL)}offboarding: { reason: "the customer moved to another host" }\n`), inputs)!;
    expect(args.replacementReason).toBe("offboarding: the customer moved to another host");
  });

  it("maps a point-in-time restore onto the component's source", () => {
    const yaml = dataTenantYaml([...MYSQL, 'restore: { pointInTime: { sourceInstance: acme-db, time: "2026-03-01T10:00:00Z" } }']);
    expect(databaseArgs(spec(yaml), inputs)!.restore).toEqual({ pointInTime: { sourceInstanceIdentifier: "acme-db", restoreTime: "2026-03-01T10:00:00Z" } });
  });

  it("connects the application users' function to the serving primary", () => {
    const database = { address: "acme-db.example", port: 3306, masterPassword: "secret", securityGroup: { id: "sg-db" } };
    const args = appUsersArgs(spec(dataTenantYaml(MYSQL)), { ...PLACEMENT, database, permissionsBoundary: "b" })!;
    expect(args).toMatchObject({ functionName: "acme-db-app-users", address: "acme-db.example", port: 3306, databaseSecurityGroupId: "sg-db", rotation: 0 });
  });
});

describe("cacheArgs and the cache's node ids", () => {
  it("gives none without a cache section", () => {
    expect(cacheArgs(spec(dataTenantYaml(MYSQL)), PLACEMENT)).toBeUndefined();
  });

  it("names the replication group after the tenant and passes the replica", () => {
    const args = cacheArgs(spec(dataTenantYaml(MYSQL, ["nodeType: cache.t4g.small", "replica: true"])), PLACEMENT)!;
    expect(args).toMatchObject({ replicationGroupId: "acme-cache", replica: true, engine: "valkey", clientSecurityGroupIds: ["sg-web"] });
  });

  it("numbers the member clusters as ElastiCache does, in lowercase", () => {
    expect(memberClusterIds("acme-cache", 2)).toEqual(["acme-cache-001", "acme-cache-002"]);
    expect(memberClusterIds("Acme-Cache", 1)).toEqual(["acme-cache-001"]);
  });
});

describe("media, mail and exchange", () => {
  it("puts the media bucket at its hostname in the zone, written by the instances' role", () => {
    expect(mediaBucketArgs(spec(webTenantYaml()), { zoneId: "z" })).toBeUndefined();
    const args = mediaBucketArgs(spec(`${webTenantYaml()}media: { hostname: media }\n`), { zoneId: "zone-1", writerRoleName: "role" })!;
    expect(args).toMatchObject({ hostname: "media.acme.example", zoneId: "zone-1", region: "eu-central-1", writerRoleName: "role" });
  });

  it("sends mail from the zone", () => {
    expect(mailArgs(spec(webTenantYaml()), { zoneId: "z" })).toBeUndefined();
    expect(mailArgs(spec(`${webTenantYaml()}mail: {}\n`), { zoneId: "zone-1", senderRoleName: "role" })).toMatchObject({ domain: "acme.example", senderRoleName: "role" });
  });

  it("grants the importer's role read access and names each exporter's bucket only when someone exports to it", () => {
    const exporter = { tenantId: "shop", accountId: "210987654321", region: "eu-west-1" };
    const acme = spec(webTenantYaml());
    expect(exportLocationArgs(acme, NO_LINKS, "role")).toBeUndefined();
    expect(exchangeReaderArgs(NO_LINKS, "role")).toBeUndefined();
    expect(exchangeReaderArgs({ exportsTo: [], importsFrom: [exporter] }, undefined)).toBeUndefined();
    expect(exchangeReaderArgs({ exportsTo: [], importsFrom: [exporter] }, "role")).toMatchObject({ role: "role" });
    expect(Object.keys(exchangeEnv(acme, { exportsTo: [], importsFrom: [exporter] }))).toEqual(["EXCHANGE_FROM_SHOP_BUCKET"]);
    expect(exchangeEnv(acme, NO_LINKS)).toEqual({});
  });
});

describe("backupArgs", () => {
  const withBackup = `${dataTenantYaml(MYSQL).replace("  region: eu-central-1\n", "  region: eu-central-1\n  backupRegion: eu-west-1\n")}backup: {}\n`;
  const database = { instance: { arn: "arn:db", dbSubnetGroupName: "subnets" }, securityGroup: { id: "sg-db" }, servingGeneration: 1 };
  const inputs = { kmsKeyArn: "k", offsiteKmsKeyArn: "ok", permissionsBoundary: "b" };

  it("gives none without the section or a backup region", () => {
    expect(backupArgs(spec(dataTenantYaml(MYSQL)), inputs)).toBeUndefined();
  });

  it("protects the database by ARN and tests its restores weekly by default", () => {
    const args = backupArgs(spec(withBackup), { ...inputs, database })!;
    expect(args.resourceArns).toEqual(["arn:db"]);
    expect(args.restoreTesting).toEqual({ schedule: "cron(0 5 ? * SUN *)", selectionSuffix: undefined, databaseArn: "arn:db", subnetGroupName: "subnets", securityGroupIds: ["sg-db"] });
  });

  it("gives each later serving generation a restore-testing selection of its own, and none without a database", () => {
    expect(backupArgs(spec(withBackup), { ...inputs, database: { ...database, servingGeneration: 2 } })!.restoreTesting?.selectionSuffix).toBe("db_g2");
    const none = backupArgs(spec(withBackup), inputs)!;
    expect([none.resourceArns, none.restoreTesting]).toEqual([[], undefined]);
  });
});

describe("monitoringArgs", () => {
  const monitored = `${webTenantYaml()}monitoring: { alertEmails: [ops@acme.example] }\n`;
  const web = { loadBalancerArnSuffix: "app/lb", targetGroupArnSuffix: "targetgroup/tg", webGroupName: "acme-web" };

  it("gives none without a monitoring section", () => {
    expect(monitoringArgs(spec(webTenantYaml()), { kmsKeyArn: "k", web })).toBeUndefined();
  });

  it("watches what exists, by the names the components expose", () => {
    const args = monitoringArgs(spec(monitored), {
      kmsKeyArn: "k", web,
      database: { identifier: "acme-db", replicaIdentifiers: ["acme-db-replica-1"] },
      cache: { memberClusterIds: ["acme-cache-001", "acme-cache-002"] },
    })!;
    expect(args).toMatchObject({
      alertEmails: ["ops@acme.example"],
      loadBalancer: { arnSuffix: "app/lb", targetGroupArnSuffix: "targetgroup/tg" },
      webGroupName: "acme-web",
      database: { identifier: "acme-db", replicaIdentifiers: ["acme-db-replica-1"] },
      cacheNodeIds: ["acme-cache-001", "acme-cache-002"],
    });
    expect(args.queues).toBeUndefined();
  });

  it("watches the workers' queues when the web tier has them", () => {
    const queue = { queue: { name: "acme-jobs" }, deadLetterQueue: { name: "acme-dead" } };
    expect(monitoringArgs(spec(monitored), { kmsKeyArn: "k", web: { ...web, queue } })!.queues).toEqual({ jobs: "acme-jobs", deadLetters: "acme-dead" });
  });
});
