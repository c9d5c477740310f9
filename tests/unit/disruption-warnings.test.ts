/**
 * Disruptive in-place changes on small hand-built plans, simulated as `plan --base` does: each
 * rule warns when its change is there (saying what happens and when) and stays quiet when not.
 */
import { describe, expect, it } from "vitest";
import { disruptionWarnings, refreshDuration } from "../../tools/plan/disruption-warnings";
import { formatValue, MAX_VALUE_LENGTH } from "../../tools/plan/field-values";
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import { simulateUpdate } from "../../tools/plan/update-simulation";
import { resource } from "../cost/hand-built-plan";

const PARENT = "urn:pulumi:t::p::pulumi:pulumi:Stack::p-t";
const TEMPLATE = resource("aws:ec2/launchTemplate:LaunchTemplate", "web", { instanceType: "t4g.small", description: "Instances of web" }, PARENT);
const REFRESH = {
  strategy: "Rolling",
  preferences: { minHealthyPercentage: 90, maxHealthyPercentage: 100, instanceWarmup: "300" },
};
const group = (inputs: Record<string, unknown> = {}) => resource("aws:autoscaling/group:Group", "web", {
  minSize: 2, maxSize: 6, launchTemplate: { id: "lt-1", version: "1" }, instanceRefresh: REFRESH, vpcZoneIdentifiers: ["subnet-a", "subnet-b"], ...inputs,
}, PARENT);
const DB = resource("aws:rds/instance:Instance", "db", {
  identifier: "db", engine: "mysql", engineVersion: "8.0.40", instanceClass: "db.t4g.medium", multiAz: true, storageType: "gp3", maintenanceWindow: "sun:03:30-sun:04:30",
}, PARENT);
const CACHE = resource("aws:elasticache/replicationGroup:ReplicationGroup", "cache", { nodeType: "cache.t4g.small", maintenanceWindow: "sun:04:30-sun:05:30", applyImmediately: false }, PARENT);
const subnet = (name: string, zone: string) => resource("aws:ec2/subnet:Subnet", name, { availabilityZone: zone, cidrBlock: "10.0.0.0/20" }, PARENT);

function plan(resources: PlannedResource[]): TenantPlan {
  const asg = resources.find((r) => r.type === "aws:autoscaling/group:Group");
  const lt = resources.find((r) => r.type === "aws:ec2/launchTemplate:LaunchTemplate");
  return {
    tenant: "t", stack: "t", resources, outputs: {}, invokes: [], ids: {},
    propertyDependencies: asg && lt ? { [asg.urn]: { launchTemplate: [lt.urn] } } : {},
  };
}

const with_ = (r: PlannedResource, inputs: Record<string, unknown>): PlannedResource => ({ ...r, inputs: { ...r.inputs, ...inputs } });

function warnings(before: PlannedResource[], after: PlannedResource[]): string[] {
  const base = plan(before);
  const now = plan(after);
  return disruptionWarnings({ base, plan: now, changes: simulateUpdate(base, now).changes }).map((w) => w.message);
}

describe("rolling instance refresh", () => {
  it("warns when the launch template gets a new version, with the refresh's batches and duration from the group's settings", () => {
    const [message, ...rest] = warnings([TEMPLATE, group()], [with_(TEMPLATE, { instanceType: "t4g.medium" }), group()]);
    expect(rest).toEqual([]);
    expect(message).toContain('aws:autoscaling:Group web: its launch template web gets a new version (instanceType: "t4g.small" => "t4g.medium"), so pulumi up starts an instance refresh');
    // min healthy 90 %, max 100 %: one instance at a time below 10 instances, 300 s warmup each.
    expect(message).toContain("min healthy 90 %, max healthy 100 %");
    expect(message).toContain("2 instances: 2 batches of up to 1, at least 10 min; 6 instances: 6 batches of up to 1, at least 30 min");
  });

  it("computes the batches from the healthy percentages", () => {
    expect(refreshDuration(6, 100, 200, 180)).toEqual({ batches: 1, perBatch: 6, seconds: 180 });
    expect(refreshDuration(20, 90, 100, 300)).toEqual({ batches: 10, perBatch: 2, seconds: 3000 });
    expect(refreshDuration(3, 50, 100, 60)).toEqual({ batches: 3, perBatch: 1, seconds: 180 });
  });

  it("stays quiet for a description change (no new version) and for a group without instance refresh", () => {
    expect(warnings([TEMPLATE, group()], [with_(TEMPLATE, { description: "new words" }), group()])).toEqual([]);
    const plain = group({ instanceRefresh: undefined });
    expect(warnings([TEMPLATE, plain], [with_(TEMPLATE, { instanceType: "t4g.medium" }), plain])).toEqual([]);
  });
});

