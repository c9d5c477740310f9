import * as pulumi from "@pulumi/pulumi";
import { Backup } from "../../components/backup";
import { Cache } from "../../components/cache";
import { Database } from "../../components/database";
import { Edge } from "../../components/edge";
import { Monitoring } from "../../components/monitoring";
import { Network } from "../../components/network";
import { TenantKey } from "../../components/tenant-key";
import { WebTier, type WebTierArgs } from "../../components/web-tier";
import { qualifyHostname } from "../spec/sections/edge";
import type { TenantSpec } from "../spec/tenant-schema";
import { connectionsOf, type Connections } from "./connections";
import { interfaceEndpointsFor } from "./endpoints";

/** Arguments of {@link Tenant}. */
export interface TenantArgs {
  /** The validated tenant file. */
  spec: TenantSpec;
  /** Availability zone names the network spans (the file's names, or its count resolved). */
  availabilityZones: string[];
}

/**
 * One tenant: the only code that reads a {@link TenantSpec}. It maps the file's sections to the
 * arguments of the reusable components and composes them. Providers arrive through `opts`.
 */
export class Tenant extends pulumi.ComponentResource {
  public readonly key: TenantKey;
  public readonly network: Network;
  public readonly web?: WebTier;
  public readonly database?: Database;
  public readonly cache?: Cache;
  public readonly edge: Edge;
  public readonly backup?: Backup;
  public readonly monitoring?: Monitoring;
  /** Fully qualified web hostnames. */
  public readonly hostnames: string[];

  constructor(args: TenantArgs, opts?: pulumi.ComponentResourceOptions) {
    const { spec } = args;
    super("tenant-platform:tenant:Tenant", spec.id, {}, opts);
    const parent = { parent: this };

    this.key = new TenantKey(spec.id, { alias: `tenant/${spec.id}`, region: spec.aws.region }, parent);

    this.network = new Network(spec.id, {
      cidrBlock: spec.network.cidr,
      availabilityZones: args.availabilityZones,
      nat: spec.network.nat,
      flowLogs: { retentionInDays: spec.network.flowLogs.retentionDays, kmsKeyArn: this.key.keyArn },
      interfaceEndpoints: interfaceEndpointsFor(spec),
    }, parent);

    // The edge fronts the load balancer, and the load balancer uses the edge's certificate:
    // the origin's host name is handed over once the web tier exists.
    const [origin, resolveOrigin] = pulumi.deferredOutput<string>();
    this.edge = this.createEdge(spec, spec.web ? origin : undefined);

    if (spec.web) {
      // The data tier admits the web tier's instances and the web tier's containers receive the
      // data tier's endpoints: the connections are handed over once both exist.
      const [connections, resolveConnections] = pulumi.deferredOutput<Connections>();
      this.web = new WebTier(spec.id, this.webTierArgs(spec, connections), parent);
      resolveOrigin(this.web.loadBalancerDnsName);
      const clients = [this.web.instanceSecurityGroupId];
      const { database, cache } = spec;
      if (database) {
        this.database = new Database(spec.id, {
          engine: database.engine,
          version: database.version,
          instanceClass: database.instanceClass,
          identifier: `${spec.id}-db`,
          databaseName: database.name,
          masterUsername: database.username,
          allocatedStorageGiB: database.storage.allocatedGiB,
          maxAllocatedStorageGiB: database.storage.maxGiB,
          standby: database.standby,
          readReplicas: database.readReplicas,
          availabilityZones: args.availabilityZones,
          subnetIds: this.network.isolatedSubnetIds,
          vpcId: this.network.vpcId,
          clientSecurityGroupIds: clients,
          kmsKeyArn: this.key.keyArn,
          backupRetentionDays: database.backup.retentionDays,
          backupWindow: database.backup.window,
          maintenanceWindow: database.backup.maintenanceWindow,
          applyImmediately: database.applyImmediately,
          performanceInsights: database.performanceInsights,
          replacementReason: database.replacement?.reason,
          restore: database.restore && ("snapshot" in database.restore
            ? { snapshotIdentifier: database.restore.snapshot }
            : { pointInTime: { sourceInstanceIdentifier: database.restore.pointInTime.sourceInstance, restoreTime: database.restore.pointInTime.time } }),
        }, parent);
      }
      if (cache) {
        this.cache = new Cache(spec.id, {
          engine: cache.engine,
          version: cache.version,
          nodeType: cache.nodeType,
          replica: cache.replica,
          replicationGroupId: `${spec.id}-cache`,
          vpcId: this.network.vpcId,
          subnetIds: this.network.isolatedSubnetIds,
          clientSecurityGroupIds: clients,
          kmsKeyArn: this.key.keyArn,
          snapshotRetentionDays: cache.snapshotRetentionDays,
        }, parent);
      }
      resolveConnections(connectionsOf(spec, this.database, this.cache));
    }

    if (spec.backup && spec.aws.backupRegion) {
      const offsiteKey = new TenantKey(`${spec.id}-offsite`, { alias: `tenant/${spec.id}-offsite`, region: spec.aws.backupRegion }, parent);
      const database = this.database;
      this.backup = new Backup(spec.id, {
        backupRegion: spec.aws.backupRegion,
        kmsKeyArn: this.key.keyArn,
        offsiteKmsKeyArn: offsiteKey.keyArn,
        resourceArns: database ? [database.instance.arn] : [],
        snapshotsKeepDays: spec.backup.snapshotsKeepDays,
        backupsKeepDays: spec.backup.backupsKeepDays,
        schedule: spec.backup.schedule,
        continuousBackupDays: spec.backup.continuousDays,
        vaultLock: spec.backup.vaultLock,
        restoreTesting: database && spec.backup.restoreTesting
          ? {
              schedule: spec.backup.restoreTesting.schedule,
              databaseArn: database.instance.arn,
              subnetGroupName: database.instance.dbSubnetGroupName,
              securityGroupIds: [database.securityGroup.id],
            }
          : undefined,
      }, parent);
    }

    if (spec.monitoring) {
      const db = spec.database ? { identifier: `${spec.id}-db`, replicaIdentifiers: Array.from({ length: spec.database.readReplicas }, (_, i) => `${spec.id}-db-replica-${i + 1}`) } : undefined;
      this.monitoring = new Monitoring(spec.id, {
        alertEmails: spec.monitoring.alertEmails,
        webhooks: spec.monitoring.webhooks,
        kmsKeyArn: this.key.keyArn,
        thresholds: spec.monitoring.thresholds,
        loadBalancer: this.web ? { arnSuffix: this.web.loadBalancerArnSuffix, targetGroupArnSuffix: this.web.targetGroupArnSuffix } : undefined,
        webGroupName: this.web?.webGroupName,
        queues: this.web?.queue ? { jobs: this.web.queue.queue.name, deadLetters: this.web.queue.deadLetterQueue.name } : undefined,
        database: db,
        cacheNodeIds: spec.cache ? Array.from({ length: spec.cache.replica ? 2 : 1 }, (_, i) => `${spec.id}-cache-00${i + 1}`) : undefined,
      }, parent);
    }

    this.hostnames = this.edge.hostnames;

    this.registerOutputs({
      hostnames: this.hostnames,
      vpcId: this.network.vpcId,
      keyArn: this.key.keyArn,
      loadBalancerDnsName: this.web?.loadBalancerDnsName,
      zoneId: this.edge.zoneId,
      databaseEndpoint: this.database?.endpoint,
      cacheEndpoint: this.cache?.primaryEndpoint,
    });
  }

