/**
 * The cloud-init user data of web and worker instances (Amazon Linux 2023): nginx in front of
 * the application container (web), or the container alone with its worker command (worker).
 * Secrets are never written here: only their references, resolved by the instance when a container
 * starts and every few minutes after (see docs/instance-runtime.md for the life of an instance).
 */
import { gzipSync } from "node:zlib";
import { stringify } from "yaml";
import type { Architecture } from "./args";
import { ENV_NAME, IMAGE_REFERENCE, SECRET_REFERENCE } from "./container-references";
import { renderHeartbeatScript } from "./heartbeat-script";
import { INSTANCE_LAYOUT, layoutFiles } from "./instance-layout";
import { renderDrainScript } from "./drain-script";
import { renderAppUnit, renderDrainUnit, renderTimerUnits } from "./instance-units";
import { renderRefreshScript } from "./refresh-script";
import { renderSecretsScript } from "./secrets-script";
import { DEFAULT_STOP_TIMEOUT_SECONDS, renderStartScript } from "./start-script";

export { shellQuote } from "./shell";
export { renderSecretsScript } from "./secrets-script";
export { renderStartScript } from "./start-script";
export { renderRefreshScript } from "./refresh-script";
export { renderHeartbeatScript } from "./heartbeat-script";
export { renderDrainScript } from "./drain-script";

/** The application container an instance runs. */
export interface AppContainer {
  /** Image reference, e.g. `ghcr.io/acme/site:1.4` or an ECR repository URI with a tag or digest. */
  image: string;
  /** Port the application listens on inside the container (web). */
  port: number;
  /** Command overriding the image's default (workers: e.g. `["celery", "-A", "app", "worker"]`). @default image default */
  command?: string[];
  /** Plain environment variables (never secrets). @default {} */
  env?: Record<string, string>;
  /**
   * Secret environment variables by reference: a Secrets Manager secret ARN (with `#key` to take
   * one key of a JSON secret), or an SSM parameter as `ssm:/path/name`. Resolved on the instance;
   * each also readable as the file `/run/secrets/<NAME>` in the container, kept current. @default {}
   */
  secrets?: Record<string, string>;
}

/** What the instance runs. */
export type InstanceRole = "web" | "worker";

export interface UserDataOptions {
  role: InstanceRole;
  region: string;
  /** CPU architecture of the instance: the image must be built for it. */
  architecture: Architecture;
  app: AppContainer;
  /** The nginx site (web instances). */
  nginxSite?: string;
  /** CloudWatch log group for the container's output. */
  appLogGroup: string;
  /** CloudWatch log group for nginx's access and error logs (web instances). */
  nginxLogGroup?: string;
  /** Seconds the container gets after SIGTERM before it is killed. @default 30 */
  stopTimeoutSeconds?: number;
  /** Application path the heartbeat probes on web instances (any HTTP answer counts). @default "/" */
  healthPath?: string;
}

export { ENV_NAME, IMAGE_REFERENCE, SECRET_REFERENCE } from "./container-references";

const FILES = layoutFiles(INSTANCE_LAYOUT);

/** Files the user data writes, for tests and for readers. */
export const PATHS = {
  startScript: FILES.startScript,
  secretsScript: FILES.secretsScript,
  refreshScript: FILES.refreshScript,
  heartbeatScript: FILES.heartbeatScript,
  drainScript: FILES.drainScript,
  appUnit: "/etc/systemd/system/tenant-app@.service",
  refreshService: "/etc/systemd/system/tenant-app-refresh.service",
  refreshTimer: "/etc/systemd/system/tenant-app-refresh.timer",
  heartbeatService: "/etc/systemd/system/tenant-app-heartbeat.service",
  heartbeatTimer: "/etc/systemd/system/tenant-app-heartbeat.timer",
  drainService: "/etc/systemd/system/tenant-app-drain.service",
  plainEnv: FILES.plainEnv,
  activeSlot: FILES.activeSlot,
  nginxMain: "/etc/nginx/nginx.conf",
  nginxSite: "/etc/nginx/conf.d/tenant.conf",
  nginxUpstream: INSTANCE_LAYOUT.nginxUpstream,
  cloudwatchAgent: "/opt/aws/amazon-cloudwatch-agent/etc/tenant.json",
} as const;

