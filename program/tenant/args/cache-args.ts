/** The tenant file → the arguments of its Cache. */
import { CACHE_DEFAULTS, type CacheArgs } from "../../../components/cache";
import type { TenantSpec } from "../../../tenant-schema/tenant-schema";
import type { DataTierPlacement } from "./data-tier-placement";

/** The replication group `<id>-cache` of the `cache` section; none without it. */
export function cacheArgs(spec: TenantSpec, placement: DataTierPlacement): CacheArgs | undefined {
  const { cache } = spec;
  if (!cache) return undefined;
  return {
    engine: cache.engine,
    version: cache.version,
    nodeType: cache.nodeType,
    replica: cache.replica,
    replicationGroupId: `${spec.id}-cache`,
    vpcId: placement.vpcId,
    subnetIds: placement.subnetIds,
    clientSecurityGroupIds: placement.clientSecurityGroupIds,
    kmsKeyArn: placement.kmsKeyArn,
    snapshotRetentionDays: cache.snapshotRetentionDays,
    maintenanceWindow: CACHE_DEFAULTS.maintenanceWindow,
    replacementReason: cache.replacement?.reason,
  };
}