describe("database and cache changes", () => {
  it("a class change of a Multi-AZ instance fails over in the maintenance window; with applyImmediately during pulumi up", () => {
    const [deferred] = warnings([DB], [with_(DB, { instanceClass: "db.r7g.large" })]);
    expect(deferred).toContain('aws:rds:Instance db: the class changes (instanceClass: "db.t4g.medium" => "db.r7g.large"): RDS changes the standby first, then fails over to it');
    expect(deferred).toContain("Applied in the next maintenance window (sun:03:30-sun:04:30 UTC), after pulumi up has returned");
    const [now] = warnings([with_(DB, { applyImmediately: true })], [with_(DB, { applyImmediately: true, instanceClass: "db.r7g.large" })]);
    expect(now).toContain("Applied during pulumi up (applyImmediately: true)");
    const [single] = warnings([with_(DB, { multiAz: false })], [with_(DB, { multiAz: false, instanceClass: "db.r7g.large" })]);
    expect(single).toContain("the instance restarts on a new host: an outage until the database has recovered");
  });

  it("a storage type change, a standby added, an engine version lowered", () => {
    expect(warnings([DB], [with_(DB, { storageType: "io2" })])[0]).toContain('the storage type changes (storageType: "gp3" => "io2"): a brief outage while the change starts');
    expect(warnings([with_(DB, { multiAz: false })], [DB])[0]).toContain("a standby is added in another zone (multiAz: false => true): no downtime");
    expect(warnings([DB], [with_(DB, { engineVersion: "8.0.36" })])[0]).toContain('the engine version goes down (engineVersion: "8.0.40" => "8.0.36"): RDS refuses');
    // An upgrade, or a change that does not disrupt, is no warning.
    expect(warnings([DB], [with_(DB, { engineVersion: "8.0.41" })])).toEqual([]);
    expect(warnings([DB], [with_(DB, { maintenanceWindow: "mon:03:30-mon:04:30" })])).toEqual([]);
  });

  it("a cache node type change replaces every node in the maintenance window", () => {
    const [message] = warnings([CACHE], [with_(CACHE, { nodeType: "cache.t4g.medium" })]);
    expect(message).toContain('aws:elasticache:ReplicationGroup cache: the node type changes (nodeType: "cache.t4g.small" => "cache.t4g.medium")');
    expect(message).toContain("every node is replaced, with a brief interruption (seconds) of reads and writes. Applied in the next maintenance window (sun:04:30-sun:05:30 UTC)");
    expect(warnings([CACHE], [with_(CACHE, { maintenanceWindow: "mon:04:30-mon:05:30" })])).toEqual([]);
  });
});

describe("zone removal", () => {
  it("names the zone, its deleted subnets and the group whose instances move", () => {
    const before = [subnet("public-a", "eu-central-1a"), subnet("public-b", "eu-central-1b"), group()];
    const after = [subnet("public-b", "eu-central-1b"), subnet("public-c", "eu-central-1c"), group({ vpcZoneIdentifiers: ["subnet-b", "subnet-c"] })];
    expect(warnings(before, after)).toEqual([expect.stringMatching(/^zone eu-central-1a is removed: its subnets public-a are deleted at the end of the update\. aws:autoscaling:Group web leaves the zone: the instances there are terminated and new ones launched in the remaining zones/)]);
    // A subnet replaced within its zone removes no zone.
    expect(warnings(before, [subnet("public-a2", "eu-central-1a"), subnet("public-b", "eu-central-1b"), group()])).toEqual([]);
  });
});

describe("values in the diff", () => {
  it("prints masks bare, strings quoted, and cuts long values at the stated length", () => {
    expect(formatValue("[secret]")).toBe("[secret]");
    expect(formatValue("[unknown]")).toBe("[unknown]");
    expect(formatValue({ password: "[secret]", user: "app" })).toBe('{"password":[secret],"user":"app"}');
    expect(formatValue(undefined)).toBe("(not set)");
    const long = formatValue("x".repeat(400));
    expect(long).toBe(`"${"x".repeat(MAX_VALUE_LENGTH - 1)}... (402 characters)`);
  });
});
