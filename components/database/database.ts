import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { createClientSecurityGroup } from "../shared/client-security-group";
import { nameTags } from "../shared/naming";
import type { DatabaseArgs } from "./args";
import { ENGINE_PROFILES, parameterGroupFamily, performanceInsightsAvailable } from "./engines";

/**
 * Arguments RDS fixes when the instance is created. A later change to them would replace the
 * instance (an empty new database), so the component ignores their changes after creation; the
 * tenant file validation refuses such a change unless replacement was declared first. The key
 * and encryption are among them: a database restored from a snapshot keeps the snapshot's key,
 * and must not look like a replacement on the next deploy.
 */
export const CREATE_ONLY_INPUTS = ["dbName", "username", "snapshotIdentifier", "restoreToPointInTime", "kmsKeyId", "storageEncrypted"] as const;

/** Tag that carries a declared replacement's reason (read by the policy pack). */
export const REPLACEMENT_TAG = "tenant-platform:replacement";

/** A reason as a tag value: the characters AWS tags accept, at most 256. */
function tagValue(text: string): string {
  return text.replace(/[^\p{L}\p{N}\s_.:/=+\-@]/gu, " ").replace(/\s+/g, " ").trim().slice(0, 256) || "declared";
}

/**
 * A managed MySQL, MariaDB or PostgreSQL database that is hard to lose: encrypted with the
 * tenant key, never public, TLS enforced, password kept by RDS in Secrets Manager, IAM
 * authentication, automated backups with windows, deletion protection, a final snapshot with a
 * unique name, automated backups kept after deletion, `protect`ed, logs exported, enhanced
 * monitoring and Performance Insights. Optional Multi-AZ standby and read replicas.
 *
 * Cost (us-east-1, on demand): db.t4g.medium about $47/month per instance (standby doubles the
 * primary; each replica is one more), gp3 storage $0.115/GB-month, backups beyond the database
 * size $0.095/GB-month, enhanced monitoring CloudWatch Logs ingestion, Performance Insights free
 * for 7 days of history.
 */
