/**
 * Preview and drift jobs build the tenant's AWS provider with their own (reader) role, so the
 * engine reports an update of `pulumi:providers:aws` whose only diff is `assumeRoles`: that is not
 * a change of the tenant, while any other provider key, or any other resource's change, is.
 */
import { DiffKind, type PropertyDiff } from "@pulumi/pulumi/automation";
import { describe, expect, it } from "vitest";
import { isCredentialsOnlyProviderUpdate } from "../../tools/fleet/provider-credentials";
import { runFleet } from "../../tools/fleet/run-fleet";
import { step, summary, urn, type TestEvent } from "./helpers/events";
import { FakeEngine } from "./helpers/fake-engine";

const PROVIDER = "pulumi:providers:aws";
const BUCKET = "aws:s3/bucket:Bucket";
const UPDATE: PropertyDiff = { diffKind: DiffKind.update, inputDiff: true };

/** The provider's step as the engine emits it: top-level `diffs` and a path-keyed `detailedDiff`. */
function providerUpdate(stack: string, paths: readonly string[]): TestEvent[] {
  const metadata = {
    diffs: [...new Set(paths.map((p) => p.split(/[.[]/)[0]!))],
    detailedDiff: Object.fromEntries(paths.map((p) => [p, UPDATE])),
  };
  const pre = step(stack, "update", PROVIDER, `${stack}-aws`, metadata);
  // The engine sends the same step metadata again when the step's outputs are known (pkg/engine/events.go).
  return [pre, { resOutputsEvent: { metadata: pre.resourcePreEvent!.metadata } }];
}

/** A recorded stream: the provider's update, then the tenant's resources. */
function stream(stack: string, providerPaths: readonly string[], bucketOp: "same" | "refresh" | "update"): TestEvent[] {
  const bucketDiff = bucketOp === "update" ? { detailedDiff: { tags: UPDATE }, diffs: ["tags"] } : {};
  return [
    ...providerUpdate(stack, providerPaths),
    step(stack, "same", "pulumi:providers:cloudflare", `${stack}-cloudflare`),
    step(stack, bucketOp, BUCKET, `${stack}-files`, bucketDiff),
    summary(bucketOp === "update" ? { update: 2, same: 1 } : { update: 1, same: 2 }),
  ];
}

const ROLE_ONLY = ["assumeRoles[0].roleArn"];

async function run(command: "preview" | "drift" | "up", script: Record<string, TestEvent[]>) {
  const engine = new FakeEngine(Object.fromEntries(Object.entries(script).map(([tenant, events]) => [tenant, { events }])));
  return await runFleet({ command, tenants: Object.keys(script), engine, concurrency: 2, log: () => undefined });
}

describe("provider credentials in previews and drift checks", () => {
  it("reports a drift check in sync when only the provider's assumeRoles differ, and says it was ignored", async () => {
    const [acme] = await run("drift", { acme: stream("acme", ROLE_ONLY, "refresh") });
    expect(acme).toMatchObject({ status: "in-sync", notes: ["acme-aws: provider credentials differ by job, ignored"] });
    expect(acme?.changes.resources).toEqual([]);
    expect(acme?.changes.counts).toEqual({ same: 3 });
  });

  it("reports a preview without changes when only the provider's assumeRoles differ", async () => {
    const [acme] = await run("preview", { acme: stream("acme", ["assumeRoles", "assumeRoles[0]", "assumeRoles[0].roleArn"], "same") });
    expect(acme?.status).toBe("succeeded");
    expect(acme?.changes.resources).toEqual([]);
    expect(acme?.notes).toEqual(["acme-aws: provider credentials differ by job, ignored"]);
  });

  it("still reports a real resource change beside the ignored provider update", async () => {
    const [drift] = await run("drift", { acme: stream("acme", ROLE_ONLY, "update") });
    expect(drift?.status).toBe("drifted");
    expect(drift?.changes.resources).toMatchObject([{ kind: "update", type: BUCKET, name: "acme-files", keys: ["tags"] }]);
    const [preview] = await run("preview", { acme: stream("acme", ROLE_ONLY, "update") });
    expect(preview?.changes.resources.map((r) => r.urn)).toEqual([urn("acme", BUCKET, "acme-files")]);
  });

  it("counts a provider update that changes another key too (region)", async () => {
    const [drift] = await run("drift", { acme: stream("acme", [...ROLE_ONLY, "region"], "refresh") });
    expect(drift?.status).toBe("drifted");
    expect(drift?.notes).toBeUndefined();
    expect(drift?.changes.resources).toMatchObject([{ kind: "update", type: PROVIDER, name: "acme-aws", keys: ["assumeRoles[0].roleArn", "region"] }]);
    const [preview] = await run("preview", { acme: stream("acme", ["region"], "same") });
    expect(preview?.changes.resources).toMatchObject([{ kind: "update", type: PROVIDER, keys: ["region"] }]);
  });

  it("counts the same provider update in an up, which writes it to the state", async () => {
    const [acme] = await run("up", { acme: stream("acme", ROLE_ONLY, "same") });
    expect(acme?.notes).toBeUndefined();
    expect(acme?.changes.resources).toMatchObject([{ kind: "update", type: PROVIDER, keys: ["assumeRoles[0].roleArn"] }]);
  });

  it("reports read steps as no drift, as the engine's HasChanges does", async () => {
    const [acme] = await run("drift", { acme: [step("acme", "read", "aws:ec2/vpc:Vpc", "shared-vpc"), step("acme", "refresh", BUCKET, "acme-files")] });
    expect(acme?.status).toBe("in-sync");
  });
});

describe("isCredentialsOnlyProviderUpdate", () => {
  const meta = (extra: object) => ({ op: "update" as const, urn: urn("acme", PROVIDER, "acme-aws"), type: PROVIDER, provider: "", ...extra });

  it("takes assumeRoles paths from the detailed diff, or top-level keys without one", () => {
    expect(isCredentialsOnlyProviderUpdate(meta({ detailedDiff: { "assumeRoles[0].roleArn": UPDATE } }))).toBe(true);
    expect(isCredentialsOnlyProviderUpdate(meta({ diffs: ["assumeRoles"] }))).toBe(true);
  });

  it("does not ignore other keys, look-alike keys, keyless steps, replacements or other providers", () => {
    expect(isCredentialsOnlyProviderUpdate(meta({ diffs: ["assumeRoles", "region"] }))).toBe(false);
    expect(isCredentialsOnlyProviderUpdate(meta({ diffs: ["assumeRolesWithWebIdentity"] }))).toBe(false);
    expect(isCredentialsOnlyProviderUpdate(meta({ detailedDiff: { assumeRoleWithWebIdentity: UPDATE } }))).toBe(false);
    expect(isCredentialsOnlyProviderUpdate(meta({}))).toBe(false);
    expect(isCredentialsOnlyProviderUpdate(meta({ op: "replace", diffs: ["assumeRoles"] }))).toBe(false);
    expect(isCredentialsOnlyProviderUpdate(meta({ type: "pulumi:providers:cloudflare", diffs: ["assumeRoles"] }))).toBe(false);
  });
});
