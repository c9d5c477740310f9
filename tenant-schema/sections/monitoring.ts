import { z } from "zod";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Who hears about trouble, and when. Alarms evaluate 5-minute periods. */
export const monitoringSection = z
  .strictObject({
    alertEmails: z.array(z.string().regex(EMAIL, { error: "must be an e-mail address" })).default([])
      .describe("Addresses that receive alarms and edge health notifications (each confirms once)."),
    webhooks: z.array(z.url({ protocol: /^https$/, error: "must be an https:// URL" })).default([])
      .describe("HTTPS endpoints (chat, paging) that receive alarms."),
    thresholds: z.strictObject({
      http5xxPercent: z.number().min(0.1).max(100).default(5),
      responseTimeP95Seconds: z.number().min(0.05).max(60).default(2),
      cpuPercent: z.number().int().min(10).max(100).default(80),
      databaseFreeStorageGiB: z.number().int().min(1).default(5),
      databaseFreeMemoryMiB: z.number().int().min(16).default(256),
      databaseConnections: z.number().int().min(1).default(200),
      replicaLagSeconds: z.number().int().min(1).default(60),
      queueAgeSeconds: z.number().int().min(10).default(600),
      cacheMemoryPercent: z.number().int().min(10).max(100).default(80),
      cacheEvictions: z.number().int().min(0).default(100),
    }).default({
      http5xxPercent: 5, responseTimeP95Seconds: 2, cpuPercent: 80, databaseFreeStorageGiB: 5, databaseFreeMemoryMiB: 256,
      databaseConnections: 200, replicaLagSeconds: 60, queueAgeSeconds: 600, cacheMemoryPercent: 80, cacheEvictions: 100,
    }),
  })
  .describe("Alarms on 5-minute periods to e-mail and webhooks, and a dashboard.");

export type MonitoringSpec = z.output<typeof monitoringSection>;
