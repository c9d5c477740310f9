/** The serving primary's read replicas: the shared settings, no data of their own. */
import * as aws from "@pulumi/aws";
import { nameTags } from "../shared/naming";
import type { GenerationNames } from "./generation";
import { createExportedLogGroups, type InstanceContext } from "./instance-settings";

/** The primary the replicas follow, and the parameter group and major version they run. */
export interface ReplicaSource {
  readonly names: GenerationNames;
  readonly instance: aws.rds.Instance;
  readonly parameterGroup: aws.rds.ParameterGroup;
  /** The replicas' major version while it runs ahead of the primary's (a MySQL or MariaDB upgrade). */
  readonly aheadVersion: string | undefined;
}

/**
 * The replicas `<logicalName>-replica-N` of the serving primary, one per identifier, spread over
 * the zones, each after its log groups. Replicas follow the serving generation: RDS cannot point a replica at another source
 * (terraform-provider-aws internal/service/rds/instance.go resourceInstanceUpdate: a changed
 * `replicate_source_db` other than "" fails "cannot elect new source database for replication"),
 * so a switch creates the new primary's replicas (own identifiers) and deletes the old ones.
 */
export function createReplicas(context: InstanceContext, source: ReplicaSource, identifiers: string[], tags: Record<string, string> | undefined): aws.rds.Instance[] {
  const zones = context.args.availabilityZones;
  return identifiers.map((identifier, i) => {
    const logicalName = `${source.names.logicalName}-replica-${i + 1}`;
    const logGroups = createExportedLogGroups(context, logicalName, identifier, tags);
    return new aws.rds.Instance(logicalName, {
      ...context.shared,
      identifier,
      replicateSourceDb: source.instance.identifier,
      // Spread over the zones when created; ignored afterwards so a zone change never moves it.
      availabilityZone: zones.length > 0 ? zones[(i + 1) % zones.length] : undefined,
      parameterGroupName: source.parameterGroup.name,
      // A replica inherits its source's version; it is named only while the replica runs ahead
      // (the provider accepts engine_version with replicate_source_db since v4.63,
      // hashicorp/terraform-provider-aws#24887, #30703), with the major upgrade allowed.
      ...(source.aheadVersion === undefined ? {} : { engineVersion: source.aheadVersion, allowMajorVersionUpgrade: true }),
      // A replica holds no data of its own: no final snapshot, and removable by a routine change.
      skipFinalSnapshot: true,
      deletionProtection: false,
      backupRetentionPeriod: 0,
      tags: nameTags(logicalName, tags),
    }, { parent: context.parent, ignoreChanges: ["availabilityZone"], dependsOn: logGroups });
  });
}
