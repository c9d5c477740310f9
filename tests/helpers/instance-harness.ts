/**
 * An instance on loopback: the rendered scripts in a temporary directory, run by bash with PATH
 * pointing at stand-ins for the AWS CLI v2, docker and systemctl (tests/helpers/instance-fakes),
 * and optionally real nginx (master process, so reloads work) in front of the fake containers.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { TestContext } from "vitest";
import type { InstanceLayout, Slot } from "../../components/web-tier/instance-layout";
import { renderAppUnit } from "../../components/web-tier/instance-units";
import { renderNginxSite } from "../../components/web-tier/nginx-config";
import type { RefreshTiming } from "../../components/web-tier/refresh-script";
import { DEFAULT_STOP_TIMEOUT_SECONDS } from "../../components/web-tier/start-script";
import {
  PATHS, renderDrainScript, renderHeartbeatScript, renderRefreshScript, renderSecretsScript, renderStartScript, renderUserData, type UserDataOptions,
} from "../../components/web-tier/user-data";
import { FakeMetadataService } from "./fake-imds";
import { freePort, get } from "./nginx-harness";
import { tempFolder } from "./temp-tenants";
import { writtenFiles } from "../../components/web-tier/cloud-config-files";

const run = promisify(execFile);
const FAKES = path.join(__dirname, "instance-fakes");

let python: string | undefined;
/** The interpreter itself: version-manager shims on PATH cost a second per call. */
function pythonExecutable(): string {
  python ??= execFileSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).trim();
  return python;
}

export interface AwsState {
  secrets?: Record<string, { SecretString: string } | { SecretBinary: string }>;
  /** Secrets that get a new current version after each read: the reads answer these in turn (the last one stays). */
  rotatingSecrets?: Record<string, { SecretString: string }[]>;
  parameters?: Record<string, string>;
  ecrPassword?: string;
  unreachable?: string[];
  instances?: string[];
  /** The Auto Scaling group of each instance (DescribeAutoScalingInstances). */
  groups?: Record<string, string>;
  /** Instances held in Terminating:Wait by a lifecycle hook of their group. */
  lifecycleWaits?: { instanceId: string; group: string; hook: string }[];
  /** Services that answer AccessDeniedException (a role without the permission). */
  denied?: string[];
  /** No credentials at all (an instance without a role). */
  noCredentials?: boolean;
}

export interface ImageRecord {
  Id: string;
  Architecture: string;
  Os?: string;
}

export interface AwsCall {
  service: string;
  operation: string;
  region: string | null;
  options: Record<string, string>;
  flags: string[];
  global: Record<string, string>;
  /** When the call was made (seconds since the epoch). */
  time: number;
}

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type ScriptName = "start" | "secrets" | "refresh" | "heartbeat" | "drain";

/** The instance id every fake instance has. */
export const INSTANCE_ID = "i-0123456789abcdef0";

export class FakeInstance {
  readonly dir: string;
  readonly layout: InstanceLayout;
  private readonly dockerDir: string;
  private readonly systemdDir: string;
  private nginx?: ChildProcess;
  private stopped = false;
  /**
   * How the fake containers' process behaves: FAKE_APP_BOOT_SECONDS (until it answers HTTP),
   * FAKE_TASK_SECONDS (the task it finishes after SIGTERM), FAKE_APP_EXIT_AFTER_SECONDS (it
   * crashes, exit 1, that long after starting; a list gives each start of a container its own,
   * and starts past the list keep running), FAKE_APP_RESPONSE_SECONDS (each answer takes that
   * long: a hanging dependency).
   */
  app: { bootSeconds?: number; taskSeconds?: number; exitAfterSeconds?: number | readonly number[]; responseSeconds?: number } = {};
  private nginxPort?: number;

  private constructor(readonly options: UserDataOptions, dir: string, layout: InstanceLayout, readonly metadata: FakeMetadataService) {
    this.dir = dir;
    this.layout = layout;
    this.dockerDir = path.join(dir, "docker");
    this.systemdDir = path.join(dir, "systemd");
  }

