/**
 * RDS facts for MySQL, MariaDB and PostgreSQL: the major versions the platform supports, the DB
 * instance classes, Performance Insights availability and storage autoscaling's ceiling rule.
 */
import { classesOf } from "./sizes";

/**
 * Major versions per engine that RDS offers and the platform supports (a parameter group family
 * `<engine><version>` exists for each: `mysql8.4`, `mariadb11.8`, `postgres18`). Sources, read
 * 2026-11-30: "Supported MySQL major versions on Amazon RDS", "Supported MariaDB major versions on
 * Amazon RDS" (Amazon RDS User Guide; https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/),
 * and the Amazon RDS for PostgreSQL release notes, "Amazon RDS for PostgreSQL updates", whose
 * sections run from "PostgreSQL 18 versions" down
 * (https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-versions.html;
 * its "Extension versions" page lists extensions for 18.1). The same page has a "PostgreSQL 19
 * versions" section; 19 waits until its general availability is confirmed there.
 */
export const RDS_ENGINE_VERSIONS: Readonly<Record<"mysql" | "mariadb" | "postgres", readonly string[]>> = {
  mysql: ["8.0", "8.4"],
  mariadb: ["10.6", "10.11", "11.4", "11.8"],
  postgres: ["14", "15", "16", "17", "18"],
};

const UP_TO_24 = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"];
const UP_TO_16 = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
const UP_TO_32 = [...UP_TO_24, "32xlarge"];
const UP_TO_48 = [...UP_TO_24, "48xlarge"];
const BURSTABLE = ["micro", "small", "medium", "large", "xlarge", "2xlarge"];

/**
 * DB instance classes of RDS for MySQL, MariaDB and PostgreSQL that a new DB instance can use: the
 * current families of "DB instance class types" and "Supported DB engines for DB instance classes"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Types.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html),
 * read 2026-11-30. Not the SDK's `aws.rds.InstanceType` enum of @pulumi/aws: it still lists the
 * retired db.m1, db.m2, db.m3 and db.r3 classes (and the previous-generation db.t2, db.m4, db.r4,
 * db.x1 and db.x1e), which the supported engine versions do not run on. Which engine version runs
 * on which class varies; RDS refuses a mismatch.
 */
export const RDS_INSTANCE_CLASSES: ReadonlySet<string> = new Set(
  classesOf("db.", {
    t3: BURSTABLE,
    t4g: BURSTABLE,
    m5: UP_TO_24, m5d: UP_TO_24,
    m6g: UP_TO_16, m6gd: UP_TO_16,
    m6i: UP_TO_32, m6id: UP_TO_32, m6idn: UP_TO_32, m6in: UP_TO_32,
    m7g: UP_TO_16,
    m7i: UP_TO_48,
    m8g: UP_TO_48,
    r5: UP_TO_24, r5b: UP_TO_24, r5d: UP_TO_24,
    r6g: UP_TO_16, r6gd: UP_TO_16,
    r6i: UP_TO_32, r6id: UP_TO_32, r6idn: UP_TO_32, r6in: UP_TO_32,
    r7g: UP_TO_16,
    r7i: UP_TO_48,
    r8g: UP_TO_48,
    x2g: UP_TO_16,
    x2idn: ["16xlarge", "24xlarge", "32xlarge"],
    x2iedn: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge", "24xlarge", "32xlarge"],
    x2iezn: ["2xlarge", "4xlarge", "6xlarge", "8xlarge", "12xlarge"],
    z1d: ["large", "xlarge", "2xlarge", "3xlarge", "6xlarge", "12xlarge"],
  }),
);

/** True when `instanceClass` is an RDS DB instance class (`db.t4g.medium`). */
export function isRdsInstanceClass(instanceClass: string): boolean {
  return RDS_INSTANCE_CLASSES.has(instanceClass);
}

/**
 * Classes without Performance Insights (Database Insights) on RDS for MySQL and MariaDB:
 * db.t2/db.t3/db.t4g micro and small. PostgreSQL has no class restriction. Source: "Amazon RDS DB
 * engine, Region, and instance class support for Database Insights"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DatabaseInsights.Engines.html),
 * read 2026-11-30.
 */
