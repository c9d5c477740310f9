/**
 * The drain script run for real (bash) against the AWS CLI, docker and systemctl stand-ins and a
 * metadata service that requires IMDSv2 tokens: an instance its group terminates stops its
 * container with the stop timeout and only then completes the termination lifecycle action.
 */
import { afterAll, describe, it, type TestContext } from "vitest";
import { COMPLETE_ATTEMPTS, DRAIN_HOOK_NAME, LIFECYCLE_POLL_SECONDS } from "../../components/web-tier/drain-script";
import type { UserDataOptions } from "../../components/web-tier/user-data";
import { FakeInstance, INSTANCE_ID, type AwsCall } from "../helpers/instance-harness";
import { toolsAvailable } from "../helpers/system-tools";
import { removeTempFolders } from "../helpers/temp-tenants";

afterAll(removeTempFolders);

const DB = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:acme/db-AbCdEf";
const IMAGE = "ghcr.io/acme/site:1.4";
const V1 = { Id: `sha256:${"1".repeat(64)}`, Architecture: "arm64" };
const GROUP = "acme-worker-0a1b2c3";

function options(role: "web" | "worker", stopTimeoutSeconds: number): UserDataOptions {
  return {
    role,
    region: "eu-central-1",
    architecture: "arm64",
    app: { image: IMAGE, port: 8080, secrets: { DATABASE_PASSWORD: `${DB}#password` }, ...(role === "worker" ? { command: ["celery", "worker"] } : {}) },
    appLogGroup: "/tenant/acme/app",
    ...(role === "web" ? { nginxSite: "# not used here", nginxLogGroup: "/tenant/acme/nginx" } : {}),
    stopTimeoutSeconds,
  };
}

/** A running instance of `GROUP`, held in Terminating:Wait by the drain hook once terminated. */
async function running(onTestFinished: TestContext["onTestFinished"], role: "web" | "worker", stopTimeoutSeconds: number, taskSeconds: number): Promise<FakeInstance> {
  const instance = await FakeInstance.create(onTestFinished, options(role, stopTimeoutSeconds));
  instance.setAws({
    secrets: { [DB]: { SecretString: '{"password":"p1"}' } },
    groups: { [INSTANCE_ID]: GROUP },
    lifecycleWaits: [{ instanceId: INSTANCE_ID, group: GROUP, hook: DRAIN_HOOK_NAME }],
  });
  instance.setRegistry({ [IMAGE]: V1 });
  instance.app = { taskSeconds };
  instance.metadata.targetLifecycleState = "InService";
  await instance.systemctl("start", "tenant-app@blue");
  await instance.waitForSlot("blue");
  return instance;
}

const TARGET_STATE = "/latest/meta-data/autoscaling/target-lifecycle-state";

/**
 * Waits until the metadata service has answered the target lifecycle state `reads` times with
 * `state` (undefined: 404, the item not there yet). After the second such read the script has
 * dealt with the first and gone back to polling; a busy machine only makes this take longer.
 */
