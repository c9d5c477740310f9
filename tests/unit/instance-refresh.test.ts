/**
 * The refresh and heartbeat scripts run for real (bash) with real nginx in front of the fake
 * containers: a secret swap under load without a failed request, and an instance that reports
 * itself unhealthy when its container stays down.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, it, type TestContext } from "vitest";
import type { RefreshTiming } from "../../components/web-tier/refresh-script";
import type { UserDataOptions } from "../../components/web-tier/user-data";
import { FakeInstance } from "../helpers/instance-harness";
import { get } from "../helpers/nginx-harness";
import { toolsAvailable } from "../helpers/system-tools";
import { removeTempFolders } from "../helpers/temp-tenants";

afterAll(removeTempFolders);

const DB = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:acme/db-AbCdEf";
const IMAGE = "ghcr.io/acme/site:1.4";
const V1 = { Id: `sha256:${"1".repeat(64)}`, Architecture: "arm64" };

function options(role: "web" | "worker"): UserDataOptions {
  return {
    role,
    region: "eu-central-1",
    architecture: "arm64",
    app: { image: IMAGE, port: 8080, secrets: { DATABASE_PASSWORD: `${DB}#password` }, ...(role === "worker" ? { command: ["celery", "worker"] } : {}) },
    appLogGroup: "/tenant/acme/app",
    ...(role === "web" ? { nginxSite: "# rendered per test", nginxLogGroup: "/tenant/acme/nginx" } : {}),
    stopTimeoutSeconds: 5,
  };
}

async function running(onTestFinished: TestContext["onTestFinished"], role: "web" | "worker", refreshTiming: RefreshTiming = {}): Promise<FakeInstance> {
  const instance = await FakeInstance.create(onTestFinished, options(role), refreshTiming);
  instance.setAws({ secrets: { [DB]: { SecretString: '{"username":"acme","password":"p1"}' } } });
  instance.setRegistry({ [IMAGE]: V1 });
  // The application takes a while to boot; until then the published port accepts and closes.
  instance.app = { bootSeconds: 2, taskSeconds: 0.2 };
  await instance.systemctl("start", "tenant-app@blue");
  await instance.waitForSlot("blue");
  return instance;
}

/** Polls `condition` every 100 ms until it holds (at most 30 s). */
async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("the condition did not hold within 30 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Load {
  stop(): Promise<{ statuses: number[]; passwords: string[] }>;
}

/**
 * Requests through nginx back to back until stopped, each on its own connection: an idle
 * keep-alive connection that nginx's old workers close on the reload can race a request sent on
 * it (the load balancer answers 502 then), a limit docs/instance-runtime.md states.
 */
function load(port: number): Load {
  const statuses: number[] = [];
  const passwords: string[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const reply = await get(port, "/", { "X-Forwarded-For": "173.245.48.1", Connection: "close" });
        statuses.push(reply.status);
        if (reply.status === 200) passwords.push((JSON.parse(reply.body) as { env: Record<string, string> }).env["DATABASE_PASSWORD"]!);
      } catch {
        statuses.push(0);
      }
    }
  })();
  return { stop: async () => { stopped = true; await loop; return { statuses, passwords }; } };
}

