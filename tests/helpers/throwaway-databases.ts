/**
 * Real PostgreSQL and MariaDB servers for tests: each started in a temporary folder on a free
 * local port, with a master user that has what an RDS master user has (not a superuser), and
 * stopped afterwards. The servers run as the test's own user; as root (CI), as the system user
 * the Debian package created (`postgres`, `mysql`), since both refuse to run as root.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as mysql from "mysql2/promise";
import { Client } from "pg";
import { freePort } from "./free-port";

export const POSTGRES_BIN = "/usr/lib/postgresql/15/bin";

/** A running server and the master credentials on it. */
export interface ThrowawayDatabase {
  host: string;
  port: number;
  database: string;
  master: { username: string; password: string };
  /**
   * The certificate authority that signed the server's TLS certificate (for 127.0.0.1), as the
   * RDS CA bundle is for an RDS endpoint: clients verify the server against it.
   */
  caFile: string;
  /** Runs SQL as the server's superuser (for test setup only). */
  asSuperuser(sql: string): Promise<void>;
  /** What the server has logged so far: PostgreSQL logs every statement; MariaDB keeps its general and slow query logs (every statement is slow). */
  serverLog(): string;
  stop(): Promise<void>;
}


/** The system user to run a server as when the tests run as root, and a folder it owns. */
function serverFolder(prefix: string, systemUser: string): { dir: string; asUser: string[] } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (process.getuid?.() !== 0) return { dir, asUser: [] };
  const uid = Number(execFileSync("id", ["-u", systemUser]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", systemUser]).toString().trim());
  chownSync(dir, uid, gid);
  return { dir, asUser: ["runuser", "-u", systemUser, "--"] };
}

/**
 * A certificate authority and a server certificate for 127.0.0.1 it signed, in `dir` and owned
 * like it (the servers read their key as their own user). Both servers then accept TLS as well as
 * plain connections.
 */
function issueServerCertificate(dir: string): { caFile: string; certFile: string; keyFile: string } {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Throwaway test CA", "-keyout", file("ca.key"), "-out", file("ca.pem"));
  // Node.js checks an IP address against the certificate's IP subject alternative names only.
  writeFileSync(file("server.ext"), "subjectAltName=IP:127.0.0.1\n");
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", file("server.key"), "-out", file("server.csr"));
  openssl("x509", "-req", "-in", file("server.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"), "-CAcreateserial", "-days", "2",
    "-extfile", file("server.ext"), "-out", file("server.pem"));
  const { uid, gid } = statSync(dir);
  for (const name of ["server.pem", "server.key", "ca.pem"]) chownSync(file(name), uid, gid);
  return { caFile: file("ca.pem"), certFile: file("server.pem"), keyFile: file("server.key") };
}

function run(asUser: string[], command: string, args: string[]): void {
  const [file, ...rest] = [...asUser, command, ...args];
  execFileSync(file!, rest, { stdio: "pipe" });
}

async function waitFor(probe: () => Promise<void>, what: string, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      await probe();
      return;
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${what} did not start: ${String(last)}`);
}

/** PostgreSQL 15: password (SCRAM) logins over TCP, with or without TLS; the superuser over the socket without one. */
export async function startPostgres(): Promise<ThrowawayDatabase> {
  const { dir, asUser } = serverFolder("pg-", "postgres");
  const port = await freePort();
  const data = join(dir, "data");
  run(asUser, join(POSTGRES_BIN, "initdb"), ["-D", data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--no-sync"]);
  const tls = issueServerCertificate(dir);
  run(asUser, join(POSTGRES_BIN, "pg_ctl"), ["-D", data, "-l", join(dir, "log"), "-w", "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c ssl=on -c ssl_cert_file=${tls.certFile} -c ssl_key_file=${tls.keyFile} -c log_statement=all`, "start"]);
  const superuser = () => new Client({ host: dir, port, user: "postgres", database: "postgres" });
  const asSuperuser = async (sql: string, database = "postgres") => {
    const client = new Client({ host: dir, port, user: "postgres", database });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await waitFor(async () => {
    const client = superuser();
    await client.connect();
    await client.end();
  }, "postgres");
  const master = { username: "app_admin", password: "master-password-0123456789" };
  // As on RDS: CREATEROLE and CREATEDB, owner of the application's database, not a superuser.
  await asSuperuser(`CREATE ROLE ${master.username} LOGIN CREATEROLE CREATEDB PASSWORD '${master.password}'`);
  await asSuperuser(`CREATE DATABASE app OWNER ${master.username}`);
  // PostgreSQL 15: the public schema belongs to pg_database_owner, which the master is in as the database's owner.
  return {
    host: "127.0.0.1",
    port,
    database: "app",
    master,
    caFile: tls.caFile,
    asSuperuser: (sql) => asSuperuser(sql, "app"),
    serverLog: () => readFileSync(join(dir, "log"), "utf8"),
    stop: () => {
      run(asUser, join(POSTGRES_BIN, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/**
 * The privileges RDS gives the master user of a MySQL or MariaDB instance (Amazon RDS User
 * Guide, "Master user account privileges":
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.MasterAccounts.html).
 */
export const RDS_MYSQL_MASTER_PRIVILEGES = [
  "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "RELOAD", "PROCESS", "REFERENCES", "INDEX", "ALTER",
  "SHOW DATABASES", "CREATE TEMPORARY TABLES", "LOCK TABLES", "EXECUTE", "REPLICATION SLAVE", "REPLICATION CLIENT",
  "CREATE VIEW", "SHOW VIEW", "CREATE ROUTINE", "ALTER ROUTINE", "CREATE USER", "EVENT", "TRIGGER",
];

/** MariaDB: a fresh data folder, TCP on 127.0.0.1 with or without TLS, root by the socket. */
export async function startMariadb(): Promise<ThrowawayDatabase> {
  const { dir, asUser } = serverFolder("mariadb-", "mysql");
  const port = await freePort();
  const data = join(dir, "data");
  const socket = join(dir, "mysqld.sock");
  run(asUser, "mariadb-install-db", ["--no-defaults", `--datadir=${data}`, "--auth-root-authentication-method=normal", "--skip-test-db"]);
  const tls = issueServerCertificate(dir);
  const [file, ...rest] = [...asUser, "mariadbd", "--no-defaults", `--ssl-cert=${tls.certFile}`, `--ssl-key=${tls.keyFile}`, `--ssl-ca=${tls.caFile}`, `--datadir=${data}`, `--socket=${socket}`, `--port=${port}`, "--bind-address=127.0.0.1", `--pid-file=${join(dir, "pid")}`, "--skip-log-bin", "--innodb-buffer-pool-size=16M", `--log-error=${join(dir, "error.log")}`,
    "--general-log=1", `--general-log-file=${join(dir, "general.log")}`, "--slow-query-log=1", `--slow-query-log-file=${join(dir, "slow.log")}`, "--long-query-time=0"];
  const child = spawn(file, rest, { stdio: "ignore" });
  const root = () => mysql.createConnection({ socketPath: socket, user: "root", multipleStatements: true });
  await waitFor(async () => {
    const connection = await root();
    await connection.end();
  }, "mariadbd", child);
  const asSuperuser = async (sql: string) => {
    const connection = await root();
    try {
      await connection.query(sql);
    } finally {
      await connection.end();
    }
  };
  const master = { username: "app_admin", password: "master-password-0123456789" };
  await asSuperuser([
    "CREATE DATABASE app",
    `CREATE USER ${master.username}@'%' IDENTIFIED BY '${master.password}'`,
    `GRANT ${RDS_MYSQL_MASTER_PRIVILEGES.join(", ")} ON *.* TO ${master.username}@'%' WITH GRANT OPTION`,
  ].join(";"));
  return {
    host: "127.0.0.1",
    port,
    database: "app",
    master,
    caFile: tls.caFile,
    asSuperuser,
    serverLog: () => ["error.log", "general.log", "slow.log"].map((file) => join(dir, file)).filter((file) => existsSync(file)).map((file) => readFileSync(file, "utf8")).join("\n"),
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
