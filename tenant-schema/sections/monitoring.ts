import { z } from "zod";
import { MONITORING_DEFAULTS } from "../../components/monitoring/defaults";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Who hears about trouble, and when. Alarms evaluate 5-minute periods. */
export const monitoringSection = z
  .strictObject({
    alertEmails: z.array(z.string().regex(EMAIL, { error: "must be an e-mail address" })).default([])
      .describe("Addresses that receive alarms and edge health notifications (each confirms once)."),
    webhooks: z.array(z.url({ protocol: /^https$/, error: "must be an https:// URL" })).default([])
      .describe("HTTPS endpoints (chat, paging) that receive alarms."),
    thresholds: z.strictObject({
      http5xxPercent: z.number().min(0.1).max(100).default(MONITORING_DEFAULTS.thresholds.http5xxPercent),
      responseTimeP95Seconds: z.number().min(0.05).max(60).default(MONITORING_DEFAULTS.thresholds.responseTimeP95Seconds),
      cpuPercent: z.number().int().min(10).max(100).default(MONITORING_DEFAULTS.thresholds.cpuPercent),
      databaseFreeStorageGiB: z.number().int().min(1).default(MONITORING_DEFAULTS.thresholds.databaseFreeStorageGiB),
      databaseFreeMemoryMiB: z.number().int().min(16).default(MONITORING_DEFAULTS.thresholds.databaseFreeMemoryMiB),
      databaseConnections: z.number().int().min(1).default(MONITORING_DEFAULTS.thresholds.databaseConnections),
      replicaLagSeconds: z.number().int().min(1).default(MONITORING_DEFAULTS.thresholds.replicaLagSeconds),
      queueAgeSeconds: z.number().int().min(10).default(MONITORING_DEFAULTS.thresholds.queueAgeSeconds),
      cacheMemoryPercent: z.number().int().min(10).max(100).default(MONITORING_DEFAULTS.thresholds.cacheMemoryPercent),
      cacheEvictions: z.number().int().min(0).default(MONITORING_DEFAULTS.thresholds.cacheEvictions),
    }).prefault({}),
  })
  .describe("Alarms on 5-minute periods to e-mail and webhooks, and a dashboard.");

export type MonitoringSpec = z.output<typeof monitoringSection>;
