// Each dependency the platform gives the container, checked for real: a write and a read where
// the dependency stores anything. Variable names: tenant-schema/platform-env.ts and
// docs/instance-runtime.md (DATABASE_*, CACHE_*, TENANT_QUEUE_URL, MEDIA_BUCKET, MAIL_*).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

/** @typedef {{ status: "ok" | "failed" | "absent", detail: string, ms: number, [key: string]: unknown }} CheckResult */

/** Runs `work` and times it; a thrown error becomes a failed result naming it. */
async function timed(work) {
  const started = Date.now();
  try {
    const result = await work();
    return { status: "ok", ...result, ms: Date.now() - started };
  } catch (error) {
    return { status: "failed", detail: String(error?.message ?? error), ms: Date.now() - started };
  }
}

const absent = (what) => ({ status: "absent", detail: `${what} not given to this container`, ms: 0 });

/**
 * TLS for the database: RDS presents a certificate of the RDS CA, verified against the bundle the
 * image carries (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html).
 * DATABASE_CA_FILE names another bundle (tests: a throwaway CA). @default /app/rds-global-bundle.pem
 */
function databaseTls(env) {
  const file = env.DATABASE_CA_FILE ?? "/app/rds-global-bundle.pem";
  return { ca: readFileSync(file, "utf8"), rejectUnauthorized: true };
}

/** One connection to `host` with the application's user; `query(sql, params)` returns rows. */
async function connect(env, host) {
  const port = Number(env.DATABASE_PORT);
  const common = { host, port, user: env.DATABASE_USER, password: env.DATABASE_PASSWORD, database: env.DATABASE_NAME, ssl: databaseTls(env) };
  if (env.DATABASE_ENGINE === "postgres") {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ ...common, connectionTimeoutMillis: 5000 });
    await client.connect();
    return { query: async (sql, params) => (await client.query(sql.replace(/\?/g, (_, i) => `$${sqlIndex(sql, i)}`), params)).rows, close: () => client.end() };
  }
  const mysql = await import("mysql2/promise");
  const connection = await mysql.createConnection({ ...common, connectTimeout: 5000, timezone: "Z" });
  return { query: async (sql, params) => (await connection.query(sql, params))[0], close: () => connection.end() };
}

/** The 1-based number of the `?` at offset `at` (PostgreSQL numbers its placeholders). */
function sqlIndex(sql, at) {
  return sql.slice(0, at + 1).split("?").length - 1;
}

const MARKER_TABLE = "acceptance_marker";

function createMarkerTable(engine) {
  return engine === "postgres"
    ? `CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (token varchar(64) PRIMARY KEY, written_at timestamptz NOT NULL)`
    : `CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (token varchar(64) PRIMARY KEY, written_at datetime(3) NOT NULL)`;
}

/** The newest marker row on `host`, or undefined when there is none. */
export async function latestMarker(env, host) {
  const db = await connect(env, host);
  try {
    const rows = await db.query(`SELECT token, written_at FROM ${MARKER_TABLE} ORDER BY written_at DESC LIMIT 1`, []);
    const row = rows[0];
    return row ? { token: row.token, writtenAt: new Date(row.written_at).toISOString() } : undefined;
  } finally {
    await db.close();
  }
}

/** Database: connect, write a marker row, read it back. */
export async function checkDatabase(env) {
  if (!env.DATABASE_HOST) return absent("DATABASE_HOST");
  return timed(async () => {
    const db = await connect(env, env.DATABASE_HOST);
    try {
      await db.query(createMarkerTable(env.DATABASE_ENGINE), []);
      const token = randomUUID();
      const writtenAt = new Date();
      await db.query(`INSERT INTO ${MARKER_TABLE} (token, written_at) VALUES (?, ?)`, [token, writtenAt]);
      const rows = await db.query(`SELECT token FROM ${MARKER_TABLE} WHERE token = ?`, [token]);
      if (rows.length !== 1) throw new Error(`marker ${token} written but not read back`);
      return { detail: `${env.DATABASE_ENGINE} at ${env.DATABASE_HOST}: marker written and read`, marker: { token, writtenAt: writtenAt.toISOString() } };
    } finally {
      await db.close();
    }
  });
}

/** Read replicas (DATABASE_READER_HOSTS, comma-separated): each one answers a read. */
export async function checkReplicas(env) {
  const hosts = (env.DATABASE_READER_HOSTS ?? "").split(",").filter(Boolean);
  if (hosts.length === 0) return absent("DATABASE_READER_HOSTS");
  return timed(async () => {
    for (const host of hosts) {
      const db = await connect(env, host);
      try {
        await db.query("SELECT 1 AS one", []);
      } finally {
        await db.close();
      }
    }
    return { detail: `${hosts.length} replica(s) answered: ${hosts.join(", ")}` };
  });
}

/**
 * Cache: AUTH with CACHE_AUTH_TOKEN, SET then GET. ElastiCache with in-transit encryption needs
 * TLS (CACHE_TLS=true, https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html).
 */
