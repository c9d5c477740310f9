/**
 * The fake instance's own clean-up: the instance tests run at the same time, so stopping one
 * instance must end its processes and no other test's. Process ids are reused; a record the fakes
 * left of a process that has exited may name another test's process by the time it is read.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, describe, it } from "vitest";
import type { UserDataOptions } from "../../components/web-tier/user-data";
import { FakeInstance } from "../helpers/instance-harness";
import { toolsAvailable } from "../helpers/system-tools";
import { removeTempFolders } from "../helpers/temp-tenants";

afterAll(removeTempFolders);

const IMAGE = "ghcr.io/acme/site:1.4";
const WORKER: UserDataOptions = {
  role: "worker",
  region: "eu-central-1",
  architecture: "arm64",
  app: { image: IMAGE, port: 8080, command: ["celery", "worker"], secrets: {} },
  appLogGroup: "/tenant/acme/worker",
};

/** Whether `pid` runs (a zombie, killed and not yet reaped, does not). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return condition();
}

describe.runIf(toolsAvailable("python3") && process.platform === "linux")("a fake instance's stop", () => {
  it("ends the container and the unit's processes it started", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, WORKER);
    instance.setRegistry({ [IMAGE]: { Id: `sha256:${"1".repeat(64)}`, Architecture: "arm64" } });
    await instance.systemctl("start", "tenant-app@blue");
    await instance.waitForSlot("blue");
    const container = instance.container("blue").record!["pid"] as number;
    const supervisor = Number(readFileSync(path.join(instance.dir, "systemd", "blue.pid"), "utf8"));
    expect([running(container), running(supervisor)]).toEqual([true, true]);
    await instance.stop();
    expect(await until(() => !running(container) && !running(supervisor))).toBe(true);
  });

  it("leaves alone another process that now has the id of a container or unit supervisor that exited", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, WORKER);
    // Another test's process, leading its own process group as the fakes' supervisors do.
    const other = spawn("sleep", ["60"], { detached: true, stdio: "ignore" });
    onTestFinished(() => { other.kill("SIGKILL"); });
    const pid = other.pid!;
    // What the fakes leave behind: a container record and a unit's supervisor id, both now naming `other`.
    mkdirSync(path.join(instance.dir, "docker", "containers"), { recursive: true });
    writeFileSync(path.join(instance.dir, "docker", "containers", "tenant-app-blue.json"), JSON.stringify({ pid }));
    writeFileSync(path.join(instance.dir, "systemd", "green.pid"), `${pid}\n`);
    await instance.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect({ running: running(pid), exit: other.exitCode, signal: other.signalCode }).toEqual({ running: true, exit: null, signal: null });
  });

  it("reads a container record the fakes remove at that moment (a restart's docker rm) as no record, not as an error", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, WORKER);
    const record = path.join(instance.dir, "docker", "containers", "tenant-app-blue.json");
    mkdirSync(path.dirname(record), { recursive: true });
    // Written whole (renamed into place) as fake docker writes it, and removed, as fast as Python can.
    const churn: ChildProcess = spawn("python3", ["-c", `
import json, os, sys
record = sys.argv[1]
while True:
    with open(record + ".tmp", "w") as f:
        json.dump({"pid": 1}, f)
    os.replace(record + ".tmp", record)
    os.remove(record)
`, record], { stdio: "ignore" });
    onTestFinished(() => { churn.kill("SIGKILL"); });
    await until(() => instance.container("blue").record !== undefined);
    const seen = new Set<string>();
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline) seen.add(JSON.stringify(instance.container("blue").record ?? null));
    expect([...seen].sort()).toEqual(["null", '{"pid":1}']);
  });

  it("ends a unit supervisor that has not yet made its own process group (stopped right after systemctl start)", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, WORKER);
    // Fake systemctl records the supervisor's id at its fork, before it calls setsid: until then
    // it is in this process's group, and a signal to the group its id names reaches nobody.
    const supervisor = spawn("sleep", ["60"], { stdio: "ignore", env: { ...process.env, FAKE_SYSTEMD_DIR: path.join(instance.dir, "systemd") } });
    onTestFinished(() => { supervisor.kill("SIGKILL"); });
    writeFileSync(path.join(instance.dir, "systemd", "blue.pid"), `${supervisor.pid}\n`);
    await instance.stop();
    expect(await until(() => !running(supervisor.pid!))).toBe(true);
  });
});