/** The packages cloud-init installs on an instance of a role (the user data's `packages`). */
export function instancePackages(role: InstanceRole): string[] {
  return ["docker", ...(role === "web" ? ["nginx", "amazon-cloudwatch-agent"] : [])];
}

/** The EC2 limit on user data: 16 KB before base64 (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html). */
export const USER_DATA_LIMIT_BYTES = 16 * 1024;

function validate(options: UserDataOptions): void {
  const { app } = options;
  if (!IMAGE_REFERENCE.test(app.image)) throw new RangeError(`image: "${app.image}" is not a container image reference`);
  // The scripts log in to ECR of the aws partition only; a China-partition role cannot be used there.
  if (/^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\.cn\//.test(app.image)) {
    throw new RangeError(`image: "${app.image}" is in an ECR registry of the AWS China partition, which instances of the aws partition cannot log in to`);
  }
  if (!Number.isInteger(app.port) || app.port < 1 || app.port > 65535) throw new RangeError(`port: ${app.port} is not a TCP port`);
  for (const [name, value] of Object.entries(app.env ?? {})) {
    if (!ENV_NAME.test(name)) throw new RangeError(`env: "${name}" is not an environment variable name`);
    if (/[\n\r\0]/.test(value)) throw new RangeError(`env: ${name} holds a line break, which an env file cannot carry`);
  }
  for (const [name, reference] of Object.entries(app.secrets ?? {})) {
    if (!ENV_NAME.test(name)) throw new RangeError(`secrets: "${name}" is not an environment variable name`);
    if (!SECRET_REFERENCE.test(reference)) {
      throw new RangeError(`secrets: ${name} must reference a Secrets Manager secret ARN or an SSM parameter as ssm:/path`);
    }
  }
  if (options.role === "web" && (!options.nginxSite || !options.nginxLogGroup)) {
    throw new RangeError("web instances need the nginx site and its log group");
  }
}

/** Open files each nginx worker may hold: a proxied connection takes two (client and upstream). */
export const NGINX_WORKER_CONNECTIONS = 4096;
export const NGINX_WORKER_FILES = 2 * NGINX_WORKER_CONNECTIONS;

/**
 * nginx's main file: the package's defaults reduced to what the site needs, and the site. The
 * open-file limit is raised with `worker_rlimit_nofile` (the default soft limit is 1024, below
 * the connections; nginx warns "worker_connections exceed open file resource limit").
 */
export function renderNginxMain(): string {
  return [
    "# Generated by tenant-platform.",
    "user nginx;",
    "worker_processes auto;",
    `worker_rlimit_nofile ${NGINX_WORKER_FILES};`,
    "error_log /var/log/nginx/error.log notice;",
    "pid /run/nginx.pid;",
    "include /usr/share/nginx/modules/*.conf;",
    `events { worker_connections ${NGINX_WORKER_CONNECTIONS}; }`,
    "http {",
    "    include /etc/nginx/mime.types;",
    "    default_type application/octet-stream;",
    "    sendfile on;",
    "    tcp_nopush on;",
    "    types_hash_max_size 4096;",
    `    include ${PATHS.nginxSite};`,
    "}",
    "",
  ].join("\n");
}

function cloudwatchAgentConfig(nginxLogGroup: string): string {
  const file = (path: string, stream: string) => ({
    file_path: path,
    log_group_name: nginxLogGroup,
    log_stream_name: `{instance_id}/${stream}`,
    retention_in_days: -1,
  });
  return `${JSON.stringify({
    agent: { run_as_user: "root" },
    logs: {
      logs_collected: {
        files: { collect_list: [file("/var/log/nginx/tenant-access.log", "nginx-access"), file("/var/log/nginx/tenant-error.log", "nginx-error")] },
      },
    },
  }, null, 2)}\n`;
}

/**
 * `content` without its comment lines, as the instance gets it: the scripts, units and nginx
 * configuration are documented in their source here, and their comments would take a tenth of
 * EC2's 16 KB. Kept: the first two lines (the shebang and the "Generated by" line) and
 * shellcheck directives. Only whole lines whose first non-blank character is `#` go; none of the
 * rendered files holds a here-document or a multi-line string where such a line would be data.
 */
