import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Backup } from "../../components/backup";
import { Cache } from "../../components/cache";
import { AppUsers, Database } from "../../components/database";
import { ExportLocation } from "../../components/data-exchange";
import { Edge } from "../../components/edge";
import type { AdoptedRuleset, AdoptedWebRecord } from "../../components/edge/args";
import { Mail } from "../../components/mail";
import { MediaBucket } from "../../components/media-bucket";
import { Monitoring } from "../../components/monitoring";
import { Network } from "../../components/network";
import { TenantKey } from "../../components/tenant-key";
import { WebTier } from "../../components/web-tier";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";
import { backupArgs } from "./args/backup-args";
import { cacheArgs } from "./args/cache-args";
import { appUsersArgs, appUsersName, databaseArgs } from "./args/database-args";
import { edgeArgs } from "./args/edge-args";
import { exchangeEnv, exchangeReaderArgs, exchangeReaderName, exportLocationArgs } from "./args/exchange-args";
import { offsiteKeyArgs, offsiteKeyName, tenantKeyArgs } from "./args/key-args";
import { mailArgs } from "./args/mail-args";
import { mediaBucketArgs } from "./args/media-args";
import { monitoringArgs } from "./args/monitoring-args";
import { networkArgs } from "./args/network-args";
import { webTierArgs } from "./args/web-tier-args";
import { appConnections } from "./connections";
import type { ExchangeLinks } from "./exchange-links";
import { HandOver } from "./hand-over";
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
 * One tenant: the only code that reads a {@link TenantSpec}. The arguments of each reusable
 * component come from a pure function of the file and of what earlier components expose
 * (`args/`); this constructor creates them in dependency order. Providers arrive through `opts`.
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

  constructor(args: TenantArgs, opts?: pulumi.ComponentResourceOptions) {
    const { spec, availabilityZones } = args;
    super("tenant-platform:tenant:Tenant", spec.id, {}, opts);
    const parent = { parent: this };
    // Every IAM role the tenant creates carries the account's boundary (`permissions-boundary.ts`).
    const permissionsBoundary = tenantBoundaryArn(parent);

    // The tenant key encrypts what the tenant keeps; the network spans its zones.
    this.key = new TenantKey(spec.id, tenantKeyArgs(spec), parent);
    const kmsKeyArn = this.key.keyArn;
    this.network = new Network(spec.id, networkArgs(spec, { availabilityZones, kmsKeyArn, permissionsBoundary }), parent);

    // The edge first: it receives the load balancer's host name later (`hand-over.ts`).
    const handOver = new HandOver();
    const adopt = { records: args.adoptRecords ?? {}, rulesets: args.adoptRulesets ?? {}, webRecords: args.adoptWebRecords ?? {} };
    this.edge = new Edge(spec.id, edgeArgs(spec, { origin: handOver.origin, adopt, webRecordsOnCurrentHosting: args.webRecordsOnCurrentHosting ?? false }), parent);

    // The web tier, with the edge's certificate; its connections arrive once the rest exists.
    const { connectionEnv, connectionSecrets } = handOver;
    const web = webTierArgs(spec, { network: this.network, edge: this.edge, connectionEnv, connectionSecrets, kmsKeyArn, permissionsBoundary });
    this.web = web && new WebTier(spec.id, web, parent);
    if (this.web) handOver.webTierCreated(this.web);

    // The data tier, in the isolated subnets, reached by the web tier's instances only.
    const placement = this.web && {
      vpcId: this.network.vpcId, subnetIds: this.network.isolatedSubnetIds, clientSecurityGroupIds: [this.web.instanceSecurityGroupId], kmsKeyArn,
    };
    const database = placement && databaseArgs(spec, { ...placement, availabilityZones, permissionsBoundary });
    this.database = database && new Database(spec.id, database, parent);
    const appUsers = placement && this.database && appUsersArgs(spec, { ...placement, database: this.database, permissionsBoundary });
    this.appUsers = appUsers && new AppUsers(appUsersName(spec.id), appUsers, parent);
    const cache = placement && cacheArgs(spec, placement);
    this.cache = cache && new Cache(spec.id, cache, parent);

    // Media and mail in the zone, written and sent by the instances' role.
    const { zoneId } = this.edge;
    const roleName = this.web?.instanceRoleName;
    const media = mediaBucketArgs(spec, { zoneId, writerRoleName: roleName });
    this.media = media && new MediaBucket(spec.id, media, parent);
    const mail = mailArgs(spec, { zoneId, senderRoleName: roleName });
    this.mail = mail && new Mail(spec.id, mail, parent);

    // The export location for the partners, and read access to the exporters naming this tenant.
    const links = args.exchange ?? { exportsTo: [], importsFrom: [] };
    const exportLocation = exportLocationArgs(spec, links, roleName);
    this.exportLocation = exportLocation && new ExportLocation(spec.id, exportLocation, parent);
    const reader = exchangeReaderArgs(links, roleName);
    if (reader) new aws.iam.RolePolicy(exchangeReaderName(spec.id), reader, parent);

    // Now the app's connections are known: hand them to the web tier.
    if (this.web) {
      handOver.connectionsKnown(appConnections(spec, {
        database: this.database, appUsers: this.appUsers, cache: this.cache, media: this.media, mail: this.mail !== undefined, exchangeEnv: exchangeEnv(spec, links),
      }));
    }

    // Backups (with a key in the backup region) and alarms, over what exists.
    const offsiteKey = offsiteKeyArgs(spec);
    const offsiteKmsKeyArn = offsiteKey && new TenantKey(offsiteKeyName(spec.id), offsiteKey, parent).keyArn;
    const backup = offsiteKmsKeyArn && backupArgs(spec, { kmsKeyArn, offsiteKmsKeyArn, database: this.database, permissionsBoundary });
    this.backup = backup && new Backup(spec.id, backup, parent);
    const monitoring = monitoringArgs(spec, { kmsKeyArn, web: this.web, database: this.database, cache: this.cache });
    this.monitoring = monitoring && new Monitoring(spec.id, monitoring, parent);

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
}
