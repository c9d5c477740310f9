/**
 * The defaults of {@link MonitoringArgs}: the tenant-file schema fills its fields from them, and a
 * caller building the args by hand spreads them.
 */

/** The settings of {@link MonitoringArgs} a tenant file may leave out. */
export const MONITORING_DEFAULTS = {
  /** Where an alarm fires, each on 5-minute periods. */
  thresholds: {
    http5xxPercent: 5,
    responseTimeP95Seconds: 2,
    cpuPercent: 80,
    databaseFreeStorageGiB: 5,
    databaseFreeMemoryMiB: 256,
    databaseConnections: 200,
    replicaLagSeconds: 60,
    queueAgeSeconds: 600,
    cacheMemoryPercent: 80,
    cacheEvictions: 100,
  } as const,
} as const;
