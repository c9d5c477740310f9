/** The instances' cloud-init user data: valid cloud-config, shellcheck-clean scripts, no secrets. */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderNginxSite } from "../../components/web-tier/nginx-config";
import { APP_USER_DATA_BUDGET_BYTES, appUserDataBytes } from "../../tenant-schema/rules/app-rules";
import { PATHS, renderNginxMain, renderStartScript, renderUserData, shellQuote, USER_DATA_LIMIT_BYTES, withoutCommentLines, type UserDataOptions } from "../../components/web-tier/user-data";
import { toolsAvailable } from "../helpers/system-tools";
import { removeTempFolders, tempFolder } from "../helpers/temp-tenants";
import { writtenFiles } from "../../components/web-tier/cloud-config-files";

afterAll(removeTempFolders);

const SECRET_ARN = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:acme/db-AbCdEf";
const web: UserDataOptions = {
  role: "web",
  region: "eu-central-1",
  architecture: "arm64",
  app: {
    image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/acme/site:1.4",
    port: 8080,
    env: { APP_ENV: "production", GREETING: "it's \"quoted\" $HOME" },
    secrets: { DB_PASSWORD: SECRET_ARN, API_KEY: "ssm:/acme/api-key" },
  },
  nginxSite: renderNginxSite({ appPort: 8080, proxyCidrs: ["10.20.0.0/16"], cloudflareCidrs: ["173.245.48.0/20"] }),
  appLogGroup: "/tenant/acme/app",
  nginxLogGroup: "/tenant/acme/nginx",
};
const worker: UserDataOptions = {
  role: "worker",
  region: "eu-central-1",
  architecture: "arm64",
  app: { image: "ghcr.io/acme/site:1.4", port: 8080, command: ["celery", "-A", "acme", "worker", "--queues=default's"] },
  appLogGroup: "/tenant/acme/worker",
};

const filesOf = writtenFiles;

