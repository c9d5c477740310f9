/**
 * The defaults of {@link DatabaseArgs} and {@link AppUsersArgs}: the component uses them for what
 * its caller leaves out, and the tenant-file schema fills its fields from them.
 */

/** What {@link DatabaseArgs} leaves out becomes. */
export const DATABASE_DEFAULTS = {
  generation: 1,
  standby: false,
  readReplicas: 0,
  backupRetentionDays: 7,
  backupWindow: "02:00-03:00",
  maintenanceWindow: "sun:03:30-sun:04:30",
  applyImmediately: false,
  performanceInsights: true,
  monitoringIntervalSeconds: 60,
  logRetentionDays: 30,
} as const;

/** What {@link AppUsersArgs} leaves out becomes. */
export const APP_USERS_DEFAULTS = {
  rotation: 0,
  allowOpenSessions: false,
  logRetentionDays: 30,
} as const;
