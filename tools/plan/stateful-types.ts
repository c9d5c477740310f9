/**
 * Resource types that hold data (or, for a Cloudflare zone, a delegation that takes days to
 * redo): replacing or deleting one loses something a deploy cannot recreate. Reports call these
 * out in bold. The data-safety policy's types (whose loss blocks a change) are all here; the rest
 * hold data worth a reviewer's second look (cached sessions, queued messages, logs, secrets).
 */
import { STATEFUL_TYPES as DATA_SAFETY_TYPES } from "../../policies/step-safety";

/** Type tokens of stateful resources, as the engine reports them. */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  ...DATA_SAFETY_TYPES,
  "aws:rds/globalCluster:GlobalCluster",
  "aws:s3/bucketV2:BucketV2",
  "aws:kms/replicaKey:ReplicaKey",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:elasticache/cluster:Cluster",
  "aws:elasticache/serverlessCache:ServerlessCache",
  "aws:ebs/volume:Volume",
  "aws:ebs/snapshot:Snapshot",
  "aws:secretsmanager/secret:Secret",
  "aws:sqs/queue:Queue",
  "aws:cloudwatch/logGroup:LogGroup",
]);

/** True when a resource of this type holds data that replacing or deleting it would lose. */
export function isStateful(type: string): boolean {
  return STATEFUL_TYPES.has(type);
}
