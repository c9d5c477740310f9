/**
 * The application-users function's PostgreSQL steps on PostgreSQL 18, the newest major version
 * the platform offers, in PGlite (PostgreSQL compiled to WebAssembly, an npm package: the test
 * machines install PostgreSQL 15 only). PostgreSQL 16 changed role membership: a CREATEROLE user
 * is granted the roles it creates WITH ADMIN OPTION only (no INHERIT, no SET), and ALTER ... OWNER
 * TO needs SET ROLE to the new owner. PGlite has a single session, logged in as its superuser:
 * the steps run in a session switched to the master user with SET SESSION AUTHORIZATION (a
 * non-superuser with CREATEROLE, as on RDS), so every privilege check is the master user's. The
 * logins, the lock waits and the session check run against a real server in
 * app-users-function.test.ts.
 */
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPostgresRotation, handler, scramSha256Verifier, type AppUsersEvent, type PostgresSession } from "../../components/database/app-users-function";

/** The PGlite database of the running describe block (each opens its own in beforeAll). */
let pg: PGlite;
const session: PostgresSession = { query: (text, values) => pg.query<Record<string, unknown>>(text, values) };
const rows = async (sql: string) => (await pg.query<Record<string, unknown>>(sql)).rows;
const as = async (role: string) => pg.exec(`RESET ROLE; RESET SESSION AUTHORIZATION; SET SESSION AUTHORIZATION ${role}`);

/** Opens a new PGlite database and returns a rotation step of its master user `app_admin` making `current` the current user. */
async function openDatabase(current: AppUsersEvent["current"]): Promise<AppUsersEvent> {
  pg = await PGlite.create();
  const database = String((await rows("SELECT current_database() AS name"))[0]!["name"]);
  return {
    engine: "postgres", host: "unused", port: 5432, database, master: { username: "app_admin", password: "unused-here" },
    users: ["app_a", "app_b"], ownerRole: "app_owner", current,
  };
}

/**
 * Leaves the catalog of a database whose roles were created on PostgreSQL 15 or earlier and then
 * upgraded in place: built as the superuser, so the master user holds ADMIN OPTION on none of them.
 */
async function buildUpgradedCatalog(database: string): Promise<void> {
    await pg.exec(`CREATE ROLE app_admin LOGIN CREATEROLE; ALTER DATABASE ${database} OWNER TO app_admin;
      CREATE ROLE app_owner NOLOGIN; CREATE ROLE app_a LOGIN PASSWORD 'old-a-xxxxxxxx'; CREATE ROLE app_b LOGIN PASSWORD 'old-b-xxxxxxxx';
      GRANT app_owner TO app_admin; GRANT app_owner TO app_a; GRANT app_owner TO app_b;
      ALTER ROLE app_a SET role = 'app_owner'; ALTER ROLE app_b SET role = 'app_owner'`);
}

/** Expects the password stored for `role` to be a SCRAM-SHA-256 verifier of `expected`. */
async function expectPassword(role: string, expected: string): Promise<void> {
  const stored = String((await rows(`SELECT rolpassword FROM pg_authid WHERE rolname = '${role}'`))[0]!["rolpassword"]);
  const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(stored)!;
  expect(stored).toBe(scramSha256Verifier(expected, Buffer.from(salt!, "base64"), Number(iterations)));
}