  private createEdge(spec: TenantSpec, origin: pulumi.Output<string> | undefined): Edge {
    const { edge } = spec;
    const fqdn = (hostname: string) => qualifyHostname(hostname, edge.zone);
    const healthHost = edge.healthCheck ? (edge.healthCheck.hostname ?? edge.hostnames.find((h) => !h.startsWith("*"))) : undefined;
    return new Edge(spec.id, {
      zoneName: edge.zone,
      hostnames: edge.hostnames.map(fqdn),
      plan: edge.plan,
      accountId: edge.accountId,
      zoneId: edge.zoneId,
      delegated: edge.delegated,
      manageZone: edge.manageZone,
      originHostname: origin,
      records: edge.records.map((record) => ({ ...record, name: fqdn(record.name) })),
      certificate: spec.web !== undefined && spec.web.loadBalancer.certificateArn === undefined,
      hsts: edge.hsts,
      managedRules: edge.waf.managedRules,
      adminPaths: edge.waf.adminPaths,
      blockCountries: edge.waf.blockCountries,
      botFightMode: edge.waf.botFightMode,
      rateLimits: edge.waf.rateLimits,
      staticTtlSeconds: edge.cache.staticTtlSeconds,
      bypassPaths: edge.cache.bypassPaths,
      bypassCookies: edge.cache.bypassCookies,
      healthCheck: edge.healthCheck && healthHost ? { hostname: fqdn(healthHost), path: edge.healthCheck.path } : undefined,
      alertEmails: spec.monitoring?.alertEmails,
      originPulls: edge.originPulls,
    }, { parent: this });
  }

  private webTierArgs(spec: TenantSpec, connections: pulumi.Output<Connections>): WebTierArgs {
    const web = spec.web!;
    return {
      vpcId: this.network.vpcId,
      vpcCidrBlock: spec.network.cidr,
      publicSubnetIds: this.network.publicSubnetIds,
      privateSubnetIds: this.network.privateSubnetIds,
      region: spec.aws.region,
      instanceType: web.instanceType,
      architecture: web.architecture,
      imageId: web.amiId,
      app: web.app,
      connectionEnv: connections.apply((c) => c.env),
      connectionSecrets: connections.apply((c) => c.secrets),
      scaling: {
        min: web.scaling.min,
        max: web.scaling.max,
        desired: web.scaling.desired,
        scaleIn: web.scaling.scaleIn,
        cpuTarget: web.scaling.cpuTarget,
        requestsPerTarget: web.scaling.requestsPerTarget,
        warmupSeconds: web.scaling.warmupSeconds,
        schedules: web.scaling.schedules.map((s) => ({
          name: s.name, recurrence: s.cron, min: s.min, max: s.max, desired: s.desired, timeZone: s.timeZone,
        })),
      },
      healthCheck: web.healthCheck,
      loadBalancer: {
        ...web.loadBalancer,
        certificateArn: web.loadBalancer.certificateArn ?? this.edge.certificateArn,
        clientCaPem: this.edge.originPullCaPem,
        clientCaDependsOn: this.edge.originPullSettings ? [this.edge.originPullSettings] : [],
      },
      workers: web.workers,
      rootVolumeGiB: web.rootVolumeGiB,
      kmsKeyArn: this.key.keyArn,
      logGroupPrefix: `/tenant/${spec.id}`,
      logRetentionDays: web.logRetentionDays,
    };
  }
}
