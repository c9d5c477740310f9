import { RDS_ENGINE_VERSIONS } from "../shared/aws-catalog";

export { performanceInsightsAvailable } from "../shared/aws-catalog";

/**
 * What differs between the database engines: versions offered, parameter group family, port,
 * the parameter that enforces TLS, exported logs, and where Performance Insights is offered.
 */

export const DATABASE_ENGINES = ["mysql", "mariadb", "postgres"] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

export interface EngineProfile {
  /** Major versions RDS offers that the platform supports. */
  readonly versions: readonly string[];
  readonly port: number;
  /** Parameters every instance gets: TLS enforced, slow queries logged. */
  readonly parameters: readonly { name: string; value: string; applyMethod: "immediate" | "pending-reboot" }[];
  /** Log types exported to CloudWatch Logs. */
  readonly logExports: readonly string[];
}

/** MySQL and MariaDB share their TLS and slow query parameters. */
const MYSQL_FAMILY: Omit<EngineProfile, "versions"> = {
  port: 3306,
  parameters: [
    { name: "require_secure_transport", value: "1", applyMethod: "immediate" },
    { name: "slow_query_log", value: "1", applyMethod: "immediate" },
    { name: "long_query_time", value: "2", applyMethod: "immediate" },
    { name: "log_output", value: "FILE", applyMethod: "immediate" },
  ],
  logExports: ["error", "slowquery"],
};

export const ENGINE_PROFILES: Readonly<Record<DatabaseEngine, EngineProfile>> = {
  mysql: { versions: RDS_ENGINE_VERSIONS.mysql, ...MYSQL_FAMILY },
  mariadb: { versions: RDS_ENGINE_VERSIONS.mariadb, ...MYSQL_FAMILY },
  postgres: {
    versions: RDS_ENGINE_VERSIONS.postgres,
    port: 5432,
    parameters: [
      { name: "rds.force_ssl", value: "1", applyMethod: "immediate" },
      { name: "log_min_duration_statement", value: "2000", applyMethod: "immediate" },
    ],
    logExports: ["postgresql", "upgrade"],
  },
};

/** The parameter group family of an engine and major version (`mysql8.0`, `postgres16`). */
export function parameterGroupFamily(engine: DatabaseEngine, version: string): string {
  return `${engine}${version}`;
}
