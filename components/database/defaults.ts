/**
 * The defaults of {@link DatabaseArgs} and {@link AppUsersArgs}: the tenant-file schema fills its
 * fields from them, and a caller building the args by hand spreads them.
 */

/** The settings of {@link DatabaseArgs} a tenant file may leave out (or cannot set). */
export const DATABASE_DEFAULTS = {
  /** The first database: identifier as given. */
  generation: 1,
  /** No Multi-AZ standby. */
  standby: false,
  /** No read replicas. */
  readReplicas: 0,
  /** Days automated backups are kept: a week of point-in-time restore. */
  backupRetentionDays: 7,
  /** Daily backup window, UTC. */
  backupWindow: "02:00-03:00",
  /** Weekly maintenance window, UTC, after the backup window. */
  maintenanceWindow: "sun:03:30-sun:04:30",
  /** Modifications wait for the maintenance window. */
  applyImmediately: false,
  /** Performance Insights where the class offers it (7 days free). */
  performanceInsights: true,
  /** Enhanced monitoring every 60 seconds. */
  monitoringIntervalSeconds: 60,
  /** Days exported database logs are kept. */
  logRetentionDays: 30,
} as const;

/** The settings of {@link AppUsersArgs} a tenant file may leave out (or cannot set). */
export const APP_USERS_DEFAULTS = {
  /** No rotation yet: the first user is current. */
  rotation: 0,
  /** A rotation waits until no session of the user about to get a new password is open. */
  allowOpenSessions: false,
  /** Days the function's logs are kept. */
  logRetentionDays: 30,
} as const;
