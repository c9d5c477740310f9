/**
 * The defaults of {@link CacheArgs}: the component uses them for what its caller leaves out, and
 * the tenant-file schema fills its fields from them.
 */

/** What {@link CacheArgs} leaves out becomes. */
export const CACHE_DEFAULTS = {
  engine: "valkey",
  replica: false,
  snapshotRetentionDays: 1,
  maintenanceWindow: "sun:04:30-sun:05:30",
} as const;
