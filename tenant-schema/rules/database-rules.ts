/** Rules of the database and cache sections that relate fields or sections. */
import { appUserNames } from "../../components/database/app-user-names";
import { ENGINE_PROFILES, performanceInsightsAvailable } from "../../components/database/engines";
import { CACHE_ENGINE_VERSIONS, minimumStorageCeilingGiB } from "../../components/shared/aws-catalog";
import type { CacheSpec, DatabaseSpec } from "../sections/database";
import { dailyWindowMinutes, MIN_RDS_WINDOW_MINUTES, weeklyWindowMinutes, windowsConflict } from "../rds-windows";

interface Context {
  addIssue(issue: { code: "custom"; path: PropertyKey[]; message: string }): void;
}

interface Relevant {
  database?: DatabaseSpec;
  cache?: CacheSpec;
  web?: unknown;
  offboarding?: unknown;
}

export function checkDatabase(spec: Relevant, ctx: Context): void {
  const db = spec.database;
  const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
  if (db) {
    const profile = ENGINE_PROFILES[db.engine];
    if (!profile.versions.includes(db.version)) {
      add(["database", "version"], `${db.engine} ${db.version} is not offered; choose one of ${profile.versions.map((v) => `"${v}"`).join(", ")}`);
    }
    if (db.replicaVersion !== undefined) replicaVersionIssue(db, add);
    // The application users and their owner role are named after the database (components/database/app-users.ts).
    const { users, ownerRole } = appUserNames(db.name);
    if ([...users, ownerRole].includes(db.username)) {
      add(["database", "username"], `"${db.username}" is the name of an application user or of their owner role (${[...users, ownerRole].join(", ")}); choose another master user name`);
    }
    // PostgreSQL refuses role names starting with pg_ (case-sensitive: src/backend/catalog/catalog.c `IsReservedName`;
    // "Role names beginning with pg_ are reserved", https://www.postgresql.org/docs/current/sql-createrole.html).
    if (db.engine === "postgres" && db.name.startsWith("pg_")) {
      add(["database", "name"], `"${db.name}" starts with pg_: the application users and their owner role are named after the database (${[...users, ownerRole].join(", ")}), and PostgreSQL reserves role names starting with pg_; choose a name that does not start with pg_`);
    }
    const { allocatedGiB, maxGiB } = db.storage;
    if (maxGiB < allocatedGiB) {
      add(["database", "storage", "maxGiB"], `must be at least database.storage.allocatedGiB (${allocatedGiB})`);
    } else if (maxGiB > allocatedGiB && maxGiB < minimumStorageCeilingGiB(allocatedGiB)) {
      add(["database", "storage", "maxGiB"],
        `must be ${allocatedGiB} (database.storage.allocatedGiB: autoscaling off) or at least ${minimumStorageCeilingGiB(allocatedGiB)}: RDS needs an autoscaling ceiling at least 10 % above the allocated storage`);
    }
    // Windows as RDS checks them (tenant-schema/rds-windows.ts cites CreateDBInstance).
    const { window, maintenanceWindow } = db.backup;
    const backupMinutes = dailyWindowMinutes(window);
    const maintenanceMinutes = weeklyWindowMinutes(maintenanceWindow);
    if (backupMinutes < MIN_RDS_WINDOW_MINUTES) {
      add(["database", "backup", "window"], `"${window}" lasts ${backupMinutes} minutes; RDS needs a backup window of at least ${MIN_RDS_WINDOW_MINUTES}, such as "02:00-02:30"`);
    }
    if (maintenanceMinutes < MIN_RDS_WINDOW_MINUTES) {
      add(["database", "backup", "maintenanceWindow"], `"${maintenanceWindow}" lasts ${maintenanceMinutes} minutes; RDS needs a maintenance window of at least ${MIN_RDS_WINDOW_MINUTES}, such as "sun:03:30-sun:04:00"`);
    }
    if (backupMinutes > 0 && maintenanceMinutes > 0 && windowsConflict(window, maintenanceWindow)) {
      add(["database", "backup", "window"], `"${window}" overlaps the maintenance window "${maintenanceWindow}" (database.backup.maintenanceWindow); RDS refuses a backup window that meets it: move one of them`);
    }
    const previous = db.previous;
    if (previous && previous.generation >= db.generation) {
      add(["database", "previous", "generation"], `must be lower than database.generation (${db.generation}): the previous database is the one the current generation was restored next to`);
    }
    if (previous?.state === "retiring" && previous.reason === undefined) {
      add(["database", "previous", "reason"], "is required with state: retiring: say in a sentence why the previous database may be deleted");
    }
    if (previous && previous.state !== "retiring" && previous.reason !== undefined) {
      add(["database", "previous", "reason"], `is read only with state: retiring (the state is ${previous.state}); leave it out until the previous database is retired`);
    }
    if (spec.offboarding && previous && previous.state !== "retiring") offboardingIssue(db, previous, add);
    if (db.discard && previous?.state !== "serving") {
      const why = previous ? `the application already uses it (previous.state: ${previous.state}): set previous.state: serving and deploy first` : "no previous generation runs next to it: it is the tenant's only database";
      add(["database", "discard"], `discards generation ${db.generation} only while the previous generation still serves the application; ${why} (docs/runbooks/restore.md)`);
    }
    if (db.performanceInsights && !performanceInsightsAvailable(db.engine, db.instanceClass)) {
      add(["database", "performanceInsights"], `${db.instanceClass} does not offer Performance Insights for ${db.engine}; set it to false or choose db.t4g.medium or larger`);
    }
  }
  const cache = spec.cache;
  if (cache) {
    const versions = CACHE_ENGINE_VERSIONS[cache.engine];
    // Unset when another error in the section kept the engine's default from being filled in.
    const version: string | undefined = cache.version;
    if (version !== undefined && !versions.includes(version)) {
      add(["cache", "version"], `${cache.engine} ${version} is not offered by ElastiCache (Redis OSS ends at 7.1, Valkey starts at 7.2); choose one of ${versions.map((v) => `"${v}"`).join(", ")}`);
    }
  }
  if ((db || spec.cache) && !spec.web) {
    add([db ? "database" : "cache"], "only the web tier's instances may connect to it: add a web section");
  }
}

