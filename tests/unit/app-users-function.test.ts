/**
 * The application-users function against real servers: PostgreSQL 15 and MariaDB, each with a
 * master user that has an RDS master user's privileges (not a superuser). Alternating users:
 * rotation N sets a new password on the user the application does not hold; the other keeps
 * working until rotation N+1. The servers also speak TLS with a certificate of their own CA, so the
 * deployment package runs the production path: certificate verified, the CA trusted only through
 * NODE_EXTRA_CA_CERTS, as the function's environment sets it on Lambda.
 * Not run here: MySQL itself (the machine's mysqld is MariaDB); PostgreSQL 16 and later run in
 * app-users-postgres18.test.ts (PGlite), without the deployment package.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as mysql from "mysql2/promise";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functionCode, packageClosure } from "../../components/database/app-users-bundle";
import { handler, mysqlNativePasswordHash, POSTGRES_WAITS, type AppUsersEngine, type AppUsersEvent } from "../../components/database/app-users-function";
import { toolsAvailable } from "../helpers/system-tools";
import { POSTGRES_BIN, startMariadb, startPostgres, type ThrowawayDatabase } from "../helpers/throwaway-databases";

interface Engine {
  engine: AppUsersEngine;
  tools: string[];
  start(): Promise<ThrowawayDatabase>;
  /** Runs statements as a user; rejects when the login or a statement is refused. */
  run(db: ThrowawayDatabase, user: string, password: string, statements: string[]): Promise<unknown[]>;
  /** A session kept open (an instance's connection pool). */
  open(db: ThrowawayDatabase, user: string, password: string): Promise<{ query(sql: string): Promise<unknown>; close(): Promise<void> }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const postgres: Engine = {
  engine: "postgres",
  tools: [`${POSTGRES_BIN}/initdb`, `${POSTGRES_BIN}/pg_ctl`, "runuser", "openssl"],
  start: startPostgres,
  async run(db, user, password, statements) {
    const client = new Client({ host: db.host, port: db.port, database: db.database, user, password });
    await client.connect();
    try {
      const results = [];
      for (const sql of statements) results.push((await client.query(sql)).rows);
      return results;
    } finally {
      await client.end();
    }
  },
  async open(db, user, password) {
    const client = new Client({ host: db.host, port: db.port, database: db.database, user, password });
    await client.connect();
    return { query: async (sql) => (await client.query(sql)).rows, close: () => client.end() };
  },
};

const mariadb: Engine = {
  engine: "mariadb",
  tools: ["mariadbd", "mariadb-install-db", "runuser", "openssl"],
  start: startMariadb,
  async run(db, user, password, statements) {
    const connection = await mysql.createConnection({ host: db.host, port: db.port, database: db.database, user, password });
    try {
      const results = [];
      for (const sql of statements) results.push((await connection.query(sql))[0]);
      return results;
    } finally {
      await connection.end();
    }
  },
  async open(db, user, password) {
    const connection = await mysql.createConnection({ host: db.host, port: db.port, database: db.database, user, password });
    return { query: async (sql) => (await connection.query(sql))[0], close: () => connection.end() };
  },
};

const USERS: [string, string] = ["app_a", "app_b"];

function rotation(db: ThrowawayDatabase, engine: AppUsersEngine, username: string, password: string): AppUsersEvent {
  return { engine, host: db.host, port: db.port, database: db.database, master: db.master, users: USERS, ownerRole: "app_owner", current: { username, password }, tls: false };
}

