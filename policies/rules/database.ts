/** RDS rules: encryption, exposure, availability as declared, backups, TLS, logs, upgrades. */
import { resourceRule, stackRule, type StackFinding } from "../rule";
import { ofType, referencedBy, type StackResource } from "../stack-view";
import { isTrue, records, shortName, strings } from "./values";

const INSTANCE = "aws:rds/instance:Instance";
const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";

/** A primary holds data of its own; a read replica copies its source. */
const isPrimary = (props: Record<string, unknown>) => !props["replicateSourceDb"];

export const rdsEncrypted = resourceRule({
  name: "rds-storage-encrypted",
  control: "FSBP RDS.3, CIS 2.3.1",
  description: "RDS storage is encrypted at rest",
  types: [INSTANCE],
  check: ({ props }) => (isPrimary(props) && props["storageEncrypted"] !== true ? ["the database's storage is not encrypted: set storageEncrypted"] : []),
});

export const rdsNotPublic = resourceRule({
  name: "rds-not-public",
  control: "FSBP RDS.2, CIS 2.3.3",
  description: "RDS instances are not publicly accessible",
  types: [INSTANCE],
  check: ({ props }) => (props["publiclyAccessible"] === true ? ["the database is publicly accessible"] : []),
});

/** Log types an engine must export: its error log and its slow query log. */
const REQUIRED_LOGS: Record<string, readonly string[]> = {
  mysql: ["error", "slowquery"],
  mariadb: ["error", "slowquery"],
  postgres: ["postgresql"],
};

export const rdsLogExports = resourceRule({
  name: "rds-log-exports",
  control: "FSBP RDS.9",
  description: "RDS instances export their error and slow query logs to CloudWatch Logs (postgresql log for PostgreSQL)",
  types: [INSTANCE],
  check: ({ props }) => {
    if (!isPrimary(props)) return [];
    const required = REQUIRED_LOGS[String(props["engine"])] ?? [];
    const exported = strings(props["enabledCloudwatchLogsExports"]);
    const missing = required.filter((log) => !exported.includes(log));
    return missing.length > 0 ? [`logs not exported to CloudWatch Logs: ${missing.join(", ")} (enabledCloudwatchLogsExports)`] : [];
  },
});

export const rdsMinorUpgrades = resourceRule({
  name: "rds-auto-minor-version-upgrade",
  control: "FSBP RDS.13, CIS 2.3.2",
  description: "RDS instances take minor version upgrades automatically",
  types: [INSTANCE],
  check: ({ props }) => (props["autoMinorVersionUpgrade"] === false ? ["minor version upgrades are off: set autoMinorVersionUpgrade"] : []),
});

const primaries = (resources: readonly StackResource[]) => ofType(resources, INSTANCE).filter((db) => isPrimary(db.props));

export const rdsMultiAzAsDeclared = stackRule({
  name: "rds-multi-az-as-declared",
  control: "FSBP RDS.5",
  description: "The database runs a Multi-AZ standby when the tenant file asks for one (database.standby)",
  check: ({ resources, declared }) => {
    const wanted = declared?.database?.standby;
    if (wanted !== true) return [];
    return primaries(resources).filter((db) => db.props["multiAz"] !== true)
      .map((db) => ({ urn: db.urn, message: "the tenant file asks for a standby (database.standby: true) but the database is not Multi-AZ" }));
  },
});

export const rdsBackupRetention = stackRule({
  name: "rds-backup-retention",
  control: "FSBP RDS.11",
  description: "Automated backups are kept at least the configured minimum and at least as long as the tenant file declares (database.backup.retentionDays)",
  configSchema: { properties: { minimumDays: { type: "integer", minimum: 1, maximum: 35, default: 7 } } },
  check: ({ resources, declared, config }) => {
    const minimum = Math.max(Number(config["minimumDays"] ?? 7), declared?.database?.backupRetentionDays ?? 0);
    return primaries(resources).flatMap((db): StackFinding[] => {
      const days = Number(db.props["backupRetentionPeriod"] ?? 1);
      return days < minimum ? [{ urn: db.urn, message: `automated backups are kept ${days} days; at least ${minimum} required` }] : [];
    });
  },
});

/** The parameter that makes each engine refuse unencrypted connections. */
const TLS_PARAMETER: Record<string, string> = { mysql: "require_secure_transport", mariadb: "require_secure_transport", postgres: "rds.force_ssl" };

export const rdsTlsEnforced = stackRule({
  name: "rds-tls-enforced",
  control: "platform encryption in transit",
  description: "The database's parameter group refuses unencrypted connections (require_secure_transport for MySQL and MariaDB, rds.force_ssl for PostgreSQL)",
  check: ({ resources }) => primaries(resources).flatMap((db): StackFinding[] => {
    const parameter = TLS_PARAMETER[String(db.props["engine"])];
    if (!parameter) return [];
    const groups = referencedBy(db, "parameterGroupName", PARAMETER_GROUP);
    if (groups.length === 0) return [{ urn: db.urn, message: `no parameter group of the stack: the engine default accepts unencrypted connections (set ${parameter} = 1)` }];
    return groups.filter((group) => !records(group.props["parameters"]).some((p) => p["name"] === parameter && (p["value"] === "1" || isTrue(p["value"]))))
      .map((group) => ({ urn: db.urn, message: `parameter group ${shortName(group.urn)} does not set ${parameter} = 1: unencrypted connections are accepted` }));
  }),
});
