import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { createClientSecurityGroup } from "../shared/client-security-group";
import { nameTags } from "../shared/naming";
import type { CacheEngine } from "./engines";
import { memberClusterIds } from "./member-clusters";
import { requireDefaultedArgs } from "../shared/required-args";
import { CACHE_DEFAULTS } from "./defaults";

export { CACHE_ENGINES, type CacheEngine } from "./engines";

/**
 * Arguments of {@link Cache}. The settings the tenant schema fills are required; by hand, spread
 * the defaults: `{ ...CACHE_DEFAULTS, version: "8.0", nodeType: "cache.t4g.small", … }`.
 */
export interface CacheArgs {
  /** Engine. The tenant schema's default is `CACHE_DEFAULTS.engine`. */
  engine: CacheEngine;
  /** Engine version, e.g. `"8.0"` (Valkey) or `"7.1"` (Redis). */
  version: string;
  /** Node type; change it to scale up. @example "cache.t4g.small" */
  nodeType: string;
  /** A replica in another zone with automatic failover (doubles the node price). The tenant schema's default is `CACHE_DEFAULTS.replica`. */
  replica: boolean;
  /** Physical id of the replication group (at most 40 characters). */
  replicationGroupId: string;
  vpcId: pulumi.Input<string>;
  /** Isolated subnets of the VPC. */
  subnetIds: pulumi.Input<string>[];
  /** Security groups allowed to connect (the application's instances). */
  clientSecurityGroupIds: pulumi.Input<string>[];
  /** KMS key for data at rest and the auth token secret. */
  kmsKeyArn: pulumi.Input<string>;
  /** Days of daily snapshots kept (0 turns them off). The tenant schema's default is `CACHE_DEFAULTS.snapshotRetentionDays`. */
  snapshotRetentionDays: number;
  /** Weekly maintenance window, UTC. Every tenant gets `CACHE_DEFAULTS.maintenanceWindow`. */
  maintenanceWindow: string;
  /**
   * Why the cache may be replaced (an engine change ElastiCache makes only by a new group, such
   * as Valkey back to Redis OSS). Set, the replication group is deleted before its replacement is
   * created: its id is fixed, and ElastiCache refuses a second group of the same id
   * (ReplicationGroupAlreadyExistsFault). Its contents are lost and the cache is unreachable
   * until the new group is available. @default undefined (created before the old one is deleted)
   */
  replacementReason?: string;
  /** Tags for every child that takes tags. @default {} */
  tags?: Record<string, string>;
}

const CACHE_PORT = 6379;

/**
 * An ElastiCache replication group (Valkey or Redis) for sessions and objects with TTLs, in the
 * isolated subnets: encrypted at rest (tenant key) and in transit, an AUTH token generated and
 * kept in Secrets Manager, optionally a replica in another zone with automatic failover.
 *
 * Cost (us-east-1): cache.t4g.small about $23/month per node for Redis, about $18 for Valkey;
 * the replica doubles it; the secret $0.40/month.
 */
export class Cache extends pulumi.ComponentResource {
  public readonly replicationGroup: aws.elasticache.ReplicationGroup;
  public readonly securityGroup: aws.ec2.SecurityGroup;
  public readonly primaryEndpoint: pulumi.Output<string>;
  public readonly readerEndpoint: pulumi.Output<string>;
  public readonly port = CACHE_PORT;
  /** Secrets Manager secret holding the AUTH token (plain string). */
  public readonly authTokenSecretArn: pulumi.Output<string>;
  /** Ids of the group's nodes (member clusters), primary first: `<replicationGroupId>-001`, `-002` (see `member-clusters.ts`). */
  public readonly memberClusterIds: string[];

  constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:cache:Cache", name, {}, opts);
    requireDefaultedArgs(name, args, CACHE_DEFAULTS, "CACHE_DEFAULTS");
    const parent = { parent: this };
    const tags = args.tags;
    if (args.replicationGroupId.length > 40) throw new RangeError(`${name}: replicationGroupId is longer than 40 characters`);

    this.securityGroup = createClientSecurityGroup({
      name: `${name}-cache`,
      vpcId: args.vpcId,
      port: CACHE_PORT,
      description: "Cache: port 6379 from the application only",
      clientSecurityGroupIds: args.clientSecurityGroupIds,
      tags,
      parent: this,
    });
    const subnetGroup = new aws.elasticache.SubnetGroup(`${name}-cache`, {
      description: `Isolated subnets of ${name}`,
      subnetIds: args.subnetIds,
      tags: nameTags(`${name}-cache`, tags),
    }, parent);

    // ElastiCache AUTH tokens: 16–128 printable characters without spaces, quotes, / or @.
    const token = new random.RandomPassword(`${name}-cache-auth`, { length: 48, special: false }, parent);
    const secret = new aws.secretsmanager.Secret(`${name}-cache-auth`, {
      description: `AUTH token of the ${name} cache`,
      kmsKeyId: args.kmsKeyArn,
      recoveryWindowInDays: 7,
      tags: nameTags(`${name}-cache-auth`, tags),
    }, parent);
    new aws.secretsmanager.SecretVersion(`${name}-cache-auth`, { secretId: secret.id, secretString: token.result }, parent);
    this.authTokenSecretArn = secret.arn;

    const replica = args.replica;
    const nodeCount = replica ? 2 : 1;
    this.replicationGroup = new aws.elasticache.ReplicationGroup(`${name}-cache`, {
      replicationGroupId: args.replicationGroupId,
      description: `Cache of ${name}`,
      engine: args.engine,
      engineVersion: args.version,
      nodeType: args.nodeType,
      port: CACHE_PORT,
      numCacheClusters: nodeCount,
      automaticFailoverEnabled: replica,
      multiAzEnabled: replica,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [this.securityGroup.id],
      atRestEncryptionEnabled: true,
      kmsKeyId: args.kmsKeyArn,
      transitEncryptionEnabled: true,
      authToken: token.result,
      authTokenUpdateStrategy: "ROTATE",
      autoMinorVersionUpgrade: true,
      snapshotRetentionLimit: args.snapshotRetentionDays,
      snapshotWindow: "01:00-02:00",
      maintenanceWindow: args.maintenanceWindow,
      applyImmediately: false,
      tags: nameTags(`${name}-cache`, tags),
    }, { parent: this, deleteBeforeReplace: args.replacementReason !== undefined });
    this.primaryEndpoint = this.replicationGroup.primaryEndpointAddress;
    this.readerEndpoint = this.replicationGroup.readerEndpointAddress;
    this.memberClusterIds = memberClusterIds(args.replicationGroupId, nodeCount);

    this.registerOutputs({
      primaryEndpoint: this.primaryEndpoint,
      readerEndpoint: this.readerEndpoint,
      port: this.port,
      authTokenSecretArn: this.authTokenSecretArn,
      securityGroupId: this.securityGroup.id,
    });
  }
}