async function lifecycleReads(instance: FakeInstance, state: string | undefined, reads = 2): Promise<void> {
  const answered = () => instance.metadata.requests.filter((r) => r.method === "GET" && r.path === TARGET_STATE
    && (state === undefined ? r.status === 404 : r.status === 200 && r.body === state)).length;
  const deadline = Date.now() + (reads + 2) * LIFECYCLE_POLL_SECONDS * 1000 + 20_000;
  while (answered() < reads) {
    if (Date.now() > deadline) throw new Error(`the drain read the target lifecycle state ${state ?? "(404)"} ${answered()} times, not ${reads}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const autoscaling = (instance: FakeInstance): AwsCall[] => instance.awsCalls().filter((c) => c.service === "autoscaling");

describe.runIf(toolsAvailable("python3", "curl")).concurrent("the drain", () => {
  it("lets a terminating worker finish its task with its stop timeout, then completes the lifecycle action", async ({ expect, onTestFinished }) => {
    // A 12 s task: docker stop's default 10 s would kill it.
    const instance = await running(onTestFinished, "worker", 20, 12);
    const drain = instance.script("drain", [], {}, 90_000);
    // In service: the drain only watches.
    await lifecycleReads(instance, "InService");
    expect(autoscaling(instance)).toEqual([]);
    expect(instance.container("blue").events).toEqual(["started"]);

    instance.metadata.targetLifecycleState = "Terminated";
    const result = await drain;
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining(`completed the lifecycle action of ${INSTANCE_ID} in ${GROUP}`) });
    // The task ran to its end, and the action came only after the container had drained.
    const { timeline } = instance.container("blue");
    expect(timeline.map((e) => e.event)).toEqual(["started", "sigterm", "drained"]);
    const sigterm = timeline.find((e) => e.event === "sigterm")!.time;
    expect(timeline.find((e) => e.event === "drained")!.time - sigterm).toBeGreaterThanOrEqual(12);
    const [describe, complete] = autoscaling(instance);
    expect(describe).toMatchObject({
      operation: "describe-auto-scaling-instances", region: "eu-central-1", options: { "--instance-ids": INSTANCE_ID },
      global: expect.objectContaining({ "--query": "AutoScalingInstances[0].AutoScalingGroupName", "--output": "text" }),
    });
    expect(complete).toMatchObject({
      operation: "complete-lifecycle-action",
      region: "eu-central-1",
      options: { "--lifecycle-hook-name": DRAIN_HOOK_NAME, "--auto-scaling-group-name": GROUP, "--lifecycle-action-result": "CONTINUE", "--instance-id": INSTANCE_ID },
    });
    expect(complete!.time).toBeGreaterThan(timeline.find((e) => e.event === "drained")!.time);
    expect(instance.awsState().lifecycleWaits).toEqual([]);
    // The heartbeat and the refresh stop before the container does.
    const calls = instance.systemctlCalls();
    expect(calls.slice(calls.indexOf("start tenant-app@blue") + 1)).toEqual([
      "stop tenant-app-heartbeat.timer tenant-app-refresh.timer tenant-app-refresh.service",
      "stop tenant-app@blue tenant-app@green",
    ]);
    // IMDSv2: every read carried a token from the metadata service.
    const reads = instance.metadata.requests.filter((r) => r.method === "GET");
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.every((r) => r.token)).toBe(true);
  }, 120_000);

  it("stops a web instance's container with its deregistration delay and completes for its group", async ({ expect, onTestFinished }) => {
    const instance = await running(onTestFinished, "web", 5, 1);
    instance.metadata.targetLifecycleState = "Terminated";
    const result = await instance.script("drain", [], {}, 60_000);
    expect(result.code).toBe(0);
    expect(instance.container("blue").events).toEqual(["started", "ready", "sigterm", "drained"]);
    expect(autoscaling(instance).map((c) => c.operation)).toEqual(["describe-auto-scaling-instances", "complete-lifecycle-action"]);
  }, 90_000);

  it("ignores the other target states (Standby) and an item not there yet (404)", async ({ expect, onTestFinished }) => {
    const instance = await running(onTestFinished, "worker", 5, 0);
    instance.metadata.targetLifecycleState = undefined;
    const drain = instance.script("drain", [], {}, 90_000);
    await lifecycleReads(instance, undefined, 1);
    instance.metadata.targetLifecycleState = "Standby";
    // A read after the 404 shows the script went on polling; a second Standby read, that it ignored the first.
    await lifecycleReads(instance, "Standby");
    expect(instance.container("blue").events).toEqual(["started"]);
    expect(autoscaling(instance)).toEqual([]);
    instance.metadata.targetLifecycleState = "Terminated";
    expect((await drain).code).toBe(0);
  }, 120_000);

  it("fails (so systemd runs it again) when Auto Scaling cannot be reached, after stopping the container", async ({ expect, onTestFinished }) => {
    const instance = await running(onTestFinished, "worker", 5, 0);
    instance.setAws({
      secrets: { [DB]: { SecretString: '{"password":"p1"}' } },
      groups: { [INSTANCE_ID]: GROUP },
      lifecycleWaits: [{ instanceId: INSTANCE_ID, group: GROUP, hook: DRAIN_HOOK_NAME }],
      unreachable: ["autoscaling"],
    });
    instance.metadata.targetLifecycleState = "Terminated";
    const result = await instance.script("drain", [], {}, 90_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("could not complete the lifecycle action; the hook's timeout lets the termination continue");
    expect(instance.container("blue").events).toEqual(["started", "sigterm", "drained"]);
    expect(autoscaling(instance).map((c) => c.operation)).toEqual(Array(COMPLETE_ATTEMPTS).fill("describe-auto-scaling-instances"));
  }, 120_000);
});
