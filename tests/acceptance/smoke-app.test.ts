/**
 * The smoke application's /health against real local services where the machine has them
 * (PostgreSQL 15 from Debian; redis-server when installed, a RESP stand-in otherwise) and a local
 * endpoint speaking the SQS, S3 and SES protocols to the app's real AWS SDK clients.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeAwsEndpoint, type FakeAwsEndpoint } from "../helpers/fake-aws-endpoint";
import { startFakeRedis } from "../helpers/fake-redis";
import { freePort, smokeAppInstalled, startSmokeApp, type RunningSmokeApp } from "../helpers/smoke-app";
import { hasTool, toolsAvailable } from "../helpers/system-tools";
import { POSTGRES_BIN, startPostgres, type ThrowawayDatabase } from "../helpers/throwaway-databases";

const CACHE_TOKEN = "cache-auth-token-0123456789abcdef";

/** redis-server on a free port with `requirepass` (the AUTH token), or the stand-in when it is not installed. */
async function startCache(): Promise<{ port: number; stop(): Promise<void> }> {
  if (!hasTool("redis-server")) {
    console.warn("NOTICE: redis-server is not installed (scripts/install-test-tools.sh installs it); the cache check runs against a RESP stand-in");
    return startFakeRedis(CACHE_TOKEN);
  }
  const port = await freePort();
  const child: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--requirepass", CACHE_TOKEN, "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      execFileSync("redis-cli", ["-p", String(port), "--no-auth-warning", "-a", CACHE_TOKEN, "ping"], { stdio: "pipe" });
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { port, stop: () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once("exit", () => resolve()), child.kill("SIGTERM")))) };
}

const ready = smokeAppInstalled() && toolsAvailable(`${POSTGRES_BIN}/initdb`, `${POSTGRES_BIN}/pg_ctl`, "openssl");

interface Health {
  ok: boolean;
  checks: Record<string, { status: string; detail: string; marker?: { token: string; writtenAt: string } }>;
  cloudflare: Record<string, string | null>;
}

describe.runIf(ready)("smoke application /health", () => {
  let db: ThrowawayDatabase;
  let cache: { port: number; stop(): Promise<void> };
  let aws: FakeAwsEndpoint;
  const apps: RunningSmokeApp[] = [];

  beforeAll(async () => {
    [db, cache, aws] = await Promise.all([startPostgres(), startCache(), startFakeAwsEndpoint()]);
    aws.buckets.add("canary-media");
    aws.verifiedIdentities.add("canary.example");
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await Promise.all([db?.stop(), cache?.stop(), aws?.stop()]);
  });

  /** The environment the platform sets for a tenant with every section (tenant-schema/platform-env.ts). */
  function platformEnv(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      AWS_REGION: "eu-central-1", AWS_DEFAULT_REGION: "eu-central-1",
      AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret-example",
      AWS_ENDPOINT_URL_SQS: aws.url, AWS_ENDPOINT_URL_S3: aws.url, AWS_ENDPOINT_URL_SESV2: aws.url,
      DATABASE_ENGINE: "postgres", DATABASE_HOST: db.host, DATABASE_PORT: String(db.port), DATABASE_NAME: db.database,
      DATABASE_USER: db.master.username, DATABASE_PASSWORD: db.master.password, DATABASE_READER_HOSTS: db.host, DATABASE_CA_FILE: db.caFile,
      CACHE_HOST: "127.0.0.1", CACHE_READER_HOST: "127.0.0.1", CACHE_PORT: String(cache.port), CACHE_TLS: "false", CACHE_AUTH_TOKEN: CACHE_TOKEN,
      TENANT_QUEUE_URL: `${aws.url}/123456789012/canary-queue`, TENANT_QUEUE_NAME: "canary-queue",
      MEDIA_BUCKET: "canary-media", MEDIA_BASE_URL: "https://media.canary.example",
      MAIL_FROM_DOMAIN: "canary.example", MAIL_REGION: "eu-central-1",
      ...overrides,
    };
  }

  async function health(env: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; body: Health; app: RunningSmokeApp }> {
    const app = await startSmokeApp(env);
    apps.push(app);
    const response = await fetch(`${app.url}/health`, { headers });
    return { status: response.status, body: (await response.json()) as Health, app };
  }

  it("reports every dependency green, with the Cloudflare headers it saw", async () => {
    const { status, body, app } = await health(platformEnv(), { "CF-Connecting-IP": "203.0.113.7", "CF-Ray": "8d2c0a1b2c3d4e5f-FRA" });
    expect(Object.fromEntries(Object.entries(body.checks).map(([name, c]) => [name, c.status])), app.output()).toEqual({
      database: "ok", replicas: "ok", cache: "ok", queue: "ok", bucket: "ok", mail: "ok",
    });
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.cloudflare).toMatchObject({ "cf-connecting-ip": "203.0.113.7", "cf-ray": "8d2c0a1b2c3d4e5f-FRA", "cf-ipcountry": null });
    // The marker row /health wrote is the newest one /marker reads (the restore drill's comparison).
    const marker = (await (await fetch(`${app.url}/marker?host=${db.host}`)).json()) as { token: string };
    expect(marker.token).toBe(body.checks["database"]!.marker!.token);
  });

  it("fails each dependency that refuses: database login, cache AUTH, missing bucket, unverified identity", async () => {
    const { status, body } = await health(platformEnv({
      DATABASE_PASSWORD: "wrong-password", CACHE_AUTH_TOKEN: "wrong-token", MEDIA_BUCKET: "no-such-bucket", MAIL_FROM_DOMAIN: "unverified.example",
    }));
    expect(status).toBe(503);
    expect(body.ok).toBe(false);
    expect(body.checks["database"]).toMatchObject({ status: "failed", detail: expect.stringMatching(/password authentication failed/) });
    expect(body.checks["replicas"]).toMatchObject({ status: "failed" });
    expect(body.checks["cache"]).toMatchObject({ status: "failed", detail: expect.stringMatching(/WRONGPASS|invalid password/i) });
    expect(body.checks["bucket"]).toMatchObject({ status: "failed", detail: expect.stringMatching(/bucket does not exist/i) });
    expect(body.checks["mail"]).toMatchObject({ status: "failed", detail: expect.stringMatching(/not verified for sending/) });
    expect(body.checks["queue"]).toMatchObject({ status: "ok" });
  });

  it("reports what it was not given as absent, and reads markers only from database hosts", async () => {
    const { status, body, app } = await health({ AWS_REGION: "eu-central-1" });
    expect(status).toBe(200);
    expect(Object.values(body.checks).map((c) => c.status)).toEqual(["absent", "absent", "absent", "absent", "absent", "absent"]);
    expect((await fetch(`${app.url}/marker`)).status).toBe(404);
    const withDb = await startSmokeApp(platformEnv());
    apps.push(withDb);
    const refused = await fetch(`${withDb.url}/marker?host=metadata.internal.example`);
    expect(refused.status).toBe(400);
  });
});
