import type * as pulumi from "@pulumi/pulumi";
import type { DatabaseEngine } from "./engines";

/** Where a new database's data comes from (disaster recovery). Used only when the instance is created. */
export interface DatabaseRestoreArgs {
  /** Snapshot identifier or ARN to create the database from. @default undefined */
  snapshotIdentifier?: string;
  /** Restore another instance's automated backups to a point in time. @default undefined */
  pointInTime?: {
    /** Identifier of the instance whose backups are restored. */
    sourceInstanceIdentifier: string;
    /** UTC time such as `2026-11-20T03:00:00Z`; leave out for the latest restorable time. @default latest */
    restoreTime?: string;
  };
}

/** Arguments of {@link Database}. */
export interface DatabaseArgs {
  /** Engine. Fixed for the life of the database (changing it replaces the instance). */
  engine: DatabaseEngine;
  /** Major version, e.g. `"8.0"` (MySQL), `"10.11"` (MariaDB), `"16"` (PostgreSQL). Minor versions upgrade automatically. */
  version: string;
  /** Instance class; change it to scale up (applied in place). @example "db.t4g.medium" */
  instanceClass: string;
  /** Physical identifier of the primary; replicas append `-replica-N`. Fixed for the life of the database. */
  identifier: string;
  /** Name of the first database created. Fixed for the life of the database. */
  databaseName: string;
  /** Master user name; its password is generated and kept by RDS in Secrets Manager. Fixed for the life of the database. */
  masterUsername: string;
  /** gp3 storage at creation, in GiB (20 or more). */
  allocatedStorageGiB: number;
  /** Storage autoscaling ceiling in GiB; equal to allocatedStorageGiB turns autoscaling off. */
  maxAllocatedStorageGiB: number;
  /** A synchronous standby in another zone with automatic failover (about doubles the instance price). @default false */
  standby?: boolean;
  /**
   * Read replicas, spread over `availabilityZones` (each placed at creation; later zone changes
   * do not move it). Each costs one more instance. @default 0
   */
  readReplicas?: number;
  /** Zones replicas are spread over. */
  availabilityZones: string[];
  /** Isolated subnets of the VPC (the subnet group). */
  subnetIds: pulumi.Input<string>[];
  vpcId: pulumi.Input<string>;
  /** Security groups allowed to connect on the engine port (the application's instances). */
  clientSecurityGroupIds: pulumi.Input<string>[];
  /** KMS key encrypting storage, Performance Insights, the master secret and logs. */
  kmsKeyArn: pulumi.Input<string>;
  /** Days automated backups are kept (7–35). @default 7 */
  backupRetentionDays?: number;
  /** Daily backup window, UTC. @default "02:00-03:00" */
  backupWindow?: string;
  /** Weekly maintenance window, UTC. @default "sun:03:30-sun:04:30" */
  maintenanceWindow?: string;
  /** Apply modifications (class, storage) now rather than in the maintenance window. @default false */
  applyImmediately?: boolean;
  /** Performance Insights (7 days free), where the class offers it. @default true */
  performanceInsights?: boolean;
  /** Enhanced monitoring interval in seconds (0 turns it off). @default 60 */
  monitoringIntervalSeconds?: number;
  /** Days exported database logs are kept. @default 30 */
  logRetentionDays?: number;
  /**
   * Why the database may be replaced or deleted. Set, it lifts Pulumi `protect` and deletion
   * protection (the final snapshot stays) and tags the instance with the reason, which the policy
   * pack reads as the declared intent. @default undefined (protected)
   */
  replacementReason?: string;
  /** Create the database from a snapshot or a point in time (creation only). @default undefined */
  restore?: DatabaseRestoreArgs;
  /** Tags for every child that takes tags. @default {} */
  tags?: Record<string, string>;
}
