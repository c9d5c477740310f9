/** Validation of the database and cache sections: each rule with its exact message and position. */
import { describe, expect, it } from "vitest";
import { parseTenant } from "../../tenant-schema/load-tenant";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";
import { tenantYaml } from "../helpers/temp-tenants";

function messages(yaml: string): string {
  const result = parseTenant("tenants/acme.yaml", Buffer.from(yaml));
  return result.ok ? "accepted" : formatIssues(result.issues).replaceAll("tenants/acme.yaml:", "");
}

describe("database section", () => {
  it("fills safe defaults", () => {
    const result = parseTenant("tenants/acme.yaml", Buffer.from(dataTenantYaml(MYSQL, ["nodeType: cache.t4g.small"])));
    expect(result.ok && result.tenant.spec.database).toEqual({
      engine: "mysql", version: "8.0", instanceClass: "db.t4g.medium", name: "app", username: "app_admin",
      storage: { allocatedGiB: 20, maxGiB: 100 }, standby: false, readReplicas: 0,
      backup: { retentionDays: 7, window: "02:00-03:00", maintenanceWindow: "sun:03:30-sun:04:30" },
      applyImmediately: false, performanceInsights: true, appUsers: { rotation: 0, allowOpenSessions: false }, generation: 1,
    });
    expect(result.ok && result.tenant.spec.cache).toEqual({ engine: "valkey", version: "8.0", nodeType: "cache.t4g.small", replica: false, snapshotRetentionDays: 1 });
  });

  it("gives each cache engine a version it has: Redis OSS ends at 7.1, Valkey starts at 7.2", () => {
    const versionOf = (engine: string) => {
      const result = parseTenant("tenants/acme.yaml", Buffer.from(dataTenantYaml(MYSQL, [`engine: ${engine}`, "nodeType: cache.t4g.small"])));
      return result.ok ? result.tenant.spec.cache?.version : "refused";
    };
    expect(versionOf("redis")).toBe("7.1");
    expect(versionOf("valkey")).toBe("8.0");
  });

  it("accepts PostgreSQL 18, which RDS offers, and refuses 13, which it no longer does", () => {
    const postgres = (version: string) => dataTenantYaml(["engine: postgres", `version: "${version}"`, "instanceClass: db.t4g.medium"]);
    expect(messages(postgres("18"))).toBe("accepted");
    expect(messages(postgres("13"))).toBe('23:12: database.version: postgres 13 is not offered; choose one of "14", "15", "16", "17", "18"');
  });

  it("accepts a storage ceiling equal to the allocation (autoscaling off) or 10 % above it", () => {
    for (const storage of ["{ allocatedGiB: 100, maxGiB: 100 }", "{ allocatedGiB: 100, maxGiB: 110 }"]) {
      expect(messages(dataTenantYaml([...MYSQL, `storage: ${storage}`]))).toBe("accepted");
    }
  });

  it.each([
    ["a version RDS does not offer", dataTenantYaml(["engine: mysql", 'version: "5.7"', "instanceClass: db.t4g.medium"]),
      '23:12: database.version: mysql 5.7 is not offered; choose one of "8.0", "8.4"'],
    ["an unquoted version", dataTenantYaml(["engine: mysql", "version: 8.0", "instanceClass: db.t4g.medium"]),
      '23:12: database.version: must be text; YAML read 8.0 as a number, so put it in quotes: "8.0"'],
    ["a storage ceiling below the allocation", dataTenantYaml([...MYSQL, "storage: { allocatedGiB: 200, maxGiB: 100 }"]),
      "25:41: database.storage.maxGiB: must be at least database.storage.allocatedGiB (200)"],
    ["Performance Insights on a class without it", dataTenantYaml(["engine: mariadb", 'version: "10.11"', "instanceClass: db.t4g.small"]),
      "21:1: database.performanceInsights: db.t4g.small does not offer Performance Insights for mariadb; set it to false or choose db.t4g.medium or larger"],
    ["a database nobody can reach", `${tenantYaml({})}database:\n  engine: mysql\n  version: "8.0"\n  instanceClass: db.t4g.medium\n`,
      "9:1: database: only the web tier's instances may connect to it: add a web section"],
    ["an app variable the platform sets", dataTenantYaml(MYSQL).replace("env: { APP_ENV: production }", "env: { APP_ENV: production, DATABASE_HOST: x }"),
      "16:48: web.app.env.DATABASE_HOST: is set by the platform from the database section; use another name"],
    ["two restore sources", dataTenantYaml([...MYSQL, "restore: { snapshot: a, pointInTime: { sourceInstance: b } }"]),
      "25:3: database.restore: must be { snapshot: <id or ARN> } or { pointInTime: { sourceInstance: <id>, time: <UTC time> } }"],
    ["a replacement that is not allowed", dataTenantYaml([...MYSQL, "replacement: { allow: false, reason: because I said so }"]),
      "25:25: database.replacement.allow: must be true: leave replacement out to keep the database protected"],
    ["a cache node type without its family prefix", dataTenantYaml(MYSQL, ["nodeType: t4g.small"]),
      "26:13: cache.nodeType: must be an ElastiCache node type such as cache.t4g.small"],
    ["a storage ceiling less than 10 % above the allocation", dataTenantYaml([...MYSQL, "storage: { allocatedGiB: 100, maxGiB: 105 }"]),
      "25:41: database.storage.maxGiB: must be 100 (database.storage.allocatedGiB: autoscaling off) or at least 110: RDS needs an autoscaling ceiling at least 10 % above the allocated storage"],
    ["a Redis version ElastiCache does not have", dataTenantYaml(MYSQL, ["engine: redis", 'version: "8.0"', "nodeType: cache.t4g.small"]),
      '27:12: cache.version: redis 8.0 is not offered by ElastiCache (Redis OSS ends at 7.1, Valkey starts at 7.2); choose one of "6.2", "7.0", "7.1"'],
  ])("refuses %s", (_label, yaml, expected) => {
    expect(messages(yaml)).toBe(expected);
  });
});
