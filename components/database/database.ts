import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createClientSecurityGroup } from "../shared/client-security-group";
import { nameTags } from "../shared/naming";
import { requireDefaultedArgs } from "../shared/required-args";
import type { DatabaseArgs } from "./args";
import { DATABASE_DEFAULTS } from "./defaults";
import { ENGINE_PROFILES, parameterGroupFamily } from "./engines";
import { generationNames, replicaIdentifiers, type GenerationNames } from "./generation";
import { sharedInstanceSettings, type InstanceContext } from "./instance-settings";
import { createMasterSecret } from "./master-secret";
import { createPrimary, withReplacementReason, type PrimaryPlacement } from "./primary";
import { createReplicas } from "./replicas";

export { CREATE_ONLY_INPUTS, REPLACEMENT_TAG } from "./primary";

/** The generations' names: the current one's, and the previous one's while it runs. */
interface Generations {
  readonly current: GenerationNames;
  readonly previous?: GenerationNames;
}

/** Checks what a tenant file cannot already have ruled out; the generations' names. */
function validate(name: string, args: DatabaseArgs): Generations {
  requireDefaultedArgs(name, args, DATABASE_DEFAULTS, "DATABASE_DEFAULTS");
  const profile = ENGINE_PROFILES[args.engine];
  if (!profile.versions.includes(args.version)) {
    throw new RangeError(`${name}: ${args.engine} ${args.version} is not offered; choose one of ${profile.versions.join(", ")}`);
  }
  const current = generationNames(name, args.identifier, args.generation);
  const previous = args.previous ? generationNames(name, args.identifier, args.previous.generation) : undefined;
  if (previous && previous.generation >= current.generation) {
    throw new RangeError(`${name}: the previous generation (${previous.generation}) must be lower than the current one (${current.generation})`);
  }
  if (args.discardReason !== undefined && !args.previous?.serving) {
    throw new RangeError(`${name}: generation ${current.generation} may be discarded only while a previous generation serves`);
  }
  if (args.previous?.serving && args.previous.retireReason !== undefined) {
    throw new RangeError(`${name}: generation ${args.previous.generation} still serves; switch to generation ${current.generation} before retiring it`);
  }
  const replicaVersion = args.replicaVersion ?? args.version;
  if (!profile.versions.includes(replicaVersion)) {
    throw new RangeError(`${name}: ${args.engine} ${replicaVersion} (replicaVersion) is not offered; choose one of ${profile.versions.join(", ")}`);
  }
  return { current, previous };
}

/** A parameter group `logicalName` of `version`'s family, `purpose` (e.g. "replicas for shop"): TLS required, slow queries logged. */
function createParameterGroup(logicalName: string, args: DatabaseArgs, version: string, purpose: string, tags: Record<string, string> | undefined, parent: pulumi.Resource): aws.rds.ParameterGroup {
  return new aws.rds.ParameterGroup(logicalName, {
    family: parameterGroupFamily(args.engine, version),
    description: `${args.engine} ${version} ${purpose}: TLS required, slow queries logged`,
    parameters: ENGINE_PROFILES[args.engine].parameters.map((p) => ({ ...p })),
    tags: nameTags(logicalName, tags),
  }, { parent });
}

/** `<name>-db-monitoring`: the role enhanced monitoring publishes with; none when it is off. */
function createMonitoringRole(name: string, args: DatabaseArgs, tags: Record<string, string> | undefined, parent: pulumi.Resource): aws.iam.Role | undefined {
  if (args.monitoringIntervalSeconds <= 0) return undefined;
  const role = new aws.iam.Role(`${name}-db-monitoring`, {
    permissionsBoundary: args.permissionsBoundary,
    description: "Lets RDS enhanced monitoring publish OS metrics",
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    tags: nameTags(`${name}-db-monitoring`, tags),
  }, { parent });
  new aws.iam.RolePolicyAttachment(`${name}-db-monitoring`, {
    role: role.name,
    policyArn: aws.iam.ManagedPolicy.AmazonRDSEnhancedMonitoringRole,
  }, { parent });
  return role;
}

/** A primary and its generation's names. */
interface NamedPrimary {
  readonly names: GenerationNames;
  readonly instance: aws.rds.Instance;
}

/**
 * Every generation's primary (the previous one, created before the current one, is registered
 * first, as it was: `instances`), and the one that serves.
 */
function createPrimaries(context: InstanceContext, placement: PrimaryPlacement, generations: Generations): { instances: aws.rds.Instance[]; serving: NamedPrimary } {
  const { args } = context;
  const { current, previous } = generations;
  const previousInstance = previous ? createPrimary(context, placement, previous, args.previous!.retireReason, undefined) : undefined;
  const currentInstance = createPrimary(context, placement, current, args.replacementReason ?? args.discardReason, args.restore);
  return {
    instances: previousInstance ? [previousInstance, currentInstance] : [currentInstance],
    serving: previous && previousInstance && args.previous!.serving ? { names: previous, instance: previousInstance } : { names: current, instance: currentInstance },
  };
}

