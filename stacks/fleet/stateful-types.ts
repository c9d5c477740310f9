/**
 * Resource types that hold data (or, for a Cloudflare zone, a delegation that takes days to
 * redo): replacing or deleting one loses something a deploy cannot recreate. Reports call these
 * out in bold.
 */

/** Type tokens of stateful resources, as the engine reports them. */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:rds/globalCluster:GlobalCluster",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:kms/key:Key",
  "aws:kms/replicaKey:ReplicaKey",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:elasticache/cluster:Cluster",
  "aws:elasticache/serverlessCache:ServerlessCache",
  "aws:backup/vault:Vault",
  "aws:ebs/volume:Volume",
  "aws:ebs/snapshot:Snapshot",
  "aws:efs/fileSystem:FileSystem",
  "aws:dynamodb/table:Table",
  "aws:secretsmanager/secret:Secret",
  "aws:sqs/queue:Queue",
  "aws:cloudwatch/logGroup:LogGroup",
  "cloudflare:index/zone:Zone",
]);

/** True when a resource of this type holds data that replacing or deleting it would lose. */
export function isStateful(type: string): boolean {
  return STATEFUL_TYPES.has(type);
}