export class Database extends pulumi.ComponentResource {
  public readonly instance: aws.rds.Instance;
  public readonly replicas: aws.rds.Instance[];
  public readonly securityGroup: aws.ec2.SecurityGroup;
  /** Writer endpoint (`host:port`) and address. */
  public readonly endpoint: pulumi.Output<string>;
  public readonly address: pulumi.Output<string>;
  /** Reader addresses, one per replica. */
  public readonly replicaAddresses: pulumi.Output<string>[];
  public readonly port: number;
  /** ARN of the Secrets Manager secret RDS keeps the master credentials in (JSON: username, password). */
  public readonly masterSecretArn: pulumi.Output<string>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:database:Database", name, {}, opts);
    const parent = { parent: this };
    const protect = args.replacementReason === undefined;
    const tags = protect ? args.tags : { ...args.tags, [REPLACEMENT_TAG]: tagValue(args.replacementReason!) };
    const profile = ENGINE_PROFILES[args.engine];
    if (!profile.versions.includes(args.version)) {
      throw new RangeError(`${name}: ${args.engine} ${args.version} is not offered; choose one of ${profile.versions.join(", ")}`);
    }
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
    }, parent);

    const parameterGroup = new aws.rds.ParameterGroup(`${name}-db`, {
      family: parameterGroupFamily(args.engine, args.version),
      description: `${args.engine} ${args.version} for ${name}: TLS required, slow queries logged`,
      parameters: profile.parameters.map((p) => ({ ...p })),
      tags: nameTags(`${name}-db`, tags),
    }, parent);

    const logGroups = profile.logExports.map((log) => new aws.cloudwatch.LogGroup(`${name}-db-${log}`, {
      name: `/aws/rds/instance/${args.identifier}/${log}`,
      retentionInDays: args.logRetentionDays ?? 30,
      kmsKeyId: args.kmsKeyArn,
      tags: nameTags(`${name}-db-${log}`, tags),
    }, parent));

    const monitoringInterval = args.monitoringIntervalSeconds ?? 60;
    const monitoringRole = monitoringInterval > 0
      ? new aws.iam.Role(`${name}-db-monitoring`, {
          description: "Lets RDS enhanced monitoring publish OS metrics",
          assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" }],
          }),
          tags: nameTags(`${name}-db-monitoring`, tags),
        }, parent)
      : undefined;
    if (monitoringRole) {
      new aws.iam.RolePolicyAttachment(`${name}-db-monitoring`, {
        role: monitoringRole.name,
        policyArn: aws.iam.ManagedPolicy.AmazonRDSEnhancedMonitoringRole,
      }, parent);
    }

    // A unique, stable final snapshot name: drawn once, kept in state.
    // Redrawn when replacement is declared, so a replaced database's final snapshot gets a new name.
    const finalSnapshotSuffix = new random.RandomId(`${name}-db-final-snapshot`, {
      byteLength: 4,
      keepers: { engine: args.engine, protected: String(protect) },
    }, parent);
    const performanceInsights = (args.performanceInsights ?? true) && performanceInsightsAvailable(args.engine, args.instanceClass);
    const restore = args.restore;

    this.instance = new aws.rds.Instance(`${name}-db`, {
      identifier: args.identifier,
      engine: args.engine,
      engineVersion: args.version,
      autoMinorVersionUpgrade: true,
      // A new major version in the tenant file is the upgrade; RDS refuses it without this.
      allowMajorVersionUpgrade: true,
      instanceClass: args.instanceClass,
      dbName: restore ? undefined : args.databaseName,
      username: restore ? undefined : args.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: args.kmsKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      port: profile.port,
      storageType: "gp3",
      allocatedStorage: args.allocatedStorageGiB,
      maxAllocatedStorage: args.maxAllocatedStorageGiB,
      storageEncrypted: true,
      kmsKeyId: args.kmsKeyArn,
      multiAz: args.standby ?? false,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      parameterGroupName: parameterGroup.name,
      publiclyAccessible: false,
      caCertIdentifier: "rds-ca-rsa2048-g1",
      backupRetentionPeriod: args.backupRetentionDays ?? 7,
      backupWindow: args.backupWindow ?? "02:00-03:00",
      maintenanceWindow: args.maintenanceWindow ?? "sun:03:30-sun:04:30",
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      // Lifted together with `protect`, in its own deploy, so that a following one can replace.
      deletionProtection: protect,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: pulumi.interpolate`${args.identifier}-final-${finalSnapshotSuffix.hex}`,
      applyImmediately: args.applyImmediately ?? false,
      enabledCloudwatchLogsExports: [...profile.logExports],
      monitoringInterval,
      monitoringRoleArn: monitoringRole?.arn,
      performanceInsightsEnabled: performanceInsights,
      performanceInsightsKmsKeyId: performanceInsights ? args.kmsKeyArn : undefined,
      performanceInsightsRetentionPeriod: performanceInsights ? 7 : undefined,
      snapshotIdentifier: restore?.snapshotIdentifier,
      restoreToPointInTime: restore?.pointInTime
        ? {
            sourceDbInstanceIdentifier: restore.pointInTime.sourceInstanceIdentifier,
            restoreTime: restore.pointInTime.restoreTime,
            useLatestRestorableTime: restore.pointInTime.restoreTime ? undefined : true,
          }
        : undefined,
      tags: nameTags(`${name}-db`, tags),
    }, {
      parent: this,
      protect,
      retainOnDelete: protect,
      ignoreChanges: [...CREATE_ONLY_INPUTS],
      // RDS creates the exported log groups itself when they do not exist yet: ours must come first.
      dependsOn: logGroups,
    });

    const zones = args.availabilityZones;
    this.replicas = Array.from({ length: args.readReplicas ?? 0 }, (_, i) => new aws.rds.Instance(`${name}-db-replica-${i + 1}`, {
      identifier: `${args.identifier}-replica-${i + 1}`,
      replicateSourceDb: this.instance.identifier,
      instanceClass: args.instanceClass,
      // Spread over the zones when created; ignored afterwards so a zone change never moves it.
      availabilityZone: zones.length > 0 ? zones[(i + 1) % zones.length] : undefined,
      autoMinorVersionUpgrade: true,
      storageType: "gp3",
      maxAllocatedStorage: args.maxAllocatedStorageGiB,
      vpcSecurityGroupIds: [this.securityGroup.id],
      parameterGroupName: parameterGroup.name,
      publiclyAccessible: false,
      caCertIdentifier: "rds-ca-rsa2048-g1",
      iamDatabaseAuthenticationEnabled: true,
      // A replica holds no data of its own: no final snapshot, and removable by a routine change.
      skipFinalSnapshot: true,
      deletionProtection: false,
      backupRetentionPeriod: 0,
      applyImmediately: args.applyImmediately ?? false,
      monitoringInterval,
      monitoringRoleArn: monitoringRole?.arn,
      performanceInsightsEnabled: performanceInsights,
      performanceInsightsKmsKeyId: performanceInsights ? args.kmsKeyArn : undefined,
      performanceInsightsRetentionPeriod: performanceInsights ? 7 : undefined,
      tags: nameTags(`${name}-db-replica-${i + 1}`, tags),
    }, { parent: this, ignoreChanges: ["availabilityZone"] }));

    this.endpoint = this.instance.endpoint;
    this.address = this.instance.address;
    this.replicaAddresses = this.replicas.map((replica) => replica.address);
    this.masterSecretArn = this.instance.masterUserSecrets.apply((secrets) => secrets[0]?.secretArn ?? "");

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
