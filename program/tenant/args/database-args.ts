/** The tenant file → the arguments of its Database and of the application's database users. */
import type * as pulumi from "@pulumi/pulumi";
import { APP_USERS_DEFAULTS, DATABASE_DEFAULTS, type AppUsersArgs, type DatabaseArgs } from "../../../components/database";
import { tenantDatabaseIdentifier } from "../../../components/database/generation";
import type { TenantSpec } from "../../../tenant-schema/tenant-schema";
import type { DataTierPlacement } from "./data-tier-placement";

/** What the database takes from outside the `database` section. */
export interface DatabaseInputs extends DataTierPlacement {
  /** Zones the replicas are spread over. */
  readonly availabilityZones: string[];
  /** Boundary of the enhanced monitoring role. */
  readonly permissionsBoundary: pulumi.Input<string>;
}

/**
 * The RDS primary (identifier `<id>-db`), standby, replicas, backups and generations of the
 * `database` section; none without it. Offboarding lifts its protection like a declared
 * replacement, with the offboarding reason.
 */
export function databaseArgs(spec: TenantSpec, inputs: DatabaseInputs): DatabaseArgs | undefined {
  const { database } = spec;
  if (!database) return undefined;
  return {
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
    availabilityZones: inputs.availabilityZones,
    subnetIds: inputs.subnetIds,
    vpcId: inputs.vpcId,
    clientSecurityGroupIds: inputs.clientSecurityGroupIds,
    kmsKeyArn: inputs.kmsKeyArn,
    backupRetentionDays: database.backup.retentionDays,
    backupWindow: database.backup.window,
    maintenanceWindow: database.backup.maintenanceWindow,
    applyImmediately: database.applyImmediately,
    performanceInsights: database.performanceInsights,
    monitoringIntervalSeconds: DATABASE_DEFAULTS.monitoringIntervalSeconds,
    logRetentionDays: DATABASE_DEFAULTS.logRetentionDays,
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
    permissionsBoundary: inputs.permissionsBoundary,
  };
}

/** Logical name of the application users' component. */
export function appUsersName(tenantId: string): string {
  return `${tenantId}-db-app`;
}

/** What the application users take from the database and the network. */
export interface AppUsersInputs {
  /** The serving primary: where the function connects, as the master user. */
  readonly database: {
    readonly address: pulumi.Input<string>;
    readonly port: number;
    readonly masterPassword: pulumi.Input<string>;
    readonly securityGroup: { readonly id: pulumi.Input<string> };
  };
  readonly vpcId: pulumi.Input<string>;
  /** The database's own (isolated) subnets: the function reaches nothing outside the VPC. */
  readonly subnetIds: pulumi.Input<string>[];
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Boundary of the function's role. */
  readonly permissionsBoundary: pulumi.Input<string>;
}

/** The application's own alternating database users, managed by the function `<id>-db-app-users`; none without a database. */
export function appUsersArgs(spec: TenantSpec, inputs: AppUsersInputs): AppUsersArgs | undefined {
  const { database } = spec;
  if (!database) return undefined;
  return {
    engine: database.engine,
    address: inputs.database.address,
    port: inputs.database.port,
    databaseName: database.name,
    masterUsername: database.username,
    masterPassword: inputs.database.masterPassword,
    databaseSecurityGroupId: inputs.database.securityGroup.id,
    vpcId: inputs.vpcId,
    subnetIds: inputs.subnetIds,
    kmsKeyArn: inputs.kmsKeyArn,
    rotation: database.appUsers.rotation,
    allowOpenSessions: database.appUsers.allowOpenSessions,
    functionName: `${appUsersName(spec.id)}-users`,
    logRetentionDays: APP_USERS_DEFAULTS.logRetentionDays,
    permissionsBoundary: inputs.permissionsBoundary,
  };
}