  /**
   * Renders the instance's scripts for `options` into a fresh directory; the instance stops when
   * the test that created it finishes. Nothing is shared between instances (directory, ports,
   * metadata service), so tests may run at the same time.
   * @param onTestFinished the creating test's own hook (its context's, which concurrent tests need).
   * @param refreshTiming the refresh script's waits. @default what every instance runs with
   */
  static async create(onTestFinished: TestContext["onTestFinished"], options: UserDataOptions, refreshTiming: RefreshTiming = {}): Promise<FakeInstance> {
    const dir = tempFolder();
    const metadata = await FakeMetadataService.start(INSTANCE_ID);
    const layout: InstanceLayout = {
      runDir: path.join(dir, "run", "tenant-app"),
      etcDir: path.join(dir, "etc", "tenant"),
      sbinDir: path.join(dir, "sbin"),
      nginxUpstream: path.join(dir, "nginx", "tenant-upstream.conf"),
      instanceIdFile: path.join(dir, "instance-id"),
      slotPorts: { blue: await freePort(), green: await freePort() },
      metadataUrl: metadata.url,
    };
    const instance = new FakeInstance(options, dir, layout, metadata);
    onTestFinished(() => instance.stop());
    for (const folder of [layout.etcDir, layout.sbinDir, path.dirname(layout.nginxUpstream), instance.dockerDir, instance.systemdDir, path.join(dir, "home"), path.join(dir, "bin")]) {
      mkdirSync(folder, { recursive: true });
    }
    symlinkSync(pythonExecutable(), path.join(dir, "bin", "python3"));
    const files = writtenFiles(renderUserData(options));
    writeFileSync(path.join(layout.etcDir, "app.env"), files[PATHS.plainEnv]!, { mode: 0o600 });
    writeFileSync(path.join(layout.etcDir, "active-slot"), files[PATHS.activeSlot]!);
    writeFileSync(layout.nginxUpstream, `server 127.0.0.1:${layout.slotPorts.blue};\n`);
    writeFileSync(layout.instanceIdFile, `${INSTANCE_ID}\n`);
    const scripts: Record<string, string> = {
      "tenant-app-start": renderStartScript(options, layout),
      "tenant-app-secrets": renderSecretsScript(options, layout),
      "tenant-app-refresh": renderRefreshScript(options, layout, refreshTiming),
      "tenant-app-heartbeat": renderHeartbeatScript(options, layout),
      "tenant-app-drain": renderDrainScript(options, layout),
    };
    for (const [name, text] of Object.entries(scripts)) writeFileSync(path.join(layout.sbinDir, name), text, { mode: 0o700 });
    // The unit's own ExecStop, with docker from PATH.
    const unit = renderAppUnit(options.stopTimeoutSeconds ?? DEFAULT_STOP_TIMEOUT_SECONDS, layout);
    const execStop = /^ExecStop=(.*)$/m.exec(unit)![1]!.replace("/usr/bin/docker", "docker").replace("%i", '"$1"');
    const stop = path.join(dir, "exec-stop");
    writeFileSync(stop, `#!/bin/bash\nexec ${execStop}\n`);
    // The unit itself, whose restart settings the fake systemctl applies.
    writeFileSync(path.join(instance.systemdDir, "tenant-app@.service"), unit);
    chmodSync(stop, 0o755);
    instance.setAws({});
    return instance;
  }

