import * as pulumi from "@pulumi/pulumi";
import { Backup } from "../../components/backup";
import { Cache } from "../../components/cache";
import { AppUsers, Database } from "../../components/database";
import { tenantDatabaseIdentifier } from "../../components/database/generation";
import { Edge } from "../../components/edge";
import type { AdoptedRuleset, AdoptedWebRecord } from "../../components/edge/args";
import { Monitoring } from "../../components/monitoring";
import { Network } from "../../components/network";
import { TenantKey } from "../../components/tenant-key";
import { WebTier, type WebTierArgs } from "../../components/web-tier";
import { appRoleTags, ExportLocation, importEnvName, importReadPolicy, exportBucketName } from "../../components/data-exchange";
import { Mail } from "../../components/mail";
import { MediaBucket } from "../../components/media-bucket";
import * as aws from "@pulumi/aws";
import { qualifyHostname } from "../../tenant-schema/sections/edge";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";
import { tenantTags } from "../providers";
import { connectionsOf, type Connections } from "./connections";
import { interfaceEndpointsFor } from "./endpoints";
import { partyOf, type ExchangeLinks } from "./exchange-links";
import { tenantBoundaryArn } from "./permissions-boundary";

/** Arguments of {@link Tenant}. */
export interface TenantArgs {
  /** The validated tenant file. */
  spec: TenantSpec;
  /** Availability zone names the network spans (the file's names, or its count resolved). */
  availabilityZones: string[];
  /** Exchange partners and exporters, from the fleet. @default none either way */
  exchange?: ExchangeLinks;
  /** Records already on the zone equal to the file's, to import (from the edge preflight). @default {} */
  adoptRecords?: Record<string, string>;
  /** Entry-point rulesets of an existing zone to import, by phase (from the edge preflight). @default {} */
  adoptRulesets?: Record<string, AdoptedRuleset>;
  /** Web hostname records of an existing zone to adopt as they are while `edge.currentOrigin` is given (from the edge preflight). @default {} */
  adoptWebRecords?: Record<string, AdoptedWebRecord>;
  /** The stack's state holds web records pointing at the current hosting (`program/tenant/stack-state.ts`). @default false */
  webRecordsOnCurrentHosting?: boolean;
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
  /** The application's database users (alternating), whose secret the instances read. */
  public readonly appUsers?: AppUsers;
  public readonly cache?: Cache;
  public readonly edge: Edge;
  public readonly backup?: Backup;
  public readonly monitoring?: Monitoring;
  public readonly media?: MediaBucket;
  public readonly mail?: Mail;
  public readonly exportLocation?: ExportLocation;
  /** Fully qualified web hostnames. */
  public readonly hostnames: string[];
  /** The permissions boundary of every IAM role the tenant creates (`permissions-boundary.ts`). */
  private readonly permissionsBoundary: pulumi.Output<string>;

