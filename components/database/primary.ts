/** One generation's primary instance: protected, encrypted, backed up, with its log groups and final snapshot name. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { nameTags } from "../shared/naming";
import { reasonTagValue, REPLACEMENT_TAG } from "../shared/reason-tag";
import type { DatabaseRestoreArgs } from "./args";
import type { GenerationNames } from "./generation";
import { createExportedLogGroups, type InstanceContext } from "./instance-settings";
import type { MasterSecret } from "./master-secret";
import { restoreSources } from "./restore-sources";

/**
 * Arguments RDS fixes when the instance is created. A later change to them would replace the
 * instance (an empty new database), so the component ignores their changes after creation; the
 * tenant file validation refuses such a change unless replacement was declared first. The key
 * and encryption are among them: a database restored from a snapshot keeps the snapshot's key,
 * and must not look like a replacement on the next deploy.
 */
export const CREATE_ONLY_INPUTS = ["dbName", "username", "snapshotIdentifier", "restoreToPointInTime", "kmsKeyId", "storageEncrypted"] as const;

export { REPLACEMENT_TAG } from "../shared/reason-tag";

/** `tags`, with the reason for a replacement or deletion when there is one. */
export function withReplacementReason(tags: Record<string, string> | undefined, reason: string | undefined): Record<string, string> | undefined {
  return reason === undefined ? tags : { ...tags, [REPLACEMENT_TAG]: reasonTagValue(reason) };
}

/** What a primary is placed in and created with, besides the shared settings. */
export interface PrimaryPlacement {
  readonly subnetGroup: aws.rds.SubnetGroup;
  readonly parameterGroup: aws.rds.ParameterGroup;
  readonly master: MasterSecret;
}

/**
 * One generation's primary, with its log groups and final snapshot name. `reason` set lifts
 * its protection (a declared replacement, or the retirement of a previous generation).
 */
export function createPrimary(context: InstanceContext, placement: PrimaryPlacement, names: GenerationNames, reason: string | undefined, restore: DatabaseRestoreArgs | undefined): aws.rds.Instance {
  const { args, profile, parent } = context;
  const guarded = reason === undefined;
  const ownTags = withReplacementReason(args.tags, reason);
  const logGroups = createExportedLogGroups(context, names.logicalName, names.identifier, ownTags);
  // A unique, stable final snapshot name: drawn once, kept in state.
  // Redrawn when protection is lifted, so a replaced database's final snapshot gets a new name.
  const finalSnapshotSuffix = new random.RandomId(`${names.logicalName}-final-snapshot`, {
    byteLength: 4,
    keepers: { engine: args.engine, protected: String(guarded) },
  }, { parent });
  return new aws.rds.Instance(names.logicalName, {
    ...context.shared,
    identifier: names.identifier,
    engine: args.engine,
    engineVersion: args.version,
    // A new major version in the tenant file is the upgrade; RDS refuses it without this.
    allowMajorVersionUpgrade: true,
    // A restore takes the database name and master user name from its source: the provider
    // does not send them (restoreSources below).
    dbName: restore ? undefined : args.databaseName,
    username: restore ? undefined : args.masterUsername,
    // Not `manageMasterUserPassword`: RDS cannot create read replicas of a primary whose
    // password it manages, nor Blue/Green deployments (see createMasterSecret).
    password: placement.master.password,
    port: profile.port,
    allocatedStorage: args.allocatedStorageGiB,
    storageEncrypted: true,
    kmsKeyId: args.kmsKeyArn,
    multiAz: args.standby,
    dbSubnetGroupName: placement.subnetGroup.name,
    parameterGroupName: placement.parameterGroup.name,
    backupRetentionPeriod: args.backupRetentionDays,
    backupWindow: args.backupWindow,
    maintenanceWindow: args.maintenanceWindow,
    copyTagsToSnapshot: true,
    deleteAutomatedBackups: false,
    // Lifted together with `protect`, in its own deploy, so that a following one can replace or delete.
    deletionProtection: guarded,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: pulumi.interpolate`${names.identifier}-final-${finalSnapshotSuffix.hex}`,
    ...restoreSources(restore),
    tags: nameTags(names.logicalName, ownTags),
  }, {
    parent,
    protect: guarded,
    retainOnDelete: guarded,
    ignoreChanges: [...CREATE_ONLY_INPUTS],
    // RDS creates the exported log groups itself when they do not exist yet: ours must come first.
    dependsOn: logGroups,
  });
}