export function withoutCommentLines(content: string): string {
  return content
    .split("\n")
    .filter((line, index) => index < 2 || !/^\s*#/.test(line) || /^\s*#\s*shellcheck\s/.test(line))
    .join("\n");
}

/** The whole user data: a `#cloud-config` document. Throws RangeError on invalid input. */
export function renderUserData(options: UserDataOptions): string {
  validate(options);
  const web = options.role === "web";
  // The SDKs in the container take the region from these (boto3 and kombu otherwise fall back to us-east-1).
  const plainEnv = Object.entries({
    ...options.app.env,
    AWS_REGION: options.region,
    AWS_DEFAULT_REGION: options.region,
    ...(web ? { PORT: String(options.app.port) } : {}),
  })
    .map(([name, value]) => `${name}=${value}\n`)
    .join("");
  const timers = renderTimerUnits();
  // Scripts and configs travel gzip-compressed (cloud-init's write_files `encoding: gz+b64`) to
  // stay within EC2's 16 KB; the plain env stays readable in the plan. No `owner`: cloud-init's
  // default is root:root (https://cloudinit.readthedocs.io/en/latest/reference/modules.html#write-files).
  const file = (path: string, content: string, permissions = "0644", defer = false) => {
    const shipped = withoutCommentLines(content);
    const compressed = gzipSync(Buffer.from(shipped, "utf8"), { level: 9 }).toString("base64");
    // A small file (a systemd unit) is shorter as it is than compressed and base64-encoded.
    const encoded = compressed.length < shipped.length ? { content: compressed, encoding: "gz+b64" } : { content: shipped };
    return { path, ...encoded, permissions, ...(defer ? { defer: true } : {}) };
  };
  const plain = (path: string, content: string) => ({ path, content, permissions: "0600" });
  const config = {
    packages: instancePackages(options.role),
    write_files: [
      plain(PATHS.plainEnv, plainEnv),
      plain(PATHS.activeSlot, "blue\n"),
      file(PATHS.startScript, renderStartScript(options), "0700"),
      file(PATHS.secretsScript, renderSecretsScript(options), "0700"),
      file(PATHS.refreshScript, renderRefreshScript(options), "0700"),
      file(PATHS.heartbeatScript, renderHeartbeatScript(options), "0700"),
      file(PATHS.drainScript, renderDrainScript(options), "0700"),
      file(PATHS.appUnit, renderAppUnit(options.stopTimeoutSeconds ?? DEFAULT_STOP_TIMEOUT_SECONDS)),
      file(PATHS.refreshService, timers.refreshService),
      file(PATHS.refreshTimer, timers.refreshTimer),
      file(PATHS.heartbeatService, timers.heartbeatService),
      file(PATHS.heartbeatTimer, timers.heartbeatTimer),
      file(PATHS.drainService, renderDrainUnit()),
      // Deferred until after the packages are installed, so nginx's package keeps its hands off.
      ...(web
        ? [
            file(PATHS.nginxMain, renderNginxMain(), "0644", true),
            file(PATHS.nginxUpstream, `server 127.0.0.1:${INSTANCE_LAYOUT.slotPorts.blue};\n`, "0644", true),
            file(PATHS.nginxSite, options.nginxSite!, "0644", true),
            file(PATHS.cloudwatchAgent, cloudwatchAgentConfig(options.nginxLogGroup!), "0644", true),
          ]
        : []),
    ],
    runcmd: [
      ["systemctl", "enable", "--now", "docker"],
      ["systemctl", "daemon-reload"],
      ["systemctl", "enable", "--now", "tenant-app@blue"],
      ["systemctl", "enable", "--now", "tenant-app-refresh.timer", "tenant-app-heartbeat.timer", "tenant-app-drain.service"],
      ...(web
        ? [
            ["systemctl", "enable", "--now", "nginx"],
            ["/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl", "-a", "fetch-config", "-m", "ec2", "-s", "-c", `file:${PATHS.cloudwatchAgent}`],
          ]
        : []),
    ],
  };
  const userData = `#cloud-config\n${stringify(config, { lineWidth: 0 })}`;
  const size = Buffer.byteLength(userData, "utf8");
  if (size > USER_DATA_LIMIT_BYTES) {
    throw new RangeError(`the user data takes ${size} bytes, above EC2's limit of ${USER_DATA_LIMIT_BYTES} (fewer or shorter env values and secrets)`);
  }
  return userData;
}