describe("the application users' PostgreSQL steps on PostgreSQL 18 (PGlite)", () => {
  let event: AppUsersEvent;

  beforeAll(async () => {
    event = await openDatabase({ username: "app_a", password: "password-a-1-xxxxxxxx" });
    const database = event.database;
    // As on RDS: CREATEROLE, owner of the application's database, not a superuser.
    await pg.exec(`CREATE ROLE app_admin LOGIN CREATEROLE; ALTER DATABASE ${database} OWNER TO app_admin`);
    await as("app_admin");
    await pg.exec(`CREATE TABLE legacy (id INT PRIMARY KEY, note TEXT); INSERT INTO legacy VALUES (1, 'before');
      CREATE TYPE mood AS ENUM ('calm'); CREATE DOMAIN positive AS INT CHECK (VALUE > 0)`);
  }, 60_000);
  afterAll(async () => pg?.close());

  it("runs on PostgreSQL 18", async () => {
    expect(Number((await rows("SELECT current_setting('server_version_num') AS v"))[0]!["v"])).toBeGreaterThanOrEqual(180000);
  });

  it("rotation 0 moves the master user's objects to the owner role, and the master user keeps using them", async () => {
    await as("app_admin");
    expect(await applyPostgresRotation(session, event, true)).toBe(3); // legacy, mood, positive
    expect(await rows("SELECT relname, relowner::regrole::text AS owner FROM pg_class WHERE relname = 'legacy'")).toEqual([{ relname: "legacy", owner: "app_owner" }]);
    expect(await rows("SELECT typname, typowner::regrole::text AS owner FROM pg_type WHERE typname IN ('mood', 'positive') ORDER BY 1"))
      .toEqual([{ typname: "mood", owner: "app_owner" }, { typname: "positive", owner: "app_owner" }]);
    // The instances not yet moved log in as the master user: it reaches the tables without SET ROLE.
    await pg.exec("INSERT INTO legacy VALUES (2, 'by master'); UPDATE legacy SET note = 'before' WHERE id = 1");
    expect(await rows("SELECT count(*)::int AS n FROM legacy")).toEqual([{ n: 2 }]);
    expect(await rows("SELECT pg_has_role('app_admin', 'app_owner', 'USAGE') AS usage, pg_has_role('app_admin', 'app_owner', 'SET') AS set")).toEqual([{ usage: true, set: true }]);
  });

  it("the user acts as the owner role and alters what it owns, types included", async () => {
    await as("app_a");
    await pg.exec("SET ROLE app_owner; ALTER TABLE legacy ADD COLUMN extra INT; ALTER TYPE mood ADD VALUE 'tense'; ALTER DOMAIN positive SET DEFAULT 1; CREATE TABLE made_by_a (id INT)");
    expect(await rows("SELECT current_user AS acting, relowner::regrole::text AS owner FROM pg_class WHERE relname = 'made_by_a'")).toEqual([{ acting: "app_owner", owner: "app_owner" }]);
    await as("postgres");
    expect(await rows("SELECT setconfig FROM pg_db_role_setting WHERE setrole = 'app_a'::regrole")).toEqual([{ setconfig: ["role=app_owner"] }]);
  });

  it("stores a SCRAM-SHA-256 verifier of the password, the one the server computes itself", async () => {
    await as("postgres");
    const parse = (verifier: string) => /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(verifier)!;
    const stored = String((await rows("SELECT rolpassword FROM pg_authid WHERE rolname = 'app_a'"))[0]!["rolpassword"]);
    const [, iterations, salt] = parse(stored);
    expect(stored).toBe(scramSha256Verifier("password-a-1-xxxxxxxx", Buffer.from(salt!, "base64"), Number(iterations)));
    // Known answer: a password the server hashed from its plain text.
    await pg.exec("SET password_encryption = 'scram-sha-256'; CREATE ROLE known_answer PASSWORD 'Known-answer-1'");
    const theirs = String((await rows("SELECT rolpassword FROM pg_authid WHERE rolname = 'known_answer'"))[0]!["rolpassword"]);
    const [, theirIterations, theirSalt] = parse(theirs);
    expect(scramSha256Verifier("Known-answer-1", Buffer.from(theirSalt!, "base64"), Number(theirIterations))).toBe(theirs);
  });

  it("rotation 1 and a re-invocation of it leave the grants as they are", async () => {
    await as("app_admin");
    const rotation1 = { ...event, current: { username: "app_b", password: "password-b-1-xxxxxxxx" } };
    expect(await applyPostgresRotation(session, rotation1, true)).toBe(0);
    const grants = async () => rows("SELECT roleid::regrole::text AS role, member::regrole::text AS member, grantor::regrole::text AS grantor, admin_option, inherit_option, set_option FROM pg_auth_members WHERE roleid = 'app_owner'::regrole ORDER BY 2, 3");
    const before = await grants();
    expect(await applyPostgresRotation(session, rotation1, false)).toBe(0);
    expect(await grants()).toEqual(before);
    expect(before).toContainEqual({ role: "app_owner", member: "app_b", grantor: "app_admin", admin_option: false, inherit_option: true, set_option: true });
  });

  it("PostgreSQL refuses role names starting with pg_ (case-sensitive), and so does the function", async () => {
    await as("postgres");
    await expect(pg.exec("CREATE ROLE pg_shop_a")).rejects.toThrow(/reserved/);
    await pg.exec('CREATE ROLE "Pg_shop_a"');
    await expect(handler({ ...event, database: "pg_shop", users: ["pg_shop_a", "pg_shop_b"], ownerRole: "pg_shop_owner", current: { username: "pg_shop_a", password: "password-x-xxxxxxxx" } }))
      .rejects.toThrow(/PostgreSQL reserves role names starting with pg_ \(pg_shop_a\)/);
  });
});

/**
 * A database whose roles were created on PostgreSQL 15 or earlier and then upgraded in place to
 * 16+ (pg_upgrade carries the catalog as it is): the roles exist, the memberships granted on 15
 * have INHERIT and SET, and the master user holds ADMIN OPTION on none of them (15 records no
 * creator). The catalog is built as the superuser, which leaves exactly that.
 */