  /** The environment the scripts run with: the fakes first on PATH, loopback only. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      PATH: `${FAKES}:${path.join(this.dir, "bin")}:${process.env["PATH"]}`,
      HOME: path.join(this.dir, "home"),
      FAKE_AWS_STATE: path.join(this.dir, "aws-state.json"),
      FAKE_AWS_LOG: path.join(this.dir, "aws-calls.log"),
      FAKE_DOCKER_DIR: this.dockerDir,
      FAKE_HOST_ARCH: this.options.architecture === "arm64" ? "arm64" : "amd64",
      FAKE_SYSTEMD_DIR: this.systemdDir,
      FAKE_START_SCRIPT: path.join(this.layout.sbinDir, "tenant-app-start"),
      FAKE_EXEC_STOP: path.join(this.dir, "exec-stop"),
      FAKE_NGINX_PID: path.join(this.dir, "nginx", "nginx.pid"),
      FAKE_APP_BOOT_SECONDS: String(this.app.bootSeconds ?? 0),
      FAKE_TASK_SECONDS: String(this.app.taskSeconds ?? 0),
      // A list always goes with a comma (app.py reads one value as "after every start"); the 0 after it changes nothing.
      FAKE_APP_EXIT_AFTER_SECONDS: typeof this.app.exitAfterSeconds === "object" ? [...this.app.exitAfterSeconds, 0].join(",") : String(this.app.exitAfterSeconds ?? 0),
      FAKE_APP_RESPONSE_SECONDS: String(this.app.responseSeconds ?? 0),
      ...extra,
    };
  }

  setAws(state: AwsState): void {
    writeFileSync(path.join(this.dir, "aws-state.json"), JSON.stringify({ instances: [INSTANCE_ID], ...state }));
  }

  /** Images the registry serves by reference. */
  setRegistry(images: Record<string, ImageRecord>): void {
    writeFileSync(path.join(this.dockerDir, "registry.json"), JSON.stringify(images));
  }

  /** Images already on the instance. */
  setCache(images: Record<string, ImageRecord>): void {
    writeFileSync(path.join(this.dockerDir, "cache.json"), JSON.stringify(images));
  }

  /** `pullFails`: the registry (or the NAT, or the token) is unreachable; `pullSeconds`: a pull takes that long. */
  setDocker(behaviour: { pullFails?: boolean; pullSeconds?: number }): void {
    writeFileSync(path.join(this.dockerDir, "behaviour.json"), JSON.stringify(behaviour));
  }

  awsCalls(): AwsCall[] {
    return lines(path.join(this.dir, "aws-calls.log")).map((line) => JSON.parse(line) as AwsCall);
  }

  dockerCalls(): { args: string[]; dockerConfig: string | null }[] {
    return lines(path.join(this.dockerDir, "calls.log")).map((line) => JSON.parse(line) as { args: string[]; dockerConfig: string | null });
  }

  systemctlCalls(): string[] {
    return lines(path.join(this.systemdDir, "calls.log"));
  }

  /** The record fake docker keeps of a container, and what its process noted (started, ready, sigterm, drained, killed). */
  container(slot: Slot): { record?: Record<string, unknown>; events: string[]; timeline: { event: string; time: number }[] } {
    const file = path.join(this.dockerDir, "containers", `tenant-app-${slot}.json`);
    const timeline = lines(`${file}.events`).map((line) => JSON.parse(line) as { event: string; time: number });
    const record = readFileIfAny(file);
    return {
      record: record ? (JSON.parse(record) as Record<string, unknown>) : undefined,
      events: timeline.map((entry) => entry.event),
      timeline,
    };
  }

