import { z } from "zod";
import { CACHE_ENGINES } from "../../../components/cache";
import { DATABASE_ENGINES } from "../../../components/database";

const DB_INSTANCE_CLASS = /^db\.[a-z0-9]+\.[a-z0-9]+$/;
const IDENTIFIER_WORD = /^[a-zA-Z][a-zA-Z0-9_]{0,15}$/;
const DAILY_WINDOW = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;
const WEEKLY_WINDOW = /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/;

/** The tenant's relational database. */
export const databaseSection = z
  .strictObject({
    engine: z.enum(DATABASE_ENGINES).describe("mysql, mariadb or postgres. Fixed once the database exists."),
    version: z.string().regex(/^\d+(\.\d+)?$/, { error: 'must be a major version such as "8.0", "10.11" or "16", quoted' })
      .describe("Major version; minor versions upgrade automatically in the maintenance window."),
    instanceClass: z.string().regex(DB_INSTANCE_CLASS, { error: "must be an RDS instance class such as db.t4g.medium" })
      .describe("Instance class; change it to scale up (in place)."),
    name: z.string().regex(IDENTIFIER_WORD, { error: "must be a letter then up to 15 letters, digits or _" }).default("app")
      .describe("Name of the first database. Fixed once the database exists."),
    username: z.string().regex(IDENTIFIER_WORD, { error: "must be a letter then up to 15 letters, digits or _" }).default("app_admin")
      .describe("Master user; its password is generated and kept by RDS in Secrets Manager. Fixed once the database exists."),
    storage: z
      .strictObject({
        allocatedGiB: z.number().int().min(20).max(65536).default(20),
        maxGiB: z.number().int().min(20).max(65536).default(100).describe("Autoscaling ceiling; equal to allocatedGiB turns autoscaling off."),
      })
      .default({ allocatedGiB: 20, maxGiB: 100 })
      .describe("gp3 storage."),
    standby: z.boolean().default(false).describe("Multi-AZ hot standby with automatic failover (doubles the primary's price)."),
    readReplicas: z.number().int().min(0).max(5).default(0).describe("Read replicas, spread over the zones (each one more instance)."),
    backup: z
      .strictObject({
        retentionDays: z.number().int().min(7).max(35).default(7).describe("Days of automated backups (point-in-time restore window)."),
        window: z.string().regex(DAILY_WINDOW, { error: 'must be a daily UTC window such as "02:00-03:00"' }).default("02:00-03:00"),
        maintenanceWindow: z.string().regex(WEEKLY_WINDOW, { error: 'must be a weekly UTC window such as "sun:03:30-sun:04:30"' }).default("sun:03:30-sun:04:30"),
      })
      .default({ retentionDays: 7, window: "02:00-03:00", maintenanceWindow: "sun:03:30-sun:04:30" }),
    applyImmediately: z.boolean().default(false).describe("Apply class and storage changes now instead of in the maintenance window."),
    performanceInsights: z.boolean().default(true).describe("Performance Insights, 7 days free (not offered on micro/small MySQL and MariaDB classes)."),
    restore: z
      .union([
        z.strictObject({ snapshot: z.string().min(1).describe("Snapshot identifier or ARN.") }),
        z.strictObject({
          pointInTime: z.strictObject({
            sourceInstance: z.string().min(1).describe("Identifier of the instance whose backups are restored."),
            time: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, { error: "must be a UTC time such as 2026-11-20T03:00:00Z" }).optional()
              .describe("Point to restore to; the latest restorable time when left out."),
          }),
        }),
      ], { error: "must be { snapshot: <id or ARN> } or { pointInTime: { sourceInstance: <id>, time: <UTC time> } }" })
      .optional()
      .describe("Create the database from a snapshot or a point in time (disaster recovery). Read only when the database is created."),
    replacement: z
      .strictObject({
        allow: z.literal(true, { error: "must be true: leave replacement out to keep the database protected" }),
        reason: z.string().min(10, { error: "must say in a sentence why the database may be replaced" }),
      })
      .optional()
      .describe("Declares that the database may be replaced or removed: lifts protection. Deploy it on its own before the change that replaces."),
  })
  .describe("Managed MySQL, MariaDB or PostgreSQL in the isolated subnets, encrypted, protected, backed up.");

/** The tenant's cache for sessions and objects. */
export const cacheSection = z
  .strictObject({
    engine: z.enum(CACHE_ENGINES).default("valkey"),
    version: z.string().regex(/^\d+(\.\d+)?$/, { error: 'must be a version such as "8.0", quoted' }).default("8.0"),
    nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, { error: "must be an ElastiCache node type such as cache.t4g.small" }),
    replica: z.boolean().default(false).describe("A replica in another zone with automatic failover."),
    snapshotRetentionDays: z.number().int().min(0).max(35).default(1),
  })
  .describe("ElastiCache (Valkey or Redis) for sessions and objects, encrypted, AUTH token in Secrets Manager.");

export type DatabaseSpec = z.output<typeof databaseSection>;
export type CacheSpec = z.output<typeof cacheSection>;
