/**
 * The defaults of {@link CacheArgs}: the tenant-file schema fills its fields from them, and a
 * caller building the args by hand spreads them.
 */

/** The settings of {@link CacheArgs} a tenant file may leave out (or cannot set). */
export const CACHE_DEFAULTS = {
  /** Valkey: the open fork, about 20% cheaper on ElastiCache than Redis OSS. */
  engine: "valkey",
  /** One node, no failover. */
  replica: false,
  /** A day of daily snapshots. */
  snapshotRetentionDays: 1,
  /** Weekly maintenance window, UTC, after the database's. */
  maintenanceWindow: "sun:04:30-sun:05:30",
} as const;