  /** Runs one of the scripts to its end (bounded). */
  async script(name: ScriptName, args: string[] = [], extraEnv: Record<string, string> = {}, timeoutMs = 60_000): Promise<ScriptResult> {
    try {
      const { stdout, stderr } = await run("bash", [path.join(this.layout.sbinDir, `tenant-app-${name}`), ...args], {
        env: this.env(extraEnv), timeout: timeoutMs, killSignal: "SIGKILL",
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    }
  }

  /** `systemctl start tenant-app@<slot>` as the unit would: the start script in the background. */
  async systemctl(...args: string[]): Promise<void> {
    await run(path.join(FAKES, "systemctl"), args, { env: this.env(), timeout: 60_000 });
  }

  /** What the fake `systemctl` prints for `args` (e.g. `show -p ActiveState --value tenant-app@blue`). */
  async systemctlOutput(...args: string[]): Promise<string> {
    return (await run(path.join(FAKES, "systemctl"), args, { env: this.env(), timeout: 60_000 })).stdout;
  }

  /**
   * Waits until the slot's container answers HTTP (web) or runs (worker).
   * @param eventsBefore how many events the slot's earlier containers noted: after a restart, the
   * new container's count. @default 0
   */
  async waitForSlot(slot: Slot, timeoutMs = 20_000, eventsBefore = 0): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.container(slot).events.slice(eventsBefore).includes(this.options.role === "web" ? "ready" : "started")) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`slot ${slot} did not start: ${readFileIfAny(path.join(this.systemdDir, `${slot}.log`))}`);
  }

  /** Real nginx (master process, so `systemctl reload nginx` works) with the site fronting the slots. */
  async startNginx(): Promise<number> {
    const dir = path.join(this.dir, "nginx");
    const port = await freePort();
    const site = renderNginxSite({
      listenPort: port, appPort: this.options.app.port, upstreamInclude: this.layout.nginxUpstream,
      proxyCidrs: ["127.0.0.0/8"], cloudflareCidrs: ["173.245.48.0/20"],
      accessLog: path.join(dir, "access.log"), errorLog: path.join(dir, "error.log"),
    }).replace(`listen ${port} default_server;`, `listen 127.0.0.1:${port} default_server;`);
    writeFileSync(path.join(dir, "site.conf"), site);
    writeFileSync(path.join(dir, "nginx.conf"), [
      "daemon off;", "worker_processes 1;", `pid ${dir}/nginx.pid;`, `error_log ${dir}/main-error.log warn;`,
      "events { worker_connections 256; }",
      "http {",
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `    ${t}_temp_path ${dir}/${t};`),
      `    include ${dir}/site.conf;`,
      "}", "",
    ].join("\n"));
    this.nginx = spawn("nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: "ignore" });
    this.nginxPort = port;
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await get(port, "/nginx-health");
        return port;
      } catch (error) {
        if (Date.now() > deadline || this.nginx.exitCode !== null) throw new Error("nginx did not start", { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  /** The fake AWS state as the calls left it. */
  awsState(): AwsState {
    return JSON.parse(readFileSync(path.join(this.dir, "aws-state.json"), "utf8")) as AwsState;
  }

  /**
   * Stops nginx, every container the fakes started and the metadata service (once; later calls do
   * nothing). A recorded process id that now names another test's process is left alone: process
   * ids are reused, and other tests' instances may run at the same time.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.metadata.close();
    for (const slot of ["blue", "green"] as const) {
      const record = path.join(this.dockerDir, "containers", `tenant-app-${slot}.json`);
      const pid = this.container(slot).record?.["pid"];
      if (typeof pid === "number" && !isOtherProcess(pid, `FAKE_CONTAINER_RECORD=${record}`)) killIfAlive(pid);
      // The supervisor leads the unit's process group (the group's id is not reused while a member
      // lives); right after `systemctl start` it may not have called setsid yet, so it is signalled
      // itself as well.
      const starter = Number(readFileIfAny(path.join(this.systemdDir, `${slot}.pid`)).trim());
      if (starter > 0 && !isOtherProcess(starter, `FAKE_SYSTEMD_DIR=${this.systemdDir}`)) {
        killIfAlive(-starter);
        killIfAlive(starter);
      }
    }
    const nginx = this.nginx;
    if (nginx && nginx.exitCode === null) {
      await new Promise<void>((resolve) => {
        nginx.once("exit", () => resolve());
        nginx.kill("SIGQUIT");
      });
    }
  }

  get port(): number {
    if (this.nginxPort === undefined) throw new Error("nginx is not running");
    return this.nginxPort;
  }
}

/**
 * Whether `pid` names a live process whose environment lacks `variable` (NAME=value): a process of
 * someone else that took over the id. A process that is gone, or a zombie (its id stays taken, its
 * environment reads empty), is not another process.
 */
function isOtherProcess(pid: number, variable: string): boolean {
  let environment: string;
  try {
    environment = readFileSync(`/proc/${pid}/environ`, "latin1");
  } catch (error) {
    // No /proc entry: the process is gone. Any other error (another user's process): hands off.
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
  return environment !== "" && !environment.split("\0").includes(variable);
}

/** SIGKILL to a process (or, negative, a process group) that may have exited already. */
function killIfAlive(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/**
 * The file's text, or "" when there is none. One read, no check before it: the fakes remove files
 * (a restart's `docker rm`, a stopped unit's pid file) at any moment.
 */
function readFileIfAny(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw error;
  }
}

function lines(file: string): string[] {
  return readFileIfAny(file).split("\n").filter((line) => line.length > 0);
}