describe("application users created before an in-place upgrade to PostgreSQL 16+ (PGlite)", () => {
  let event: AppUsersEvent;

  beforeAll(async () => {
    event = await openDatabase({ username: "app_b", password: "password-b-2-xxxxxxxx" });
    await buildUpgradedCatalog(event.database);
  }, 60_000);
  afterAll(async () => pg?.close());

  const password = async (role: string) => String((await rows(`SELECT rolpassword FROM pg_authid WHERE rolname = '${role}'`))[0]!["rolpassword"]);

  it("refuses the step with what to do, and changes nothing, when PostgreSQL refuses the master user the ADMIN OPTION grant", async () => {
    await as("postgres");
    const before = await password("app_b");
    await as("app_admin");
    for (const setPassword of [true, false]) {
      const refusal = await applyPostgresRotation(session, event, setPassword).then(() => undefined, (error: Error) => error);
      expect(refusal?.message).toMatch(
        /the master user app_admin lacks ADMIN OPTION on role app_owner, which PostgreSQL 16 and later require.*PostgreSQL refused to grant it.*GRANT app_owner TO app_admin WITH ADMIN OPTION, then deploy again/);
      // The server was asked and said no: open-source PostgreSQL's own refusal.
      expect(refusal?.cause).toMatchObject({ code: "42501", message: 'permission denied to grant role "app_owner"' });
    }
    await as("postgres");
    expect(await password("app_b")).toBe(before);
    expect(await rows("SELECT count(*)::int AS n FROM pg_auth_members WHERE member = 'app_admin'::regrole AND admin_option")).toEqual([{ n: 0 }]);
  });

  it("names each role that lacks the grant", async () => {
    await as("postgres");
    await pg.exec("GRANT app_owner TO app_admin WITH ADMIN OPTION");
    await as("app_admin");
    await expect(applyPostgresRotation(session, event, true)).rejects.toThrow(/lacks ADMIN OPTION on role app_a,/);
  });

  it("rotates, and re-invokes, once the master user holds ADMIN OPTION on the users and the owner role", async () => {
    await as("postgres");
    await pg.exec("GRANT app_a, app_b TO app_admin WITH ADMIN OPTION");
    await as("app_admin");
    expect(await applyPostgresRotation(session, event, true)).toBe(0);
    expect(await applyPostgresRotation(session, event, false)).toBe(0);
    await as("postgres");
    await expectPassword("app_b", "password-b-2-xxxxxxxx");
  });
});

/**
 * The same upgraded catalog on a server that lets the master user grant itself ADMIN OPTION
 * although `pg_has_role` says it lacks it, as Amazon RDS 16+ was observed to do for members of
 * `rds_superuser` (gravitational/teleport PR #48897). Open-source PostgreSQL never does (its GRANT
 * and `pg_has_role` make the same `is_admin_of_role` test; see the first case of the block above),
 * so the session stands for RDS's rule: it carries out exactly that statement, the master user's
 * self-grant, with the bootstrap superuser's authority, and sends everything else to PostgreSQL
 * as the master user.
 */
describe("application users after an in-place upgrade, on a server that allows the master user's own ADMIN OPTION grant (PGlite)", () => {
  let event: AppUsersEvent;
  const selfGrants: string[] = [];
  const lenient: PostgresSession = {
    query: async (text, values) => {
      if (!/^GRANT "\w+" TO "app_admin" WITH ADMIN OPTION$/.test(text)) return session.query(text, values);
      selfGrants.push(text);
      await pg.exec(`SET SESSION AUTHORIZATION postgres; ${text}; SET SESSION AUTHORIZATION app_admin`);
      return { rows: [] };
    },
  };

  beforeAll(async () => {
    event = await openDatabase({ username: "app_b", password: "password-b-3-xxxxxxxx" });
    await buildUpgradedCatalog(event.database);
  }, 60_000);
  afterAll(async () => pg?.close());

  it("makes the grants the server allows and completes the rotation", async () => {
    await as("app_admin");
    expect(await rows("SELECT bool_or(pg_has_role('app_admin', r, 'MEMBER WITH ADMIN OPTION')) AS any FROM unnest(ARRAY['app_owner', 'app_a', 'app_b']) r")).toEqual([{ any: false }]);
    expect(await applyPostgresRotation(lenient, event, true)).toBe(0);
    expect(selfGrants).toEqual(["app_owner", "app_a", "app_b"].map((role) => `GRANT "${role}" TO "app_admin" WITH ADMIN OPTION`));
    await as("postgres");
    await expectPassword("app_b", "password-b-3-xxxxxxxx");
    // The next step finds the grants and asks for none.
    await as("app_admin");
    expect(await applyPostgresRotation(lenient, { ...event, current: { username: "app_a", password: "password-a-3-xxxxxxxx" } }, true)).toBe(0);
    expect(selfGrants).toHaveLength(3);
  });
});