describe.runIf(toolsAvailable("python3", "nginx", "curl")).concurrent("the secret refresh", () => {
  it("does nothing while the secrets are unchanged", async ({ expect, onTestFinished }) => {
    const instance = await running(onTestFinished, "web");
    const before = instance.systemctlCalls().length;
    expect(await instance.script("refresh")).toMatchObject({ code: 0 });
    expect(instance.systemctlCalls().slice(before)).toEqual([]);
  });

  it("swaps to a container with the new secrets while nginx keeps answering every request", async ({ expect, onTestFinished }) => {
    const instance = await running(onTestFinished, "web");
    const port = await instance.startNginx();
    expect((await get(port, "/", { "X-Forwarded-For": "173.245.48.1" })).status).toBe(200);
    const traffic = load(port);
    instance.setAws({ secrets: { [DB]: { SecretString: '{"username":"acme","password":"p2"}' } } });
    const refresh = await instance.script("refresh", [], {}, 90_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { statuses, passwords } = await traffic.stop();
    expect(refresh).toMatchObject({ code: 0, stdout: expect.stringContaining("slot green serves; slot blue stopped") });
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(passwords[0]).toBe("p1");
    expect(passwords.at(-1)).toBe("p2");
    // The old container stopped only after nginx had moved, and finished what it was doing.
    expect(instance.container("blue").events).toEqual(["started", "ready", "sigterm", "drained"]);
    expect(instance.systemctlCalls().slice(-5)).toEqual([
      "restart tenant-app@green", "reload nginx", "enable tenant-app@green", "disable tenant-app@blue", "stop tenant-app@blue",
    ]);
  }, 120_000);

  it("fails without touching any container when the secrets cannot be read", async ({ expect, onTestFinished }) => {
    const instance = await running(onTestFinished, "web");
    const before = instance.systemctlCalls().length;
    instance.setAws({ unreachable: ["secretsmanager"] });
    const refresh = await instance.script("refresh");
    expect(refresh.code).toBe(1);
    expect(refresh.stderr).toContain("the secrets cannot be read, so they cannot be refreshed; slot blue keeps serving");
    expect(instance.systemctlCalls().slice(before)).toEqual([]);
    expect(instance.container("blue").events).toEqual(["started", "ready"]);
  });

  it("keeps the old slot serving when the new one never becomes ready, and retries the swap at the next tick", async ({ expect, onTestFinished }) => {
    // A shorter timeout and poll than an instance's (the swap under load and the worker swap run with those).
    const instance = await running(onTestFinished, "web", { readyTimeoutSeconds: 10, readyPollSeconds: 0.2 });
    await instance.startNginx();
    instance.setAws({ secrets: { [DB]: { SecretString: '{"username":"acme","password":"p2"}' } } });
    // The new slot's application never answers.
    const failed = await instance.script("refresh", [], { FAKE_APP_BOOT_SECONDS: "600" });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("slot green did not become ready; slot blue keeps serving");
    expect(instance.container("blue").record!["env"]).toMatchObject({ DATABASE_PASSWORD: "p1" });
    expect(readFileSync(instance.layout.nginxUpstream, "utf8")).toBe(`server 127.0.0.1:${instance.layout.slotPorts.blue};\n`);
    // The secrets script has moved p2 into place already and reports "unchanged" now; the swap happens all the same.
    expect((await instance.script("secrets")).stdout).toBe("unchanged\n");
    const retry = await instance.script("refresh", [], {}, 90_000);
    expect(retry).toMatchObject({ code: 0, stdout: expect.stringContaining("slot green serves; slot blue stopped") });
    expect(instance.container("green").record!["env"]).toMatchObject({ DATABASE_PASSWORD: "p2" });
    expect(await instance.script("refresh")).toMatchObject({ code: 0, stdout: "" });
  }, 120_000);

  it("swaps a worker by starting the new one before stopping the old one", async ({ expect, onTestFinished }) => {
    const instance = await running(onTestFinished, "worker");
    instance.setAws({ secrets: { [DB]: { SecretString: '{"password":"p2"}' } } });
    const refresh = await instance.script("refresh", [], {}, 90_000);
    expect(refresh.code).toBe(0);
    expect(instance.container("green").record!["env"]).toMatchObject({ DATABASE_PASSWORD: "p2" });
    expect(instance.container("blue").events).toEqual(["started", "sigterm", "drained"]);
  }, 120_000);
});

describe.runIf(toolsAvailable("python3", "curl")).concurrent("the heartbeat", () => {
  it("stays quiet while the container runs and answers (any status)", async ({ expect, onTestFinished }) => {
    const instance = await running(onTestFinished, "web");
    for (let i = 0; i < 3; i++) expect((await instance.script("heartbeat")).code).toBe(0);
    expect(instance.awsCalls().filter((c) => c.service === "autoscaling")).toEqual([]);
  });

  it("reports the instance unhealthy to its group after three failed probes in a row", async ({ expect, onTestFinished }) => {
    const instance = await running(onTestFinished, "worker");
    await instance.systemctl("stop", "tenant-app@blue");
    for (let i = 1; i <= 2; i++) {
      const probe = await instance.script("heartbeat");
      expect(probe.stderr).toContain(`is not alive (${i}/3)`);
    }
    expect(instance.awsCalls().filter((c) => c.service === "autoscaling")).toEqual([]);
    expect((await instance.script("heartbeat")).code).toBe(0);
    expect(instance.awsCalls().filter((c) => c.service === "autoscaling")).toEqual([expect.objectContaining({
      operation: "set-instance-health",
      region: "eu-central-1",
      options: { "--instance-id": "i-0123456789abcdef0", "--health-status": "Unhealthy" },
      flags: ["--should-respect-grace-period"],
    })]);
  });

  it("counts a container that keeps crashing as a failure although it runs at the moment of the probe", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, options("worker"));
    instance.setAws({ secrets: { [DB]: { SecretString: '{"password":"p1"}' } } });
    instance.setRegistry({ [IMAGE]: V1 });
    // It crashes 8 s after its first start: time for the first probe to find it running and note
    // the restart count 0 while the test runs beside others on a loaded machine (a probe can take
    // seconds); the next two starts crash at once, and the fourth keeps running.
    instance.app = { exitAfterSeconds: [8, 0.5, 0.5] };
    await instance.systemctl("start", "tenant-app@blue");
    await instance.waitForSlot("blue");
    expect(await instance.script("heartbeat")).toMatchObject({ code: 0, stderr: "" });
    // systemd restarts it (Restart=always, RestartSec=5); wait for the third restart's container.
    const deadline = Date.now() + 120_000;
    while (instance.container("blue").events.filter((e) => e === "started").length < 4 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(instance.container("blue").events.at(-1)).toBe("started");
    const probes = [await instance.script("heartbeat"), await instance.script("heartbeat"), await instance.script("heartbeat")];
    expect(probes[0]!.stderr).toContain("the container of slot blue restarted 3 times in the last 300 s (1/3)");
    expect(probes[2]!.stderr).toContain("reported i-0123456789abcdef0 unhealthy");
    expect(instance.awsCalls().filter((c) => c.operation === "set-instance-health")).toHaveLength(1);
  }, 180_000);

  it("counts a web application that answers slowly as alive: a hanging dependency must not replace every instance at once", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, options("web"));
    instance.setAws({ secrets: { [DB]: { SecretString: '{"password":"p1"}' } } });
    instance.setRegistry({ [IMAGE]: V1 });
    instance.app = { responseSeconds: 30 };
    await instance.systemctl("start", "tenant-app@blue");
    await instance.waitForSlot("blue");
    const probe = await instance.script("heartbeat");
    expect(probe).toMatchObject({ code: 0, stderr: "" });
  }, 60_000);

  it("does not ask for a replacement when the image cannot run on this instance type, and systemd stops restarting it", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, options("worker"));
    instance.setAws({ secrets: { [DB]: { SecretString: '{"password":"p1"}' } } });
    instance.setRegistry({ [IMAGE]: { Id: V1.Id, Architecture: "amd64" } });
    await instance.systemctl("start", "tenant-app@blue");
    // systemd leaves the unit failed instead of restarting it after RestartSec (5 s).
    await waitFor(async () => (await instance.systemctlOutput("show", "-p", "ActiveState", "--value", "tenant-app@blue")) === "failed\n");
    expect(await instance.systemctlOutput("show", "-p", "NRestarts", "--value", "tenant-app@blue")).toBe("0\n");
    for (let i = 0; i < 3; i++) {
      const probe = await instance.script("heartbeat");
      expect(probe.code).toBe(1);
      expect(probe.stderr).toContain("slot blue cannot run its image on this instance type");
    }
    expect(instance.awsCalls().filter((c) => c.service === "autoscaling")).toEqual([]);
    expect(instance.dockerCalls().filter((c) => c.args[0] === "image" && c.args.includes("{{.Architecture}}"))).toHaveLength(1);
  }, 60_000);

  it("counts a web container whose application never answers as down", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, options("web"));
    instance.setAws({ secrets: { [DB]: { SecretString: '{"password":"p1"}' } } });
    instance.setRegistry({ [IMAGE]: V1 });
    instance.app = { bootSeconds: 600 };
    await instance.systemctl("start", "tenant-app@blue");
    await waitFor(() => instance.container("blue").events.includes("started"));
    expect((await instance.script("heartbeat")).stderr).toContain("is not alive (1/3)");
  });
});
