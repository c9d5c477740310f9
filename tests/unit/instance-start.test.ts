/**
 * The start script run for real (bash) against the AWS CLI, docker and systemctl stand-ins:
 * image pulls and their failures, ECR logins, the pinned image, the platform check, and what the
 * container receives.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { afterAll, describe, it, type TestContext } from "vitest";
import type { UserDataOptions } from "../../components/web-tier/user-data";
import { FakeInstance } from "../helpers/instance-harness";
import { toolsAvailable } from "../helpers/system-tools";
import { removeTempFolders } from "../helpers/temp-tenants";

afterAll(removeTempFolders);

const DB = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:acme/db-AbCdEf";
const ECR_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/acme/site:1.4";
const V1 = { Id: `sha256:${"1".repeat(64)}`, Architecture: "arm64" };
const V2 = { Id: `sha256:${"2".repeat(64)}`, Architecture: "arm64" };

function worker(image = ECR_IMAGE, extra: Partial<UserDataOptions> = {}): UserDataOptions {
  return {
    role: "worker",
    region: "eu-central-1",
    architecture: "arm64",
    app: { image, port: 8080, command: ["celery", "-A", "acme", "worker"], secrets: { DATABASE_PASSWORD: `${DB}#password` } },
    appLogGroup: "/tenant/acme/worker",
    stopTimeoutSeconds: 15,
    ...extra,
  };
}

async function instanceWith(onTestFinished: TestContext["onTestFinished"], options: UserDataOptions): Promise<FakeInstance> {
  const instance = await FakeInstance.create(onTestFinished, options);
  instance.setAws({ secrets: { [DB]: { SecretString: '{"username":"acme","password":"p1"}' } } });
  return instance;
}

/** Starts slot blue as systemd would and waits for its container (a new one, after a restart). */
async function boot(instance: FakeInstance): Promise<void> {
  const eventsBefore = instance.container("blue").events.length;
  await instance.systemctl("start", "tenant-app@blue");
  await instance.waitForSlot("blue", 20_000, eventsBefore);
}

