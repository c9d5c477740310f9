/**
 * The refresh and heartbeat scripts run for real (bash) with real nginx in front of the fake
 * containers: a secret swap under load without a failed request, and an instance that reports
 * itself unhealthy when its container stays down.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { UserDataOptions } from "../../components/web-tier/user-data";
import { FakeInstance } from "../helpers/instance-harness";
import { get } from "../helpers/nginx-harness";
import { toolsAvailable } from "../helpers/system-tools";
import { removeTempFolders } from "../helpers/temp-tenants";

afterAll(removeTempFolders);
const instances: FakeInstance[] = [];
afterEach(async () => {
  for (const instance of instances.splice(0)) await instance.stop();
});

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

async function running(role: "web" | "worker"): Promise<FakeInstance> {
  const instance = await FakeInstance.create(options(role));
  instances.push(instance);
  instance.setAws({ secrets: { [DB]: { SecretString: '{"username":"acme","password":"p1"}' } } });
  instance.setRegistry({ [IMAGE]: V1 });
  // The application takes a while to boot; until then the published port accepts and closes.
  instance.app = { bootSeconds: 2, taskSeconds: 0.2 };
  await instance.systemctl("start", "tenant-app@blue");
  await instance.waitForSlot("blue");
  return instance;
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

describe.runIf(toolsAvailable("python3", "nginx", "curl"))("the secret refresh", () => {
  it("does nothing while the secrets are unchanged", async () => {
    const instance = await running("web");
    const before = instance.systemctlCalls().length;
    expect(await instance.script("refresh")).toMatchObject({ code: 0 });
    expect(instance.systemctlCalls().slice(before)).toEqual([]);
  });

  it("swaps to a container with the new secrets while nginx keeps answering every request", async () => {
    const instance = await running("web");
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
      "start tenant-app@green", "reload nginx", "enable tenant-app@green", "disable tenant-app@blue", "stop tenant-app@blue",
    ]);
  }, 120_000);

  it("swaps a worker by starting the new one before stopping the old one", async () => {
    const instance = await running("worker");
    instance.setAws({ secrets: { [DB]: { SecretString: '{"password":"p2"}' } } });
    const refresh = await instance.script("refresh", [], {}, 90_000);
    expect(refresh.code).toBe(0);
    expect(instance.container("green").record!["env"]).toMatchObject({ DATABASE_PASSWORD: "p2" });
    expect(instance.container("blue").events).toEqual(["started", "sigterm", "drained"]);
  }, 120_000);
});

describe.runIf(toolsAvailable("python3", "curl"))("the heartbeat", () => {
  it("stays quiet while the container runs and answers (any status)", async () => {
    const instance = await running("web");
    for (let i = 0; i < 3; i++) expect((await instance.script("heartbeat")).code).toBe(0);
    expect(instance.awsCalls().filter((c) => c.service === "autoscaling")).toEqual([]);
  });

  it("reports the instance unhealthy to its group after three failed probes in a row", async () => {
    const instance = await running("worker");
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

  it("counts a web container whose application never answers as down", async () => {
    const instance = await FakeInstance.create(options("web"));
    instances.push(instance);
    instance.setAws({ secrets: { [DB]: { SecretString: '{"password":"p1"}' } } });
    instance.setRegistry({ [IMAGE]: V1 });
    instance.app = { bootSeconds: 600 };
    await instance.systemctl("start", "tenant-app@blue");
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await instance.script("heartbeat")).stderr).toContain("is not alive (1/3)");
  });
});
