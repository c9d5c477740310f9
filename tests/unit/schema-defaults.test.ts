/**
 * The tenant-file schema fills what a file leaves out from the components' defaults constants:
 * a section left out is filled field by field (zod's `.prefault({})`), and a section given in part
 * keeps the defaults of the fields it leaves out.
 */
import { describe, expect, it } from "vitest";
import { APP_USERS_DEFAULTS, DATABASE_DEFAULTS } from "../../components/database";
import { MONITORING_DEFAULTS } from "../../components/monitoring";
import { NETWORK_DEFAULTS } from "../../components/network";
import { WEB_TIER_DEFAULTS } from "../../components/web-tier";
import { databaseSection } from "../../tenant-schema/sections/database";
import { monitoringSection } from "../../tenant-schema/sections/monitoring";
import { networkSection } from "../../tenant-schema/sections/network";
import { webSection } from "../../tenant-schema/sections/web";

const database = { engine: "postgres", version: "16", instanceClass: "db.t4g.micro" };
const web = { instanceType: "t4g.small", app: { image: "ghcr.io/acme/site:1.4", port: 8080 }, scaling: { min: 1, max: 2 } };

describe("the schema's defaults", () => {
  it("fills a database without backup or appUsers from the Database component's defaults", () => {
    const parsed = databaseSection.parse(database);
    expect(parsed.backup).toEqual({
      retentionDays: DATABASE_DEFAULTS.backupRetentionDays, window: DATABASE_DEFAULTS.backupWindow, maintenanceWindow: DATABASE_DEFAULTS.maintenanceWindow,
    });
    expect(parsed.appUsers).toEqual({ rotation: APP_USERS_DEFAULTS.rotation, allowOpenSessions: APP_USERS_DEFAULTS.allowOpenSessions });
    expect(parsed.storage).toEqual({ allocatedGiB: 20, maxGiB: 100 });
    expect([parsed.standby, parsed.readReplicas, parsed.generation]).toEqual([DATABASE_DEFAULTS.standby, DATABASE_DEFAULTS.readReplicas, DATABASE_DEFAULTS.generation]);
  });

  it("keeps the defaults of the fields a section given in part leaves out", () => {
    expect(databaseSection.parse({ ...database, backup: { window: "04:00-05:00" } }).backup)
      .toEqual({ retentionDays: DATABASE_DEFAULTS.backupRetentionDays, window: "04:00-05:00", maintenanceWindow: DATABASE_DEFAULTS.maintenanceWindow });
    expect(monitoringSection.parse({ thresholds: { cpuPercent: 90 } }).thresholds).toEqual({ ...MONITORING_DEFAULTS.thresholds, cpuPercent: 90 });
  });

  it("fills monitoring thresholds, the network's flow logs and the web tier's load balancer and health check", () => {
    expect(monitoringSection.parse({}).thresholds).toEqual(MONITORING_DEFAULTS.thresholds);
    const network = networkSection.parse({ cidr: "10.20.0.0/16" });
    expect([network.nat, network.flowLogs]).toEqual([NETWORK_DEFAULTS.nat, { retentionDays: NETWORK_DEFAULTS.flowLogs.retentionInDays }]);
    const parsed = webSection.parse(web);
    expect(parsed.loadBalancer).toEqual(WEB_TIER_DEFAULTS.loadBalancer);
    expect(parsed.healthCheck).toEqual({ path: WEB_TIER_DEFAULTS.healthCheck.path });
    expect([parsed.scaling.cpuTarget, parsed.rootVolumeGiB, parsed.logRetentionDays]).toEqual([WEB_TIER_DEFAULTS.scaling.cpuTarget, WEB_TIER_DEFAULTS.rootVolumeGiB, WEB_TIER_DEFAULTS.logRetentionDays]);
  });

  it("still refuses a bad value inside a section filled by default", () => {
    expect(databaseSection.safeParse({ ...database, backup: { retentionDays: 3 } }).success).toBe(false);
    expect(monitoringSection.safeParse({ thresholds: { cpuPercent: 5 } }).success).toBe(false);
  });
});
