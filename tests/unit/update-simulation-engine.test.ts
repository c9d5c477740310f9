/**
 * The update simulation's engine rules on small hand-made plans (pulumi/pulumi
 * pkg/resource/deploy/step_generator.go): protection, ignoreChanges, delete-before-replace order,
 * create-before-delete with fixed and generated names, conditional replacements, aliases.
 */
import { describe, expect, it } from "vitest";
import type { PlannedResource } from "../../policies/plan-types";
import { plan, resource, URN } from "../helpers/hand-made-plan";
import { simulateUpdate } from "../../tools/plan/update-simulation";
import { UNKNOWN_MARK } from "../../tools/plan/wire-values";

const DB = "aws:rds/instance:Instance";
const PG = "aws:rds/parameterGroup:ParameterGroup";
const CACHE = "aws:elasticache/replicationGroup:ReplicationGroup";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const ASG = "aws:autoscaling/group:Group";
const FN = "aws:lambda/function:Function";

const ops = (p: ReturnType<typeof simulateUpdate>) => p.steps.map((s) => `${s.op} ${s.urn.split("::").pop()}`);

describe("update simulation: engine rules", () => {
  it("refuses to replace a resource protected before and after, but not one whose protection is lifted in the same update", () => {
    const before = plan([resource(DB, "db", { identifier: "db1", engine: "mysql" }, { protect: true })]);
    const kept = simulateUpdate(before, plan([resource(DB, "db", { identifier: "db1", engine: "postgres" }, { protect: true })]));
    expect(kept.errors).toEqual([expect.stringContaining("aws:rds/instance:Instance db: unable to replace a resource marked for protection (engine changes)")]);
    const lifted = simulateUpdate(before, plan([resource(DB, "db", { identifier: "db1", engine: "postgres" }, { deleteBeforeReplace: true })]));
    expect(lifted.errors).toEqual([]);
    expect(ops(lifted)).toEqual(["delete-replaced db", "create-replacement db"]);
  });

  it("refuses to delete a protected resource, deletes others after every create and update", () => {
    const before = plan([resource(DB, "db", { identifier: "db1" }, { protect: true }), resource(PG, "pg", { family: "mysql8.0" })]);
    const result = simulateUpdate(before, plan([resource(PG, "pg2", { family: "mysql8.0" })]));
    expect(ops(result)).toEqual(["create pg2", "delete pg", "delete db"]);
    expect(result.errors).toEqual([expect.stringContaining("aws:rds/instance:Instance db: unable to delete a resource marked for protection")]);
    expect(result.changes.find((c) => c.name === "db")).toMatchObject({ step: "delete", refusedAt: "delete" });
  });

  it("keeps inputs named by ignoreChanges and reports them as hidden", () => {
    const before = plan([resource(DB, "db", { identifier: "db1", snapshotIdentifier: "a" }, { ignoreChanges: ["snapshotIdentifier"] })]);
    const result = simulateUpdate(before, plan([resource(DB, "db", { identifier: "db1", snapshotIdentifier: "b" }, { ignoreChanges: ["snapshotIdentifier"] })]));
    expect(result.steps).toEqual([]);
    expect(result.hidden).toEqual([{ urn: URN(DB, "db"), type: DB, ignored: ["snapshotIdentifier"] }]);
  });

  it("collides on a fixed name when creating before deleting, not on a generated one nor with delete-before-replace", () => {
    const fixed = simulateUpdate(plan([resource(DB, "db", { identifier: "db1", engine: "mysql" })]), plan([resource(DB, "db", { identifier: "db1", engine: "postgres" })]));
    expect(fixed.errors).toEqual([expect.stringContaining('both would be named "db1" (identifier, fixed by the program); AWS refuses the second (DBInstanceAlreadyExists)')]);
    const generated = simulateUpdate(plan([resource(PG, "pg", { family: "mysql8.0" })]), plan([resource(PG, "pg", { family: "mysql8.4" })]));
    expect(generated.errors).toEqual([]);
    const dbr = simulateUpdate(plan([resource(DB, "db", { identifier: "db1", engine: "mysql" })]), plan([resource(DB, "db", { identifier: "db1", engine: "postgres" }, { deleteBeforeReplace: true })]));
    expect(dbr.errors).toEqual([]);
    expect(ops(dbr)).toEqual(["delete-replaced db", "create-replacement db"]);
  });

  it("collides on a Lambda function's fixed name when creating before deleting, not with delete-before-replace", () => {
    const fn = (step: number, options: Partial<PlannedResource["options"]> = {}) =>
      resource(FN, "fn", { name: "acme-db-app-users", description: `step ${step}` }, { replaceOnChanges: ["description"], ...options });
    const kept = simulateUpdate(plan([fn(0)]), plan([fn(1)]));
    expect(kept.errors).toEqual([expect.stringContaining('both would be named "acme-db-app-users" (name, fixed by the program); AWS refuses the second (ResourceConflictException)')]);
    const dbr = simulateUpdate(plan([fn(0, { deleteBeforeReplace: true })]), plan([fn(1, { deleteBeforeReplace: true })]));
    expect(dbr.errors).toEqual([]);
    expect(ops(dbr)).toEqual(["delete-replaced fn", "create-replacement fn"]);
  });

  it("with delete-before-replace, deletes the resources replaced through it first, and replaces an input fed by a replaced resource", () => {
    const group = (family: string) => resource(PG, "pg", { family }, { deleteBeforeReplace: true });
    // The instance's availabilityZone (replace-forcing) comes from the group here, to make it replace.
    const deps = { [URN(DB, "db")]: { availabilityZone: [URN(PG, "pg")] } };
    const result = simulateUpdate(plan([group("a"), resource(DB, "db", { availabilityZone: "x" })], deps), plan([group("b"), resource(DB, "db", { availabilityZone: "x" })], deps));
    expect(ops(result)).toEqual(["delete-replaced db", "delete-replaced pg", "create-replacement pg", "create-replacement db"]);
    expect(result.changes.find((c) => c.name === "db")).toMatchObject({ step: "replace", fields: ["availabilityZone"] });
  });

  it("replaces a cache going from Valkey back to Redis OSS and updates one going to Valkey (CustomizeDiff)", () => {
    const cache = (engine: string) => resource(CACHE, "cache", { replicationGroupId: "c", engine });
    expect(simulateUpdate(plan([cache("valkey")]), plan([cache("redis")])).changes[0]).toMatchObject({ step: "replace", fields: ["engine"] });
    expect(simulateUpdate(plan([cache("redis")]), plan([cache("valkey")])).changes[0]).toMatchObject({ step: "update", fields: ["engine"] });
  });

  it("finds old state by alias", () => {
    const old = resource(PG, "old", { family: "x" });
    const renamed = resource(PG, "new", { family: "x" }, { aliases: [old.urn] });
    const result = simulateUpdate(plan([old]), plan([renamed]));
    expect(result).toMatchObject({ steps: [], same: 1, errors: [] });
  });

  it("launch template and Auto Scaling group: a new name replaces (the provider's ForceNew), a new template version (unknown on the group) or size updates in place", () => {
    const template = (inputs: Record<string, unknown>) => resource(LT, "web", { namePrefix: "web-", instanceType: "t4g.small", userData: "a", ...inputs });
    const group = (inputs: Record<string, unknown>) => resource(ASG, "web", { maxSize: 4, minSize: 2, launchTemplate: { id: "lt-1", version: "1" }, ...inputs });
    const deps = { [URN(ASG, "web")]: { launchTemplate: [URN(LT, "web")] } };
    const step = (before: PlannedResource[], after: PlannedResource[]) => simulateUpdate(plan(before, deps), plan(after, deps)).changes
      .map((c) => `${c.step}${c.mode ? `(${c.mode})` : ""} ${c.type.split(":").pop()} [${c.fields.join(", ")}]`);

    // Scaling up: a new template version, whose number (latestVersion) the provider recomputes and
    // the preview shows unknown; the group stays and takes it in place.
    expect(step([template({}), group({})], [template({ instanceType: "t4g.large", userData: "b" }), group({ maxSize: 6 })]))
      .toEqual(["update LaunchTemplate [instanceType, userData]", "update Group [launchTemplate, maxSize]"]);
    const versioned = simulateUpdate(plan([template({}), group({})], deps), plan([template({ userData: "b" }), group({})], deps));
    expect(versioned.changes.find((c) => c.type === ASG)!.values).toEqual([{ field: "launchTemplate", before: { id: "lt-1", version: "1" }, after: UNKNOWN_MARK }]);
    expect(versioned.changes.find((c) => c.type === LT)!.reason).toBe("in place: userData; latestVersion is recomputed");
    // Tags or a description alone make no new version: the group stays as it is.
    expect(step([template({}), group({})], [template({ tags: { team: "web" } }), group({})])).toEqual(["update LaunchTemplate [tags]"]);
    expect(step([template({}), group({})], [template({ description: "web" }), group({})])).toEqual(["update LaunchTemplate [description]"]);
    // A new template name prefix replaces the template; the group follows it in place (its launch template is no ForceNew input).
    expect(step([template({}), group({})], [template({ namePrefix: "web2-" }), group({})]))
      .toEqual(["replace(create-before-delete) LaunchTemplate [namePrefix]", "update Group [launchTemplate]"]);
    // A new group name replaces the group, and so does a changed initial lifecycle hook.
    expect(step([group({ name: "web-a" })], [group({ name: "web-b" })])).toEqual(["replace(create-before-delete) Group [name]"]);
    expect(step([group({ initialLifecycleHooks: [{ name: "drain", lifecycleTransition: "autoscaling:EC2_INSTANCE_TERMINATING" }] })], [group({ initialLifecycleHooks: [] })]))
      .toEqual(["replace(create-before-delete) Group [initialLifecycleHooks]"]);
  });
});