export async function checkCache(env) {
  if (!env.CACHE_HOST) return absent("CACHE_HOST");
  return timed(async () => {
    const { Redis } = await import("ioredis");
    const redis = new Redis({
      host: env.CACHE_HOST, port: Number(env.CACHE_PORT), password: env.CACHE_AUTH_TOKEN,
      ...(env.CACHE_TLS === "true" ? { tls: { servername: env.CACHE_HOST } } : {}),
      lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5000, retryStrategy: () => null,
    });
    // ioredis reports a refused AUTH as an "error" event, then only "Connection is closed".
    let refusal;
    redis.on("error", (error) => (refusal = error));
    try {
      await redis.connect().catch((error) => {
        throw refusal ?? error;
      });
      const key = `acceptance:${randomUUID()}`;
      await redis.set(key, "marker", "EX", 60);
      const value = await redis.get(key);
      if (value !== "marker") throw new Error(`GET ${key} returned ${JSON.stringify(value)}`);
      await redis.del(key);
      return { detail: `SET and GET with AUTH at ${env.CACHE_HOST}:${env.CACHE_PORT}` };
    } finally {
      redis.disconnect();
    }
  });
}

/** Queue (TENANT_QUEUE_URL): SendMessage, ReceiveMessage of that message, DeleteMessage. */
export async function checkQueue(env) {
  if (!env.TENANT_QUEUE_URL) return absent("TENANT_QUEUE_URL");
  return timed(async () => {
    const { SQSClient, SendMessageCommand, ReceiveMessageCommand, DeleteMessageCommand } = await import("@aws-sdk/client-sqs");
    const sqs = new SQSClient({ region: env.AWS_REGION });
    const body = `acceptance ${randomUUID()}`;
    await sqs.send(new SendMessageCommand({ QueueUrl: env.TENANT_QUEUE_URL, MessageBody: body }));
    for (let attempt = 0; attempt < 3; attempt++) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: env.TENANT_QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 5 }));
      const mine = Messages.find((m) => m.Body === body);
      if (mine) {
        await sqs.send(new DeleteMessageCommand({ QueueUrl: env.TENANT_QUEUE_URL, ReceiptHandle: mine.ReceiptHandle }));
        return { detail: `sent, received and deleted a message on ${env.TENANT_QUEUE_URL}` };
      }
    }
    throw new Error(`the message sent to ${env.TENANT_QUEUE_URL} was not received`);
  });
}

/**
 * Media bucket (MEDIA_BUCKET): PutObject, GetObject, DeleteObject. An endpoint of its own
 * (AWS_ENDPOINT_URL_S3, the SDK's service-specific endpoint variable) is addressed path-style.
 */
export async function checkBucket(env) {
  if (!env.MEDIA_BUCKET) return absent("MEDIA_BUCKET");
  return timed(async () => {
    const { S3Client, PutObjectCommand, GetObjectCommand, DeleteObjectCommand } = await import("@aws-sdk/client-s3");
    const s3 = new S3Client({ region: env.AWS_REGION, forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3) });
    const key = `acceptance/${randomUUID()}.txt`;
    const body = `marker ${key}`;
    await s3.send(new PutObjectCommand({ Bucket: env.MEDIA_BUCKET, Key: key, Body: body }));
    const got = await (await s3.send(new GetObjectCommand({ Bucket: env.MEDIA_BUCKET, Key: key }))).Body.transformToString();
    await s3.send(new DeleteObjectCommand({ Bucket: env.MEDIA_BUCKET, Key: key }));
    if (got !== body) throw new Error(`GetObject ${key} returned other content than was put`);
    return { detail: `put, got and deleted s3://${env.MEDIA_BUCKET}/${key}` };
  });
}

/** Mail (MAIL_FROM_DOMAIN in MAIL_REGION): SES GetEmailIdentity says verified for sending. */
export async function checkMail(env) {
  if (!env.MAIL_FROM_DOMAIN) return absent("MAIL_FROM_DOMAIN");
  return timed(async () => {
    const { SESv2Client, GetEmailIdentityCommand } = await import("@aws-sdk/client-sesv2");
    const ses = new SESv2Client({ region: env.MAIL_REGION ?? env.AWS_REGION });
    const identity = await ses.send(new GetEmailIdentityCommand({ EmailIdentity: env.MAIL_FROM_DOMAIN }));
    if (identity.VerifiedForSendingStatus !== true) throw new Error(`SES identity ${env.MAIL_FROM_DOMAIN} is not verified for sending`);
    return { detail: `SES identity ${env.MAIL_FROM_DOMAIN} verified for sending` };
  });
}

/** The request headers Cloudflare adds (https://developers.cloudflare.com/fundamentals/reference/http-headers/). */
export const CLOUDFLARE_HEADERS = ["cf-connecting-ip", "cf-ray", "cf-ipcountry", "cf-visitor", "x-forwarded-proto"];

/** Every check, with `ok` true when none failed. */
export async function healthReport(env, requestHeaders) {
  const checks = {
    database: await checkDatabase(env),
    replicas: await checkReplicas(env),
    cache: await checkCache(env),
    queue: await checkQueue(env),
    bucket: await checkBucket(env),
    mail: await checkMail(env),
  };
  const cloudflare = Object.fromEntries(CLOUDFLARE_HEADERS.map((name) => [name, requestHeaders[name] ?? null]));
  return { ok: Object.values(checks).every((c) => c.status !== "failed"), checks, cloudflare };
}