  constructor(args: TenantArgs, opts?: pulumi.ComponentResourceOptions) {
    const { spec } = args;
    super("tenant-platform:tenant:Tenant", spec.id, {}, opts);
    const parent = { parent: this };
    this.permissionsBoundary = tenantBoundaryArn(parent);
    const permissionsBoundary = this.permissionsBoundary;

    this.key = new TenantKey(spec.id, { alias: `tenant/${spec.id}`, region: spec.aws.region }, parent);

    this.network = new Network(spec.id, {
      cidrBlock: spec.network.cidr,
      availabilityZones: args.availabilityZones,
      nat: spec.network.nat,
      flowLogs: { retentionInDays: spec.network.flowLogs.retentionDays, kmsKeyArn: this.key.keyArn },
      interfaceEndpoints: interfaceEndpointsFor(spec),
      permissionsBoundary,
    }, parent);

    // The edge fronts the load balancer, and the load balancer uses the edge's certificate:
    // the origin's host name is handed over once the web tier exists.
    // The web records wait for the HTTPS listener, handed over the same way.
    const [origin, resolveOrigin] = pulumi.deferredOutput<string>();
    let resolveListener: (listener: pulumi.Resource[]) => void = () => undefined;
    const listener = new Promise<pulumi.Resource[]>((resolve) => { resolveListener = resolve; });
    const [connections, resolveConnections] = pulumi.deferredOutput<Connections>();
    this.edge = this.createEdge(spec, spec.web ? { hostname: origin, ready: listener } : undefined, {
      records: args.adoptRecords ?? {}, rulesets: args.adoptRulesets ?? {}, webRecords: args.adoptWebRecords ?? {},
    }, args.webRecordsOnCurrentHosting ?? false);

    if (spec.web) {
      // The data tier admits the web tier's instances and the web tier's containers receive the
      // data tier's endpoints: the connections are handed over once both exist.
      this.web = new WebTier(spec.id, this.webTierArgs(spec, connections), parent);
      resolveOrigin(this.web.loadBalancerDnsName);
      resolveListener(this.web.httpsListener ? [this.web.httpsListener] : []);
      const clients = [this.web.instanceSecurityGroupId];
      const { database, cache } = spec;
      if (database) {
        this.database = new Database(spec.id, {
          engine: database.engine,
          version: database.version,
          instanceClass: database.instanceClass,
          identifier: tenantDatabaseIdentifier(spec.id),
          databaseName: database.name,
          masterUsername: database.username,
          allocatedStorageGiB: database.storage.allocatedGiB,
          maxAllocatedStorageGiB: database.storage.maxGiB,
          standby: database.standby,
          readReplicas: database.readReplicas,
          replicaVersion: database.replicaVersion,
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
          replacementReason: database.replacement?.reason ?? (spec.offboarding && `offboarding: ${spec.offboarding.reason}`),
          discardReason: database.discard && `discard: ${database.discard.reason}`,
          generation: database.generation,
          previous: database.previous && {
            generation: database.previous.generation,
            serving: database.previous.state === "serving",
            retireReason: database.previous.state === "retiring" ? database.previous.reason : undefined,
          },
          restore: database.restore && ("snapshot" in database.restore
            ? { snapshotIdentifier: database.restore.snapshot }
            : { pointInTime: { sourceInstanceIdentifier: database.restore.pointInTime.sourceInstance, restoreTime: database.restore.pointInTime.time } }),
          permissionsBoundary,
        }, parent);
        this.appUsers = new AppUsers(`${spec.id}-db-app`, {
          engine: database.engine,
          address: this.database.address,
          port: this.database.port,
          databaseName: database.name,
          masterUsername: database.username,
          masterPassword: this.database.masterPassword,
          databaseSecurityGroupId: this.database.securityGroup.id,
          vpcId: this.network.vpcId,
          // The function reaches nothing outside the VPC: the database's own subnets suffice.
          subnetIds: this.network.isolatedSubnetIds,
          kmsKeyArn: this.key.keyArn,
          rotation: database.appUsers.rotation,
          allowOpenSessions: database.appUsers.allowOpenSessions,
          functionName: `${spec.id}-db-app-users`,
          permissionsBoundary,
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
          replacementReason: cache.replacement?.reason,
        }, parent);
      }
    }
    this.media = this.createMedia(spec);
    this.mail = this.createMail(spec);
    const exchange = this.createExchange(spec, args.exchange ?? { exportsTo: [], importsFrom: [] });
    this.exportLocation = exchange.location;
    const exchangeEnv = exchange.env;
    if (spec.web) {
      resolveConnections(connectionsOf(spec, this.database, this.appUsers, this.cache).apply((connections) => pulumi
        .output(this.media?.bucketName)
        .apply((mediaBucket): Connections => ({
          env: {
            ...connections.env,
            ...(this.media && mediaBucket ? { MEDIA_BUCKET: mediaBucket, MEDIA_BASE_URL: this.media.baseUrl } : {}),
            ...(this.mail ? { MAIL_FROM_DOMAIN: spec.edge.zone, MAIL_REGION: spec.aws.region } : {}),
            ...exchangeEnv,
          },
          secrets: connections.secrets,
        }))));
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
              // The provider updates a selection's name-bound fields but not its resources alone:
              // each serving generation gets a selection of its own (see BackupArgs).
              selectionSuffix: database.servingGeneration === 1 ? undefined : `db_g${database.servingGeneration}`,
              databaseArn: database.instance.arn,
              subnetGroupName: database.instance.dbSubnetGroupName,
              securityGroupIds: [database.securityGroup.id],
            }
          : undefined,
        permissionsBoundary,
      }, parent);
    }

    if (spec.monitoring) {
      // The serving generation's primary and replicas.
      const db = this.database ? { identifier: this.database.identifier, replicaIdentifiers: this.database.replicaIdentifiers } : undefined;
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

  /** The media bucket at its hostname, written by the app. */
  private createMedia(spec: TenantSpec): MediaBucket | undefined {
    if (!spec.media) return undefined;
    return new MediaBucket(spec.id, {
      hostname: qualifyHostname(spec.media.hostname, spec.edge.zone),
      zoneId: this.edge.zoneId,
      region: spec.aws.region,
      corsOrigins: spec.media.corsOrigins,
      noncurrentVersionDays: spec.media.noncurrentVersionDays,
      writerRoleName: this.web?.instanceRoleName,
    }, { parent: this });
  }

  /** SES for the zone, with sending for the app. */
  private createMail(spec: TenantSpec): Mail | undefined {
    if (!spec.mail) return undefined;
    return new Mail(spec.id, {
      domain: spec.edge.zone,
      zoneId: this.edge.zoneId,
      region: spec.aws.region,
      mailFromSubdomain: spec.mail.mailFromSubdomain,
      dmarc: spec.mail.dmarc,
      fromLocalParts: spec.mail.fromAddresses,
      senderRoleName: this.web?.instanceRoleName,
    }, { parent: this });
  }

  /**
   * The export location granted to the partners, and read access to the exporters naming this
   * tenant; returns the app's variables naming those buckets.
   */
  private createExchange(spec: TenantSpec, links: ExchangeLinks): { location?: ExportLocation; env: Record<string, string> } {
    const env: Record<string, string> = {};
    const self = partyOf(spec);
    let location: ExportLocation | undefined;
    if (spec.exchange && self) {
      location = new ExportLocation(spec.id, {
        exporter: self,
        partners: links.exportsTo,
        writerRoleName: this.web?.instanceRoleName,
        keepDays: spec.exchange.keepDays,
      }, { parent: this });
      env["EXCHANGE_EXPORT_BUCKET"] = exportBucketName(self);
    }
    if (links.importsFrom.length > 0 && this.web) {
      new aws.iam.RolePolicy(`${spec.id}-exchange-reader`, {
        role: this.web.instanceRoleName,
        policy: JSON.stringify(importReadPolicy(links.importsFrom)),
      }, { parent: this });
      for (const exporter of links.importsFrom) env[importEnvName(exporter.tenantId)] = exportBucketName(exporter);
    }
    return { location, env };
  }

  private createEdge(
    spec: TenantSpec,
    origin: { hostname: pulumi.Output<string>; ready: Promise<pulumi.Resource[]> } | undefined,
    adopt: { records: Record<string, string>; rulesets: Record<string, AdoptedRuleset>; webRecords: Record<string, AdoptedWebRecord> },
    webRecordsOnCurrentHosting: boolean,
  ): Edge {
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
      currentOrigin: edge.currentOrigin,
      manageZone: edge.manageZone,
      originHostname: origin?.hostname,
      originReady: origin?.ready,
      adoptWebRecords: adopt.webRecords,
      webRecordsOnCurrentHosting,
      records: edge.records.map((record) => ({ ...record, name: fqdn(record.name) })),
      adoptRecords: adopt.records,
      adoptRulesets: adopt.rulesets,
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
      originPulls: edge.originPulls === true ? "enforced" : edge.originPulls === "staged" ? "staged" : "off",
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
        deletionReason: spec.offboarding?.reason,
        certificateArn: web.loadBalancer.certificateArn ?? this.edge.certificateArn,
        clientCaPem: this.edge.originPullCaPem,
        clientCaDependsOn: this.edge.originPullSettings ? [this.edge.originPullSettings] : [],
      },
      workers: web.workers,
      rootVolumeGiB: web.rootVolumeGiB,
      kmsKeyArn: this.key.keyArn,
      logGroupPrefix: `/tenant/${spec.id}`,
      logRetentionDays: web.logRetentionDays,
      instanceRoleTags: appRoleTags(spec.id),
      launchedTags: tenantTags(spec),
      permissionsBoundary: this.permissionsBoundary,
    };
  }
}
