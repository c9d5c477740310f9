/**
 * The ids ElastiCache gives the member clusters (one node each) of a cluster-mode-disabled
 * replication group: the group's id, a hyphen and a three-digit number from 001, the primary
 * first (ElastiCache User Guide, "Viewing a replication group's details (AWS CLI)": the group
 * `rg-name` lists MemberClusters `rg-name-001`, `rg-name-002`, `rg-name-003`). ElastiCache
 * stores the group's id in lowercase (API reference, CreateReplicationGroup `ReplicationGroupId`:
 * "This parameter is stored as a lowercase string"), so the members' ids are lowercase too.
 * These are the `CacheClusterId` dimension of the per-node CloudWatch metrics.
 */
export function memberClusterIds(replicationGroupId: string, count: number): string[] {
  const group = replicationGroupId.toLowerCase();
  return Array.from({ length: count }, (_, i) => `${group}-${String(i + 1).padStart(3, "0")}`);
}