describe.runIf(toolsAvailable("python3")).concurrent("the start script", () => {
  it("logs in to ECR in the image's region with credentials on tmpfs that are gone after the pull, and pins the image id", async ({ expect, onTestFinished }) => {
    const instance = await instanceWith(onTestFinished, worker());
    instance.setRegistry({ [ECR_IMAGE]: V1 });
    await boot(instance);
    const login = instance.awsCalls().find((c) => c.service === "ecr")!;
    expect(login).toMatchObject({ operation: "get-login-password", region: "us-east-1" });
    const docker = instance.dockerCalls();
    const [loginCall, pullCall] = [docker.find((c) => c.args[0] === "login")!, docker.find((c) => c.args[0] === "pull")!];
    expect(loginCall.args).toEqual(["login", "--username", "AWS", "--password-stdin", "123456789012.dkr.ecr.us-east-1.amazonaws.com"]);
    // Login and pull share one DOCKER_CONFIG under the tmpfs run directory, removed afterwards.
    expect(loginCall.dockerConfig).toBe(pullCall.dockerConfig);
    expect(loginCall.dockerConfig!.startsWith(instance.layout.runDir)).toBe(true);
    expect(existsSync(loginCall.dockerConfig!)).toBe(false);
    expect(existsSync(path.join(instance.dir, "home", ".docker", "config.json"))).toBe(false);
    expect(readFileSync(path.join(instance.layout.etcDir, "image-id"), "utf8")).toBe(`${V1.Id}\n`);
    const { record } = instance.container("blue");
    expect(record).toMatchObject({ image: V1.Id, stopTimeout: "15", command: ["celery", "-A", "acme", "worker"] });
    expect(record!["logOpts"]).toEqual(expect.arrayContaining(["mode=non-blocking", "max-buffer-size=4m", "awslogs-region=eu-central-1"]));
  });

  it("gives the container its region, its secrets as env and as read-only files, and keeps nothing of them outside tmpfs", async ({ expect, onTestFinished }) => {
    const instance = await instanceWith(onTestFinished, worker());
    instance.setRegistry({ [ECR_IMAGE]: V1 });
    await boot(instance);
    const record = instance.container("blue").record!;
    expect(record["env"]).toMatchObject({ AWS_REGION: "eu-central-1", AWS_DEFAULT_REGION: "eu-central-1", DATABASE_PASSWORD: "p1" });
    expect(record["mounts"]).toEqual({ "/run/secrets": path.join(instance.layout.runDir, "secrets") });
    const run = instance.dockerCalls().find((c) => c.args[0] === "run")!.args;
    expect(run.join(" ")).toContain(`type=bind,source=${path.join(instance.layout.runDir, "secrets")},target=/run/secrets,readonly`);
    const outside = readdirSync(instance.dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !path.join(e.parentPath, e.name).startsWith(instance.layout.runDir) && !e.parentPath.includes(`${path.sep}docker`))
      .filter((e) => readFileSync(path.join(e.parentPath, e.name), "utf8").includes("p1\n") || readFileSync(path.join(e.parentPath, e.name), "utf8").includes("=p1"));
    expect(outside.map((e) => e.name)).toEqual([]);
  });

  it("restarts without the registry: the pinned image runs although the registry, NAT or token fails", async ({ expect, onTestFinished }) => {
    const instance = await instanceWith(onTestFinished, worker());
    instance.setRegistry({ [ECR_IMAGE]: V1 });
    await boot(instance);
    await instance.systemctl("stop", "tenant-app@blue");
    instance.setDocker({ pullFails: true });
    instance.setAws({ secrets: { [DB]: { SecretString: '{"password":"p1"}' } }, unreachable: ["ecr"] });
    const callsBefore = instance.dockerCalls().length;
    await boot(instance);
    expect(instance.dockerCalls().slice(callsBefore).map((c) => c.args[0])).not.toContain("pull");
    expect(instance.container("blue").record).toMatchObject({ image: V1.Id });
  });

  it("does not follow a moved tag on a restart: the instance keeps the version it started with", async ({ expect, onTestFinished }) => {
    const instance = await instanceWith(onTestFinished, worker());
    instance.setRegistry({ [ECR_IMAGE]: V1 });
    await boot(instance);
    await instance.systemctl("stop", "tenant-app@blue");
    instance.setRegistry({ [ECR_IMAGE]: V2 });
    await boot(instance);
    expect(instance.container("blue").record).toMatchObject({ image: V1.Id });
  });

  it("starts the cached image when the first pull fails, and fails clearly when nothing is cached", async ({ expect, onTestFinished }) => {
    const cached = await instanceWith(onTestFinished, worker("ghcr.io/acme/site:1.4"));
    cached.setDocker({ pullFails: true });
    cached.setCache({ "ghcr.io/acme/site:1.4": V1 });
    const started = cached.script("start", ["blue"]);
    await cached.waitForSlot("blue");
    expect(cached.container("blue").record).toMatchObject({ image: V1.Id });
    await cached.stop();
    expect((await started).stderr).toContain("pulling ghcr.io/acme/site:1.4 failed; starting the cached image");

    const empty = await instanceWith(onTestFinished, worker("ghcr.io/acme/site:1.4"));
    empty.setDocker({ pullFails: true });
    const result = await empty.script("start", ["blue"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("pulling ghcr.io/acme/site:1.4 failed and no copy is cached");
  });

  it("refuses an image built for another architecture with a message saying so", async ({ expect, onTestFinished }) => {
    const instance = await instanceWith(onTestFinished, worker("ghcr.io/acme/site:1.4"));
    instance.setRegistry({ "ghcr.io/acme/site:1.4": { Id: V1.Id, Architecture: "amd64" } });
    const result = await instance.script("start", ["blue"]);
    // 78: the status the unit's RestartPreventExitStatus names, so systemd does not restart it.
    expect(result.code).toBe(78);
    expect(result.stderr).toContain("ghcr.io/acme/site:1.4 is built for linux/amd64, but this instance runs linux/arm64");
    expect(instance.dockerCalls().map((c) => c.args[0])).not.toContain("run");
  });

  it("removes the registry credentials when the unit is stopped during the pull", async ({ expect, onTestFinished }) => {
    const instance = await instanceWith(onTestFinished, worker());
    instance.setRegistry({ [ECR_IMAGE]: V1 });
    instance.setDocker({ pullSeconds: 30 });
    await instance.systemctl("start", "tenant-app@blue");
    const configs = () => readdirSync(instance.layout.runDir).filter((f) => f.startsWith("docker-config."));
    const deadline = Date.now() + 20_000;
    while (!instance.dockerCalls().some((c) => c.args[0] === "pull") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(configs()).toHaveLength(1);
    await instance.systemctl("stop", "tenant-app@blue");
    expect(configs()).toEqual([]);
  }, 60_000);

  it("runs one container per slot: starting a running slot again does nothing, as systemd does", async ({ expect, onTestFinished }) => {
    const instance = await instanceWith(onTestFinished, worker("ghcr.io/acme/site:1.4"));
    instance.setRegistry({ "ghcr.io/acme/site:1.4": V1 });
    await boot(instance);
    await instance.systemctl("start", "tenant-app@blue");
    // A second start script would have resolved the secrets and run by now (a few seconds here).
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    expect(instance.dockerCalls().filter((c) => c.args[0] === "run")).toHaveLength(1);
    expect(instance.container("blue").events).toEqual(["started"]);
  }, 60_000);

  it("starts with the secrets resolved last when Secrets Manager does not answer, and not at all before any were resolved", async ({ expect, onTestFinished }) => {
    const instance = await instanceWith(onTestFinished, worker("ghcr.io/acme/site:1.4"));
    instance.setRegistry({ "ghcr.io/acme/site:1.4": V1 });
    instance.setAws({ unreachable: ["secretsmanager"] });
    const first = await instance.script("start", ["blue"]);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("the secrets cannot be resolved and none were resolved before");

    instance.setAws({ secrets: { [DB]: { SecretString: '{"password":"p1"}' } } });
    await boot(instance);
    await instance.systemctl("stop", "tenant-app@blue");
    instance.setAws({ unreachable: ["secretsmanager"] });
    await boot(instance);
    expect(instance.container("blue").record!["env"]).toMatchObject({ DATABASE_PASSWORD: "p1" });
  });

  it("gives a worker its stop timeout to finish the task it is running (docker stop's default 10 s would kill it)", async ({ expect, onTestFinished }) => {
    const instance = await instanceWith(onTestFinished, worker("ghcr.io/acme/site:1.4"));
    instance.setRegistry({ "ghcr.io/acme/site:1.4": V1 });
    instance.app = { taskSeconds: 11 };
    await instance.systemctl("start", "tenant-app@blue");
    await instance.waitForSlot("blue");
    const stopping = Date.now();
    await instance.systemctl("stop", "tenant-app@blue");
    expect(instance.container("blue").events).toEqual(["started", "sigterm", "drained"]);
    expect(Date.now() - stopping).toBeGreaterThanOrEqual(11_000);
  }, 60_000);
});