/**
 * A managed MySQL, MariaDB or PostgreSQL database that is hard to lose: encrypted with the
 * tenant key, never public, TLS enforced, master password generated by the component and kept in
 * its own Secrets Manager secret (see {@link createMasterSecret}), IAM
 * authentication, automated backups with windows, deletion protection, a final snapshot with a
 * unique name, automated backups kept after deletion, `protect`ed, logs exported, enhanced
 * monitoring and Performance Insights. Optional Multi-AZ standby and read replicas.
 *
 * Disaster recovery restores side by side: a new `generation` is restored (`restore`) next to
 * the `previous` one under its own identifier, the serving generation (what `instance`,
 * `address`, the replicas and the outputs are) is switched by `previous.serving`, and the
 * previous generation is retired (`previous.retireReason`, then left out) by later deploys. There
 * is never a moment without a database, and no fixed identifier is reused while its owner exists.
 *
 * Cost (us-east-1, on demand): db.t4g.medium about $47/month per instance (standby doubles the
 * primary; each replica is one more), gp3 storage $0.115/GB-month, backups beyond the database
 * size $0.095/GB-month, enhanced monitoring CloudWatch Logs ingestion, Performance Insights free
 * for 7 days of history, the master secret $0.40/month.
 */
export class Database extends pulumi.ComponentResource {
  /** The primary the application, replicas, alarms and backups use (the serving generation's). */
  public readonly instance: aws.rds.Instance;
  /** Every generation's primary: the previous one (while it runs), then the current one. */
  public readonly instances: aws.rds.Instance[];
  /** Identifier of the serving primary. */
  public readonly identifier: string;
  /** Generation of the serving primary (1: the first). */
  public readonly servingGeneration: number;
  /** Identifiers of the serving primary's read replicas. */
  public readonly replicaIdentifiers: string[];
  public readonly replicas: aws.rds.Instance[];
  public readonly securityGroup: aws.ec2.SecurityGroup;
  /** Writer endpoint (`host:port`) and address. */
  public readonly endpoint: pulumi.Output<string>;
  public readonly address: pulumi.Output<string>;
  /** Reader addresses, one per replica. */
  public readonly replicaAddresses: pulumi.Output<string>[];
  public readonly port: number;
  /** ARN of the Secrets Manager secret holding the master credentials (JSON: username, password). */
  public readonly masterSecretArn: pulumi.Output<string>;
  /** The master password (a Pulumi secret), for code that manages users inside the database (AppUsers). */
  public readonly masterPassword: pulumi.Output<string>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:database:Database", name, {}, opts);
    const generations = validate(name, args);
    const profile = ENGINE_PROFILES[args.engine];
    const tags = withReplacementReason(args.tags, args.replacementReason);
    this.port = profile.port;
    this.securityGroup = createClientSecurityGroup({
      name: `${name}-db`,
      vpcId: args.vpcId,
      port: profile.port,
      description: `Database: ${args.engine} port from the application only`,
      clientSecurityGroupIds: args.clientSecurityGroupIds,
      tags,
      parent: this,
    });
    const subnetGroup = new aws.rds.SubnetGroup(`${name}-db`, {
      description: `Isolated subnets of ${name}`,
      subnetIds: args.subnetIds,
      tags: nameTags(`${name}-db`, tags),
    }, { parent: this });
    const parameterGroup = createParameterGroup(`${name}-db`, args, args.version, `for ${name}`, tags, this);
    const monitoringRole = createMonitoringRole(name, args, tags, this);
    const context: InstanceContext = { args, profile, shared: sharedInstanceSettings(args, profile, this.securityGroup.id, monitoringRole?.arn), parent: this };
    // One master secret for every generation: each instance gets its password (see createMasterSecret).
    const master = createMasterSecret(name, args, tags, this);
    const primaries = createPrimaries(context, { subnetGroup, parameterGroup, master }, generations);
    const serving = primaries.serving;
    this.instance = serving.instance;
    this.instances = primaries.instances;
    this.identifier = serving.names.identifier;
    this.servingGeneration = serving.names.generation;

    // Replicas share the primary's group, except while they run a newer major version than it
    // (a MySQL or MariaDB upgrade, replicas first): then a group of their version's family.
    const replicaVersion = args.replicaVersion ?? args.version;
    const aheadVersion = replicaVersion === args.version ? undefined : replicaVersion;
    const replicaParameterGroup = aheadVersion === undefined ? parameterGroup : createParameterGroup(`${name}-db-replicas`, args, aheadVersion, `replicas for ${name}`, tags, this);
    this.replicaIdentifiers = replicaIdentifiers(serving.names, args.readReplicas);
    this.replicas = createReplicas(context, { ...serving, parameterGroup: replicaParameterGroup, aheadVersion }, this.replicaIdentifiers, tags);

    this.endpoint = this.instance.endpoint;
    this.address = this.instance.address;
    this.replicaAddresses = this.replicas.map((replica) => replica.address);
    this.masterSecretArn = master.secretArn;
    this.masterPassword = master.password;
    this.registerOutputs({
      endpoint: this.endpoint,
      address: this.address,
      replicaAddresses: this.replicaAddresses,
      port: this.port,
      masterSecretArn: this.masterSecretArn,
      securityGroupId: this.securityGroup.id,
    });
  }
}