describe("user data", () => {
  it("is a cloud-config document with the files each role needs", () => {
    const webData = renderUserData(web);
    expect(webData.startsWith("#cloud-config\n")).toBe(true);
    expect(Object.keys(filesOf(webData)).sort()).toEqual(Object.values(PATHS).sort());
    expect(Object.keys(filesOf(renderUserData(worker))).sort()).toEqual([
      PATHS.plainEnv, PATHS.activeSlot, PATHS.startScript, PATHS.secretsScript, PATHS.refreshScript, PATHS.heartbeatScript, PATHS.appUnit,
      PATHS.refreshService, PATHS.refreshTimer, PATHS.heartbeatService, PATHS.heartbeatTimer, PATHS.drainScript, PATHS.drainService,
    ].sort());
    // The site as rendered, without its comment lines (they stay in the source, not in the 16 KB).
    expect(filesOf(webData)[PATHS.nginxSite]).toBe(withoutCommentLines(web.nginxSite!));
    expect(filesOf(webData)[PATHS.nginxSite]!.length).toBeLessThan(web.nginxSite!.length);
  });

  it("carries secret references, never secret values, and keeps plain env separate", () => {
    const files = filesOf(renderUserData(web));
    expect(files[PATHS.secretsScript]).toContain(`resolve_secret DB_PASSWORD '${SECRET_ARN}'`);
    expect(files[PATHS.secretsScript]).toContain("resolve_secret API_KEY 'ssm:/acme/api-key'");
    expect(files[PATHS.plainEnv]).toBe("APP_ENV=production\nGREETING=it's \"quoted\" $HOME\nAWS_REGION=eu-central-1\nAWS_DEFAULT_REGION=eu-central-1\nPORT=8080\n");
  });

  it("logs in to ECR only for ECR images, and publishes the port on loopback only for web", () => {
    const webScript = renderStartScript(web);
    expect(webScript).toContain("docker login --username AWS --password-stdin '123456789012.dkr.ecr.eu-central-1.amazonaws.com'");
    expect(webScript).toContain('-p "127.0.0.1:$HOST_PORT:8080"');
    const workerScript = renderStartScript(worker);
    expect(workerScript).not.toContain("docker login");
    expect(workerScript).not.toContain("-p ");
    expect(workerScript).toContain(`'celery' '-A' 'acme' 'worker' '--queues=default'\\''s'`);
  });

  it.each([
    [{ app: { ...web.app, image: "not an image" } }, 'image: "not an image" is not a container image reference'],
    [{ app: { ...web.app, image: "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/acme/site:1.4" } }, "is in an ECR registry of the AWS China partition"],
    [{ app: { ...web.app, secrets: { DB: "plain-text-password" } } }, "secrets: DB must reference a Secrets Manager secret ARN or an SSM parameter as ssm:/path"],
    [{ app: { ...web.app, env: { "BAD-NAME": "x" } } }, 'env: "BAD-NAME" is not an environment variable name'],
    [{ app: { ...web.app, env: { X: "a\nb" } } }, "env: X holds a line break, which an env file cannot carry"],
    [{ nginxSite: undefined }, "web instances need the nginx site and its log group"],
    [{ app: { ...web.app, env: { BIG: "x".repeat(4096), BIGGER: "y".repeat(4096), BIGGEST: "z".repeat(4096), MORE: "w".repeat(4096) } } },
      /the user data takes \d+ bytes, above EC2's limit of 16384/],
  ])("refuses %j", (override: Partial<UserDataOptions>, message: string | RegExp) => {
    expect(() => renderUserData({ ...web, ...override })).toThrow(message);
  });

  it("quotes words for bash", () => {
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
    expect(execFileSync("bash", ["-c", `printf %s ${shellQuote("it's $HOME `id`")}`], { encoding: "utf8" })).toBe("it's $HOME `id`");
  });
});

describe.runIf(toolsAvailable("cloud-init", "shellcheck"))("user data checked by real tools", () => {
  it.each([["web", web], ["worker", worker]])("%s passes cloud-init schema", (_role, options) => {
    const file = path.join(tempFolder(), "user-data.yaml");
    writeFileSync(file, renderUserData(options));
    const output = execFileSync("cloud-init", ["schema", "--config-file", file], { encoding: "utf8", stdio: "pipe" });
    expect(output).toContain("Valid cloud-config");
  });

  it.each([
    ["web", PATHS.startScript], ["worker", PATHS.startScript], ["web", PATHS.secretsScript], ["worker", PATHS.secretsScript],
    ["web", PATHS.refreshScript], ["worker", PATHS.refreshScript], ["web", PATHS.heartbeatScript], ["worker", PATHS.heartbeatScript],
    ["web", PATHS.drainScript], ["worker", PATHS.drainScript],
  ])("%s %s passes shellcheck", (role, script) => {
    const file = path.join(tempFolder(), path.basename(script));
    writeFileSync(file, filesOf(renderUserData(role === "web" ? web : worker))[script]!);
    expect(execFileSync("shellcheck", ["--shell=bash", "--severity=style", file], { encoding: "utf8" })).toBe("");
  });

  it("raises nginx's open-file limit above its connections (the 1024 default would warn and refuse connections)", () => {
    const dir = tempFolder();
    const main = renderNginxMain();
    const limits = main.split("\n").filter((line) => /^(worker_rlimit_nofile|events) /.test(line));
    expect(limits).toHaveLength(2);
    const test = (lines: string[]) => {
      writeFileSync(path.join(dir, "nginx.conf"), [`pid ${dir}/nginx.pid;`, `error_log ${dir}/error.log notice;`, ...lines, "http { }", ""].join("\n"));
      return execFileSync("bash", ["-c", `ulimit -n 1024 && nginx -t -p ${dir} -c ${dir}/nginx.conf 2>&1`], { encoding: "utf8" });
    };
    expect(test(limits.filter((line) => line.startsWith("events")))).toContain("worker_connections exceed open file resource limit: 1024");
    expect(test(limits)).not.toContain("exceed open file resource limit");
  });

  it("keeps a large tenant within EC2's 16 KB of user data (every Cloudflare range, many variables and secrets)", () => {
    const cidrs = [...Array.from({ length: 15 }, (_, i) => `173.245.${i}.0/20`), ...Array.from({ length: 7 }, (_, i) => `2400:cb00:${i}::/32`)];
    // As many variables and secrets as the tenant-file rule lets through (APP_USER_DATA_BUDGET_BYTES).
    const env = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`SETTING_${i}`, `value-of-setting-number-${i}-${"x".repeat(20)}`]));
    const secrets = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`SECRET_${i}`, `${SECRET_ARN}#key${i}`]));
    expect(appUserDataBytes({ ...web.app, env, secrets })).toBeLessThanOrEqual(APP_USER_DATA_BUDGET_BYTES);
    const userData = renderUserData({
      ...web,
      app: { ...web.app, env, secrets },
      nginxSite: renderNginxSite({ appPort: 8080, upstreamInclude: PATHS.nginxUpstream, proxyCidrs: ["10.20.0.0/16"], cloudflareCidrs: cidrs }),
    });
    expect(Buffer.byteLength(userData)).toBeLessThanOrEqual(USER_DATA_LIMIT_BYTES);
  });

  it("cloud-init schema catches a broken document (the check can fail)", () => {
    const file = path.join(tempFolder(), "user-data.yaml");
    writeFileSync(file, "#cloud-config\nwrite_files: not-a-list\n");
    expect(() => execFileSync("cloud-init", ["schema", "--config-file", file], { stdio: "pipe" })).toThrow();
  });
});
