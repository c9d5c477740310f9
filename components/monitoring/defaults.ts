/**
 * The defaults of {@link MonitoringArgs}: the component uses them for what its caller leaves out,
 * and the tenant-file schema fills its fields from them.
 */

/** What {@link MonitoringArgs} leaves out becomes. */
export const MONITORING_DEFAULTS = {
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