for (const engine of [postgres, mariadb]) {
  describe.runIf(toolsAvailable(...engine.tools))(`application users on ${engine.engine}`, () => {
    let db: ThrowawayDatabase;
    const logsIn = (user: string, password: string) => engine.run(db, user, password, ["SELECT 1"]).then(() => true, () => false);

    beforeAll(async () => {
      db = await engine.start();
      // A table the application created as the master user before the application users existed.
      await engine.run(db, db.master.username, db.master.password, ["CREATE TABLE legacy (id INT PRIMARY KEY, note VARCHAR(20))", "INSERT INTO legacy VALUES (1, 'before')"]);
      // PostgreSQL: an ORM's enum and a domain, created by the master user too.
      if (engine.engine === "postgres") await engine.run(db, db.master.username, db.master.password, ["CREATE TYPE mood AS ENUM ('calm')", "CREATE DOMAIN positive AS INT CHECK (VALUE > 0)"]);
    }, 120_000);
    afterAll(async () => db?.stop(), 60_000);

    it("rotation 0 creates the first user, which can use the master user's existing tables", async () => {
      const result = await handler(rotation(db, engine.engine, "app_a", "password-a-1-xxxxxxxx"));
      expect(result.username).toBe("app_a");
      expect(JSON.stringify(result)).not.toContain("password-a-1");
      expect(await logsIn("app_a", "password-a-1-xxxxxxxx")).toBe(true);
      expect(await logsIn("app_b", "password-b-1-xxxxxxxx")).toBe(false);
      const [, rows] = await engine.run(db, "app_a", "password-a-1-xxxxxxxx", [
        "INSERT INTO legacy VALUES (2, 'by app_a')",
        "SELECT note FROM legacy ORDER BY id",
        // A migration: altering a table needs its ownership on PostgreSQL.
        "ALTER TABLE legacy ADD COLUMN extra INT",
      ]);
      expect(rows).toEqual([{ note: "before" }, { note: "by app_a" }]);
      // The instances not yet moved still log in as the master user: its tables stay theirs to use.
      const [, masterRows] = await engine.run(db, db.master.username, db.master.password, ["UPDATE legacy SET note = 'before' WHERE id = 1", "SELECT COUNT(*) AS n FROM legacy"]);
      expect(Number((masterRows as { n: unknown }[])[0]!.n)).toBe(2);
    });

    it.runIf(engine.engine === "postgres")("types and domains the master user created are alterable by the users", async () => {
      await engine.run(db, "app_a", "password-a-1-xxxxxxxx", ["ALTER TYPE mood ADD VALUE 'tense'", "ALTER DOMAIN positive SET DEFAULT 1", "CREATE TABLE feelings (m mood, p positive)"]);
      const [owners] = await engine.run(db, db.master.username, db.master.password, ["SELECT typname, typowner::regrole::text AS owner FROM pg_type WHERE typname IN ('mood', 'positive') ORDER BY typname"]);
      expect(owners).toEqual([{ typname: "mood", owner: "app_owner" }, { typname: "positive", owner: "app_owner" }]);
    });

    it("rotation 1 makes the second user current while the first keeps logging in", async () => {
      await handler(rotation(db, engine.engine, "app_b", "password-b-1-xxxxxxxx"));
      expect(await logsIn("app_b", "password-b-1-xxxxxxxx")).toBe(true);
      expect(await logsIn("app_a", "password-a-1-xxxxxxxx")).toBe(true);
    });

    it.runIf(engine.engine === "postgres")("the master user holds ADMIN OPTION on both users and the owner role (what PostgreSQL 16+ needs after an in-place upgrade)", async () => {
      const [version, grants] = await engine.run(db, db.master.username, db.master.password, [
        "SELECT current_setting('server_version_num')::int AS v, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser",
        `SELECT roleid::regrole::text AS role FROM pg_auth_members WHERE member = '${db.master.username}'::regrole AND admin_option ORDER BY 1`,
      ]);
      // On 15 nothing records the creator: only the function's grant gives the ADMIN rows.
      expect(version).toEqual([{ v: expect.any(Number), superuser: false }]);
      expect((version as { v: number }[])[0]!.v).toBeLessThan(160000);
      expect(grants).toEqual([{ role: "app_a" }, { role: "app_b" }, { role: "app_owner" }]);
    });

    it("objects created by either user are usable and alterable by the other", async () => {
      await engine.run(db, "app_a", "password-a-1-xxxxxxxx", ["CREATE TABLE made_by_a (id INT)", "INSERT INTO made_by_a VALUES (1)"]);
      await engine.run(db, "app_b", "password-b-1-xxxxxxxx", ["CREATE TABLE made_by_b (id INT)", "INSERT INTO made_by_b VALUES (1)"]);
      const [, countA] = await engine.run(db, "app_b", "password-b-1-xxxxxxxx", ["INSERT INTO made_by_a VALUES (2)", "SELECT COUNT(*) AS n FROM made_by_a", "ALTER TABLE made_by_a ADD COLUMN note VARCHAR(5)"]);
      const [, countB] = await engine.run(db, "app_a", "password-a-1-xxxxxxxx", ["INSERT INTO made_by_b VALUES (2)", "SELECT COUNT(*) AS n FROM made_by_b", "DROP TABLE made_by_b"]);
      expect(Number((countA as { n: unknown }[])[0]!.n)).toBe(2);
      expect(Number((countB as { n: unknown }[])[0]!.n)).toBe(2);
    });

    it("rotation 2 is refused while the first user still has sessions (an instance that did not move)", async () => {
      const straggler = await engine.open(db, "app_a", "password-a-1-xxxxxxxx");
      try {
        await expect(handler(rotation(db, engine.engine, "app_a", "password-a-2-xxxxxxxx"))).rejects.toThrow(/app_a still has 1 open session\(s\): instances still use it/);
        expect(await logsIn("app_a", "password-a-1-xxxxxxxx")).toBe(true);
        expect(await logsIn("app_a", "password-a-2-xxxxxxxx")).toBe(false);
      } finally {
        await straggler.close();
      }
    });

    it("rotation 2 changes the first user's password and leaves the second user's alone", async () => {
      await handler(rotation(db, engine.engine, "app_a", "password-a-2-xxxxxxxx"));
      expect(await logsIn("app_a", "password-a-2-xxxxxxxx")).toBe(true);
      expect(await logsIn("app_a", "password-a-1-xxxxxxxx")).toBe(false);
      expect(await logsIn("app_b", "password-b-1-xxxxxxxx")).toBe(true);
    });

    it("a rotation re-invoked with the same input changes nothing, also while the instances use that user", async () => {
      const instance = await engine.open(db, "app_a", "password-a-2-xxxxxxxx");
      try {
        expect(await handler(rotation(db, engine.engine, "app_a", "password-a-2-xxxxxxxx"))).toMatchObject({ passwordChanged: false });
        expect(await handler(rotation(db, engine.engine, "app_a", "password-a-2-xxxxxxxx"))).toMatchObject({ passwordChanged: false });
      } finally {
        await instance.close();
      }
      expect(await logsIn("app_a", "password-a-2-xxxxxxxx")).toBe(true);
      expect(await logsIn("app_b", "password-b-1-xxxxxxxx")).toBe(true);
      const [rows] = await engine.run(db, "app_a", "password-a-2-xxxxxxxx", ["SELECT id FROM legacy ORDER BY id"]);
      expect(rows).toEqual([{ id: 1 }, { id: 2 }]);
    });

    it("runs from its deployment package alone as Lambda runs it: TLS verified against the CAs NODE_EXTRA_CA_CERTS names, refused without them", async () => {
      const dir = mkdtempSync(join(tmpdir(), "app-users-package-"));
      try {
        writeFileSync(join(dir, "index.js"), functionCode());
        for (const [name, { folder }] of packageClosure()) cpSync(folder, join(dir, "node_modules", name), { recursive: true });
        // The event the deploy sends: no `tls` key, so the server's certificate is verified.
        const event: AppUsersEvent = { ...rotation(db, engine.engine, "app_a", "password-a-2-xxxxxxxx") };
        delete event.tls;
        const script = `require("./index.js").handler(${JSON.stringify(event)}).then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e.message); process.exit(1); })`;
        const invoke = (env: Record<string, string | undefined>) => new Promise<{ ok: boolean; out: string }>((resolve) => execFile(process.execPath, ["-e", script], { cwd: dir, env },
          (error, stdout, stderr) => resolve({ ok: !error, out: error ? stderr : stdout })));
        // The function's environment names the CA bundle (on Lambda, the RDS CAs; here the server's CA).
        const trusted = await invoke({ PATH: process.env["PATH"], NODE_EXTRA_CA_CERTS: db.caFile });
        expect(trusted.ok, trusted.out).toBe(true);
        expect(JSON.parse(trusted.out)).toMatchObject({ username: "app_a" });
        const untrusted = await invoke({ PATH: process.env["PATH"] });
        expect(untrusted).toMatchObject({ ok: false, out: expect.stringMatching(/certificate/i) });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);

    it("refuses to treat the master user as an application user", async () => {
      await expect(handler({ ...rotation(db, engine.engine, "app_admin", "password-x-xxxxxxxxx"), users: ["app_admin", "app_b"] })).rejects.toThrow(/master user/);
      expect(await logsIn(db.master.username, db.master.password)).toBe(true);
    });

    it("with open sessions allowed, a rotation changes the password of a user in use (existing sessions go on)", async () => {
      const instance = await engine.open(db, "app_b", "password-b-1-xxxxxxxx");
      try {
        await expect(handler(rotation(db, engine.engine, "app_b", "password-b-2-xxxxxxxx"))).rejects.toThrow(/open session/);
        expect(await handler({ ...rotation(db, engine.engine, "app_b", "password-b-2-xxxxxxxx"), allowOpenSessions: true })).toMatchObject({ passwordChanged: true });
        expect(await logsIn("app_b", "password-b-2-xxxxxxxx")).toBe(true);
        expect(await instance.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
      } finally {
        await instance.close();
      }
    });

    it("the new passwords never reach the server's logs", () => {
      const log = db.serverLog();
      expect(log).toMatch(engine.engine === "postgres" ? /ROLE "app_a" WITH LOGIN INHERIT PASSWORD 'SCRAM-SHA-256\$4096:/ : /USER 'app_a'@'%' IDENTIFIED BY PASSWORD '\*[0-9A-F]{40}'/);
      for (const password of ["password-a-1", "password-a-2", "password-b-1", "password-b-2"]) expect(log).not.toContain(password);
    });

    it.runIf(engine.engine === "mariadb")("the MariaDB hash is the server's own PASSWORD()", async () => {
      const [rows] = await engine.run(db, db.master.username, db.master.password, ["SELECT PASSWORD('Known-answer-1') AS hash"]);
      expect((rows as { hash: string }[])[0]!.hash).toBe(mysqlNativePasswordHash("Known-answer-1"));
    });

    it.runIf(engine.engine === "postgres")("a long transaction makes the ownership transfer give up after its lock waits, without stalling the application", async () => {
      // A report (or a pool's idle-in-transaction connection) of an instance still on the master user holds a table the transfer moves.
      await engine.run(db, db.master.username, db.master.password, ["CREATE TABLE report_source (id INT)"]);
      const report = await engine.open(db, db.master.username, db.master.password);
      const event = rotation(db, engine.engine, "app_a", "password-a-2-xxxxxxxx");
      let rotationOutcome: Promise<string>;
      let appQueryMs: Promise<number>;
      try {
        await report.query("BEGIN");
        await report.query("SELECT COUNT(*) FROM report_source");
        const started = Date.now();
        rotationOutcome = handler(event).then(() => "succeeded", (error: Error) => `${error.message} after ${Date.now() - started} ms`);
        await sleep(500);
        const sent = Date.now();
        appQueryMs = engine.run(db, db.master.username, db.master.password, ["SELECT COUNT(*) FROM report_source"]).then(() => Date.now() - sent);
        // Lock waits of 2 s, retried after 1, 2 and 4 s: about 15 s in all.
        const answered = await Promise.race([appQueryMs, sleep(8_000).then(() => Infinity)]);
        const outcome = await Promise.race([rotationOutcome, sleep(30_000).then(() => "still waiting after 30 s")]);
        expect(answered).toBeLessThan(Number.parseInt(POSTGRES_WAITS.lockTimeout, 10) * 1000 + 1500);
        expect(outcome).toMatch(new RegExp(`held a lock the rotation needs for more than 2s in each of ${POSTGRES_WAITS.attempts} attempts`));
      } finally {
        await report.query("COMMIT");
        await report.close();
      }
      await appQueryMs;
      await rotationOutcome;
      // Once the long transaction has ended, the same rotation goes through.
      expect(await handler(event)).toMatchObject({ transferred: 1 });
    }, 60_000);

    it("a rotation that fails half-way throws and leaves the user the application holds working", async () => {
      if (engine.engine === "postgres") {
        // The master user owns a new table, so the step reaches its ownership transfer, which this trigger refuses.
        await engine.run(db, db.master.username, db.master.password, ["CREATE TABLE later_by_master (id INT)"]);
        await db.asSuperuser(`CREATE FUNCTION refuse() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$;
          CREATE EVENT TRIGGER refuse_alter ON ddl_command_start WHEN TAG IN ('ALTER TABLE') EXECUTE FUNCTION refuse()`);
      } else {
        // The master user loses its GRANT OPTION: the user is created and its password set, the grant refused.
        await db.asSuperuser(`REVOKE GRANT OPTION ON *.* FROM ${db.master.username}@'%'`);
      }
      await expect(handler(rotation(db, engine.engine, "app_b", "password-b-3-xxxxxxxx"))).rejects.toThrow();
      // The secret still names app_a (its version waits for a successful invocation): it keeps working.
      expect(await logsIn("app_a", "password-a-2-xxxxxxxx")).toBe(true);
      if (engine.engine === "postgres") {
        // One transaction: nothing of the failed step remains.
        expect(await logsIn("app_b", "password-b-2-xxxxxxxx")).toBe(true);
        expect(await logsIn("app_b", "password-b-3-xxxxxxxx")).toBe(false);
      }
    });
  });
}