const NO_PERFORMANCE_INSIGHTS = /^db\.t(2|3|4g)\.(micro|small)$/;

/** True when Performance Insights can be turned on for this engine and class. */
export function performanceInsightsAvailable(engine: string, instanceClass: string): boolean {
  if (engine !== "mysql" && engine !== "mariadb") return true;
  return !NO_PERFORMANCE_INSIGHTS.test(instanceClass);
}

/**
 * The smallest storage autoscaling ceiling RDS accepts for an allocation: the maximum storage
 * threshold must be at least 10 % above the allocated storage ("Managing capacity automatically
 * with Amazon RDS storage autoscaling",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.Autoscaling.html: "set the
 * maximum storage threshold to at least 10% more than the current allocated storage"; otherwise
 * "Invalid max storage size"). A ceiling equal to the allocation is how the API turns autoscaling
 * off (terraform-provider-aws internal/service/rds/instance.go sends the allocation as
 * MaxAllocatedStorage when max_allocated_storage is removed), so the platform leaves it out then.
 */
export function minimumStorageCeilingGiB(allocatedGiB: number): number {
  return Math.ceil((allocatedGiB * 11) / 10);
}

/**
 * RDS DB instance identifiers: 1–63 lowercase letters, digits and hyphens, starting with a letter,
 * no two consecutive hyphens, not ending with a hyphen (terraform-provider-aws
 * internal/service/rds/validate.go `validIdentifier`; RDS API CreateDBInstance,
 * DBInstanceIdentifier constraints).
 */
export function rdsIdentifierProblems(identifier: string): string[] {
  const problems: string[] = [];
  if (identifier.length < 1 || identifier.length > 63) problems.push("is 1 to 63 characters");
  if (!/^[0-9a-z-]*$/.test(identifier)) problems.push("holds only lowercase letters, digits and hyphens");
  if (!/^[a-z]/.test(identifier)) problems.push("starts with a letter");
  if (identifier.includes("--")) problems.push("has no two consecutive hyphens");
  if (identifier.endsWith("-")) problems.push("does not end with a hyphen");
  return problems;
}

/**
 * Final snapshot identifiers: 1–255 letters, digits and hyphens, starting with a letter, no two
 * consecutive hyphens, not ending with a hyphen (terraform-provider-aws
 * internal/service/rds/instance.go, `final_snapshot_identifier` ValidateFunc).
 */
export function rdsSnapshotIdentifierProblems(identifier: string): string[] {
  const problems: string[] = [];
  if (identifier.length < 1 || identifier.length > 255) problems.push("is 1 to 255 characters");
  if (!/^[0-9A-Za-z-]*$/.test(identifier)) problems.push("holds only letters, digits and hyphens");
  if (!/^[A-Za-z]/.test(identifier)) problems.push("starts with a letter");
  if (identifier.includes("--")) problems.push("has no two consecutive hyphens");
  if (identifier.endsWith("-")) problems.push("does not end with a hyphen");
  return problems;
}

/**
 * The port RDS gives a DB instance created without one, by engine (`engine` as RDS names it:
 * `postgres`, `mysql`, `mariadb`, `oracle-ee`, `sqlserver-se`, `db2-se`, …). Source: RDS API
 * reference, CreateDBInstance, Port: "Default: RDS for Db2 - 50000, RDS for MariaDB - 3306, RDS
 * for Microsoft SQL Server - 1433, RDS for MySQL - 3306, RDS for Oracle - 1521, RDS for
 * PostgreSQL - 5432" (read 2026-11-30). A read replica created without a port takes its source's
 * (CreateDBInstanceReadReplica, Port: "Default: Inherits from the source DB instance";
 * terraform-provider-aws internal/service/rds/instance.go sends `port` only when it is set).
 * Undefined for an engine not listed.
 */
export function rdsDefaultPort(engine: string): number | undefined {
  if (engine === "postgres") return 5432;
  if (engine === "mysql" || engine === "mariadb") return 3306;
  if (engine.startsWith("oracle-")) return 1521;
  if (engine.startsWith("sqlserver-")) return 1433;
  if (engine.startsWith("db2-")) return 50000;
  return undefined;
}