/**
 * Offboarding lifts the protection of the current generation only (`replacementReason`); a
 * previous generation not yet retiring stays protected, so `pulumi destroy --exclude-protected`
 * would leave it running, with everything it depends on (its subnet group, security group,
 * parameter group, subnets and VPC). The restore is finished first.
 */
function offboardingIssue(db: DatabaseSpec, previous: NonNullable<DatabaseSpec["previous"]>, add: (path: PropertyKey[], message: string) => void): void {
  const retire = `previous.state: retiring with a reason, deploy`;
  const ways = previous.state === "serving"
    ? `discard generation ${db.generation} (discard, deploy; then generation: ${previous.generation} without previous, deploy), or switch to it and retire generation ${previous.generation} (previous.state: kept, deploy; then ${retire})`
    : `retire generation ${previous.generation} (${retire})`;
  add(["database", "previous", "state"], `is ${previous.state}: offboarding lifts the protection of generation ${db.generation} only, so the destroy would leave generation ${previous.generation} running, with its network. Finish the restore first, then declare offboarding: ${ways} (docs/runbooks/restore.md).`);
}

/**
 * `replicaVersion`: the replicas of a MySQL or MariaDB source, one major version step ahead of it
 * while its upgrade is under way. MySQL replicates from an older source to a newer replica, not
 * the other way (MySQL 8.4 Reference Manual, 19.5.3 "Upgrading or Downgrading a Replication
 * Topology"); PostgreSQL replicas are upgraded with their primary and refuse an upgrade of their
 * own (RDS User Guide, "Choosing a major version for an RDS for PostgreSQL upgrade").
 */
function replicaVersionIssue(db: DatabaseSpec, add: (path: PropertyKey[], message: string) => void): void {
  const profile = ENGINE_PROFILES[db.engine];
  const at = ["database", "replicaVersion"];
  if (db.engine === "postgres") {
    add(at, `PostgreSQL read replicas are upgraded together with their primary; change database.version alone`);
  } else if (db.readReplicas === 0) {
    add(at, `applies to read replicas, and database.readReplicas is 0; remove it`);
  } else if (!profile.versions.includes(db.replicaVersion!)) {
    add(at, `${db.engine} ${db.replicaVersion} is not offered; choose one of ${profile.versions.map((v) => `"${v}"`).join(", ")}`);
  } else if (profile.versions.indexOf(db.replicaVersion!) < profile.versions.indexOf(db.version)) {
    add(at, `"${db.replicaVersion}" is older than database.version "${db.version}": a replica may run a newer version than its source, never an older one`);
  }
}
