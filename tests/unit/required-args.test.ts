/**
 * The args the tenant schema fills are required: the components fall back on nothing, so a
 * hand-built args object must name them, which the forms the args' doc comments show do by
 * spreading the defaults constants. The `@ts-expect-error` lines are checked by the type check
 * (`npx tsc --noEmit -p .`): were an arg optional again, the directive would be unused and fail it.
 * Args the type check does not reach are refused by the components themselves.
 */
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { BACKUP_DEFAULTS, type BackupArgs } from "../../components/backup";
import { CACHE_DEFAULTS, type CacheArgs } from "../../components/cache";
import { Database, type DatabaseArgs } from "../../components/database";
import { EDGE_DEFAULTS, type EdgeArgs } from "../../components/edge";
import { MONITORING_DEFAULTS, type AlarmThresholds } from "../../components/monitoring";
import { missingDefaultedArgs } from "../../components/shared/required-args";
import { WEB_TIER_DEFAULTS, WebTier, type ScalingArgs, type WebTierArgs, type WorkersArgs } from "../../components/web-tier";
import { planComponent } from "../helpers/component-plan";
import { SAMPLE_DATABASE_ARGS, SAMPLE_WEB_TIER_ARGS } from "../components/sample-args";
import { CLIENT_GROUP_ID, ISOLATED_SUBNET_IDS, KEY_ARN, VPC_ID } from "../components/sample-ids";

const WEB = SAMPLE_WEB_TIER_ARGS;
const DATABASE = SAMPLE_DATABASE_ARGS;

/** `value` without `key`, typed so. */
function without<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

describe("args the tenant schema fills", () => {
  it("are required in WebTierArgs, at the top and in the nested args", () => {
    // @ts-expect-error logRetentionDays is required: the component has no fallback.
    const noRetention: WebTierArgs = without(WEB, "logRetentionDays");
    // @ts-expect-error cpuTarget is required.
    const noTarget: ScalingArgs = without(WEB.scaling, "cpuTarget");
    // @ts-expect-error stopTimeoutSeconds is required.
    const noStopTimeout: WorkersArgs = { command: ["celery", "worker"], min: 1, max: 4, messagesPerWorker: 100, visibilityTimeoutSeconds: 300, maxReceiveCount: 5 };
    expect([noRetention.logRetentionDays, noTarget.cpuTarget, noStopTimeout.stopTimeoutSeconds]).toEqual([undefined, undefined, undefined]);
  });

  it("are required in DatabaseArgs", () => {
    // @ts-expect-error backupWindow is required: the component has no fallback.
    const noWindow: DatabaseArgs = without(DATABASE, "backupWindow");
    expect(noWindow.backupWindow).toBeUndefined();
  });

  it("are required in CacheArgs, BackupArgs, AlarmThresholds and EdgeArgs", () => {
    const cache: CacheArgs = {
      ...CACHE_DEFAULTS, version: "8.0", nodeType: "cache.t4g.small", replicationGroupId: "shop-cache",
      vpcId: VPC_ID, subnetIds: ISOLATED_SUBNET_IDS, clientSecurityGroupIds: [CLIENT_GROUP_ID], kmsKeyArn: KEY_ARN,
    };
    // @ts-expect-error snapshotRetentionDays is required.
    const noSnapshots: CacheArgs = without(cache, "snapshotRetentionDays");
    const backup: BackupArgs = { ...BACKUP_DEFAULTS, backupRegion: "eu-west-1", kmsKeyArn: KEY_ARN, offsiteKmsKeyArn: KEY_ARN };
    // @ts-expect-error schedule is required.
    const noSchedule: BackupArgs = without(backup, "schedule");
    // @ts-expect-error every threshold is required.
    const noCpu: AlarmThresholds = without(MONITORING_DEFAULTS.thresholds, "cpuPercent");
    const edge: EdgeArgs = { ...EDGE_DEFAULTS, zoneName: "shop.example", hostnames: ["shop.example"] };
    // @ts-expect-error hsts is required.
    const noHsts: EdgeArgs = without(edge, "hsts");
    expect([noSnapshots.snapshotRetentionDays, noSchedule.schedule, noCpu.cpuPercent, noHsts.hsts]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("take the defaults constants' values when spread in, as the doc comments show", () => {
    expect([WEB.logRetentionDays, WEB.scaling.cpuTarget, WEB.loadBalancer.deregistrationDelaySeconds, WEB.healthCheck.intervalSeconds])
      .toEqual([30, 50, 60, 15]);
    expect([DATABASE.backupWindow, DATABASE.maintenanceWindow, DATABASE.generation]).toEqual(["02:00-03:00", "sun:03:30-sun:04:30", 1]);
  });
});

describe("args that leave out what the type check requires (plain JavaScript, a cast)", () => {
  it("are refused by the component, naming each missing setting and the constant to spread", async () => {
    const loose = { ...WEB, logRetentionDays: undefined, loadBalancer: without(WEB.loadBalancer, "deletionProtection") } as unknown as WebTierArgs;
    await expect(planComponent(({ opts }) => new WebTier("shop", loose, opts))).rejects.toThrow(
      "shop: loadBalancer.deletionProtection, logRetentionDays are required (the component has no fallback); spread WEB_TIER_DEFAULTS for the defaults");
    const noWindow = without(DATABASE, "backupRetentionDays") as unknown as DatabaseArgs;
    await expect(planComponent(({ opts }) => new Database("shop", noWindow, opts))).rejects.toThrow("shop: backupRetentionDays is required");
  });

  it("are told apart from features left out on purpose and settings given another form", () => {
    expect(missingDefaultedArgs(WEB, WEB_TIER_DEFAULTS, ["workers"])).toEqual([]);
    expect(missingDefaultedArgs({ ...WEB, healthCheck: undefined }, WEB_TIER_DEFAULTS, ["workers"])).toEqual(["healthCheck"]);
    expect(missingDefaultedArgs({ ...WEB, logRetentionDays: null }, WEB_TIER_DEFAULTS, ["workers"])).toEqual(["logRetentionDays"]);
    expect(missingDefaultedArgs({ ...WEB, workers: { command: ["celery"], min: 1 } }, WEB_TIER_DEFAULTS, ["workers"]))
      .toEqual(["workers.max", "workers.messagesPerWorker", "workers.visibilityTimeoutSeconds", "workers.maxReceiveCount", "workers.stopTimeoutSeconds"]);
    expect(missingDefaultedArgs({ ...EDGE_DEFAULTS, hsts: false }, EDGE_DEFAULTS)).toEqual([]);
    expect(missingDefaultedArgs(without(EDGE_DEFAULTS, "hsts"), EDGE_DEFAULTS)).toEqual(["hsts"]);
    // A group given as an output is given: its fields are known only at deploy time.
    expect(missingDefaultedArgs({ ...WEB, healthCheck: pulumi.output({}) }, WEB_TIER_DEFAULTS, ["workers"])).toEqual([]);
  });
});
