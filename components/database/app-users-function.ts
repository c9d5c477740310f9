/**
 * The code of the application-users function: a Lambda function in the tenant's network that
 * creates and rotates the two database users the application takes turns with (Secrets
 * Manager's "alternating users" strategy,
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotation-strategy.html#rotating-secrets-two-users).
 *
 * One invocation is one rotation step: it sets the new password on the user named in `current`
 * (the one the application does NOT hold at that moment), gives it the application's privileges,
 * then logs in as it to prove the password works ("testSecret"). Only after it has returned does
 * the deploy point the application secret at that user ("finishSecret": the secret version
 * depends on the invocation). The other user is not touched, so the credentials the instances
 * still hold keep working until the next rotation.
 *
 * It runs with the master credentials it is given in the event (a Pulumi secret in the
 * invocation's input), so it needs no access to Secrets Manager and no route out of the VPC.
 * The file is self-contained (it imports only `pg`, `mysql2` and Node.js's own modules): the
 * component transpiles it into the function's `index.js` (see app-users-bundle.ts), and the tests
 * run it against real PostgreSQL 15 and MariaDB servers, and its PostgreSQL steps against
 * PostgreSQL 18 in PGlite.
 *
 * Before it changes a password it checks that nobody is logged in as that user: the instances
 * should have moved to the other user at the previous rotation, and a user still in use would see
 * its new connections fail. A rotation re-invoked with the password already set changes nothing
 * and skips that check (it logs in with the new password first).
 *
 * The new password never appears in a statement the server could log (on a failure, a slow
 * statement or a statement log): PostgreSQL gets a SCRAM-SHA-256 verifier, MariaDB a
 * mysql_native_password hash. MySQL 8 accepts no pre-hashed password for its default plugin
 * (`caching_sha2_password`) and gets the password itself, which the server rewrites in its general,
 * slow and binary logs ("Password Management" / "Passwords and Logging":
 * https://dev.mysql.com/doc/refman/8.0/en/password-logging.html).
 *
 * What an RDS master user may do here:
 * - PostgreSQL: the master user has CREATEROLE and is a member of `rds_superuser`, not a
 *   superuser; it creates roles, grants membership and changes the owner of objects it owns
 *   (Amazon RDS User Guide, "Understanding PostgreSQL roles and permissions":
 *   https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.PostgreSQL.CommonDBATasks.Roles.html).
 *   ALTER ... OWNER TO needs the caller to be a member of the new owner role up to 15, and from 16
 *   on to be able to SET ROLE to it (https://www.postgresql.org/docs/16/sql-altertable.html),
 *   hence `GRANT owner TO master` (see `ensureMembership`).
 * - MySQL and MariaDB: the master user holds CREATE USER and the database privileges WITH GRANT
 *   OPTION (not SUPER), so it can create users and grant them all privileges on one database
 *   (Amazon RDS User Guide, "Master user account privileges":
 *   https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.MasterAccounts.html).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import * as mysql from "mysql2/promise";
import { Client, escapeIdentifier, escapeLiteral } from "pg";

/** The engines RDS runs that the function speaks to. */
export type AppUsersEngine = "postgres" | "mysql" | "mariadb";

/** One rotation step, as the deploy sends it (the invocation's input). */
export interface AppUsersEvent {
  engine: AppUsersEngine;
  /** Writer address and port of the database. */
  host: string;
  port: number;
  /** The application's database. */
  database: string;
  /** The master credentials the function acts with. */
  master: { username: string; password: string };
  /** The two users that take turns; `current.username` is one of them. */
  users: [string, string];
  /** PostgreSQL: the NOLOGIN role both users act as, which owns what either creates. Unused on MySQL and MariaDB. */
  ownerRole: string;
  /** The user to make current and its new password (printable ASCII, 8 characters or more). */
  current: { username: string; password: string };
  /** Verify the server's certificate (RDS requires TLS; the function trusts the RDS CAs through NODE_EXTRA_CA_CERTS). @default true */
  tls?: boolean;
  /**
   * Change the user's password even while sessions of that user are open (for applications that
   * connect per request and hold no connection between requests). @default false
   */
  allowOpenSessions?: boolean;
}

/** What the invocation returns (and Pulumi keeps as its `result`): never a password. */
export interface AppUsersResult {
  username: string;
  /** Objects of the master user moved to the owner role in this step (PostgreSQL). */
  transferred: number;
  /** False when the user already had this password (a re-invocation): nothing was re-passworded. */
  passwordChanged: boolean;
}

/** A name the function interpolates into SQL: a letter, then letters, digits or `_` (what the tenant schema allows and the components form). */
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** Printable ASCII: PostgreSQL's SASLprep leaves such a password as it is (src/common/saslprep.c, `pg_saslprep`: "An ASCII string requires no further processing"), so the verifier computed here is the one the server expects. */
const PASSWORD = /^[\x20-\x7e]{8,}$/;

function checkEvent(event: AppUsersEvent): void {
  const names = { database: event.database, master: event.master.username, ownerRole: event.ownerRole, user: event.current.username, ...Object.fromEntries(event.users.map((u, i) => [`users[${i}]`, u])) };
  for (const [key, value] of Object.entries(names)) {
    if (!NAME.test(value)) throw new Error(`app users: ${key} "${value}" must be a letter followed by letters, digits or _`);
  }
  if (event.users.length !== 2 || event.users[0] === event.users[1]) throw new Error("app users: users must name two different users");
  if (!event.users.includes(event.current.username)) throw new Error(`app users: current user ${event.current.username} is not one of ${event.users.join(", ")}`);
  const reserved = [event.master.username, event.ownerRole];
  const clash = event.users.find((u) => reserved.includes(u));
  if (clash) throw new Error(`app users: ${clash} is the master user or the owner role; the application users must be other users`);
  // "Role names beginning with pg_ are reserved" (https://www.postgresql.org/docs/current/sql-createrole.html; case-sensitive, src/backend/catalog/catalog.c `IsReservedName`).
  const pgReserved = event.engine === "postgres" ? [...event.users, event.ownerRole].find((role) => role.startsWith("pg_")) : undefined;
  if (pgReserved) throw new Error(`app users: PostgreSQL reserves role names starting with pg_ (${pgReserved}); the database's name must not start with pg_`);
  if (!PASSWORD.test(event.current.password)) throw new Error("app users: the new password must be 8 or more printable ASCII characters");
}

/** Runs one rotation step; throws (the invocation fails, the secret is not moved) on any error. */
export async function handler(event: AppUsersEvent): Promise<AppUsersResult> {
  checkEvent(event);
  return event.engine === "postgres" ? rotatePostgres(event) : rotateMysql(event);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function refuseOpenSessions(user: string, sessions: number): never {
  throw new Error(`app users: ${user} still has ${sessions} open session(s): instances still use it, so changing its password now would fail their new connections. `
    + "Wait until every instance has refreshed its secrets (see the instances' secrets refresh), then re-run the deploy; "
    + "for an application that holds no connection between requests, allow rotating with open sessions");
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/**
 * A SCRAM-SHA-256 verifier of a password, in the form PostgreSQL stores in `pg_authid`:
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (src/common/scram-common.c,
 * `scram_build_secret`; https://www.postgresql.org/docs/current/catalog-pg-authid.html).
 * SaltedPassword = PBKDF2-HMAC-SHA-256(password, salt, iterations) (RFC 5802 section 3, `Hi`,
 * with SHA-256 per RFC 7677); ClientKey = HMAC(SaltedPassword, "Client Key"), StoredKey =
 * H(ClientKey), ServerKey = HMAC(SaltedPassword, "Server Key"). PostgreSQL's defaults: a 16-byte
 * random salt (`SCRAM_DEFAULT_SALT_LEN`) and 4096 iterations (`scram_iterations`). A role given
 * such a string as its password stores it as it is: "If the presented password string is already
 * in MD5-encrypted or SCRAM-encrypted format, then it is stored as-is"
 * (https://www.postgresql.org/docs/current/sql-createrole.html), so the password itself never
 * reaches the server.
 */
export function scramSha256Verifier(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(Buffer.from(password, "utf8"), salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

/** A PostgreSQL session the rotation runs in: a `pg` client, or any driver with the same `query`. */
export interface PostgresSession {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * How long the master session waits, so that a rotation never stalls the application for long.
 * `ALTER ... OWNER TO` takes an ACCESS EXCLUSIVE lock, and every later query on that table queues
 * behind it; `lock_timeout` ends the wait after 2 s (SQLSTATE 55P03 lock_not_available) and the
 * whole transaction rolls back. `statement_timeout` bounds any one statement (the ownership
 * transfer is one), `idle_in_transaction_session_timeout` frees the locks if the function dies
 * mid-transaction (https://www.postgresql.org/docs/current/runtime-config-client.html).
 * A lock wait is retried after 1, 2 and 4 s; the fourth failure gives up with a message (nothing
 * changed, the secret not moved). Worst case 4 x 15 s + 7 s, well under the function's timeout.
 */
export const POSTGRES_WAITS = { lockTimeout: "2s", statementTimeout: "15s", idleInTransactionTimeout: "15s", attempts: 4, firstBackoffMs: 1000 } as const;

/**
 * Objects in the application's database owned by the master user move to the owner role, so
 * that objects created before the application users existed stay usable, and alterable by
 * migrations, for both users: schemas; tables, views, materialized views, sequences not owned by
 * a table column, foreign tables and standalone composite types; enum, range and composite types
 * and domains (a table's row type and array types follow their table or type); functions,
 * procedures and aggregates; collations; extended statistics. Objects in system schemas and
 * extension members are left alone.
 */
const TRANSFER_OWNERSHIP = `
DO $transfer$
DECLARE
  target text := current_setting('tenant_platform.owner_role');
  me oid := (SELECT oid FROM pg_roles WHERE rolname = current_user);
  r record;
  moved int := 0;
BEGIN
  FOR r IN
    SELECT n.nspname FROM pg_namespace n
    WHERE n.nspowner = me AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', r.nspname, target);
    moved := moved + 1;
  END LOOP;
  FOR r IN
    SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relowner = me AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
      AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
  LOOP
    EXECUTE format('ALTER %s %I.%I OWNER TO %I',
      CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'c' THEN 'TYPE' ELSE 'TABLE' END,
      r.nspname, r.relname, target);
    moved := moved + 1;
  END LOOP;
  -- Enum, range and domain types (a composite type is the relation of kind 'c' above; array and
  -- multirange types move with their element or range type: https://www.postgresql.org/docs/current/sql-altertype.html).
  FOR r IN
    SELECT t.oid::regtype AS name, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typowner = me AND t.typtype IN ('e', 'r', 'd')
      AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype IN ('i', 'e'))
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I', CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.name, target);
    moved := moved + 1;
  END LOOP;
  FOR r IN
    SELECT p.oid::regprocedure AS signature, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.proowner = me AND p.prokind IN ('f', 'p', 'a')
      AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I', CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, r.signature, target);
    moved := moved + 1;
  END LOOP;
  FOR r IN
    SELECT n.nspname, c.collname FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
    WHERE c.collowner = me AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_collation'::regclass AND d.objid = c.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER COLLATION %I.%I OWNER TO %I', r.nspname, r.collname, target);
    moved := moved + 1;
  END LOOP;
  FOR r IN
    SELECT n.nspname, s.stxname FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
    WHERE s.stxowner = me AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
  LOOP
    EXECUTE format('ALTER STATISTICS %I.%I OWNER TO %I', r.nspname, r.stxname, target);
    moved := moved + 1;
  END LOOP;
  PERFORM set_config('tenant_platform.moved', moved::text, true);
END
$transfer$`;

/**
 * Makes `member` able both to use the privileges of `role` without SET ROLE (the master user
 * keeps reaching the tables it gave away, as the instances not yet moved still log in as it) and
 * to SET ROLE to it (ALTER ... OWNER TO, and each user's `role` setting).
 * - Up to 15, a membership gives both when the member has INHERIT (the default): `USAGE`.
 * - From 16 on, a membership has separate INHERIT and SET options, and a CREATEROLE user that
 *   creates a role is granted it WITH ADMIN OPTION only, INHERIT FALSE, SET FALSE
 *   (`createrole_self_grant` is empty by default: https://www.postgresql.org/docs/16/runtime-config-client.html#GUC-CREATEROLE-SELF-GRANT),
 *   which `pg_has_role(..., 'MEMBER')` reports as membership. So both `USAGE` and `SET` are
 *   checked (https://www.postgresql.org/docs/16/functions-info.html, `pg_has_role`) and the grant
 *   names both options (https://www.postgresql.org/docs/16/sql-grant.html, WITH INHERIT / WITH SET).
 */
async function ensureMembership(session: PostgresSession, versionNum: number, member: string, role: string): Promise<void> {
  const modern = versionNum >= 160000;
  const check = modern ? "pg_has_role($1, $2, 'USAGE') AND pg_has_role($1, $2, 'SET')" : "pg_has_role($1, $2, 'USAGE')";
  const { rows } = await session.query(`SELECT ${check} AS yes`, [member, role]);
  if (rows[0]?.["yes"] === true) return;
  await session.query(`GRANT ${escapeIdentifier(role)} TO ${escapeIdentifier(member)}${modern ? " WITH INHERIT TRUE, SET TRUE" : ""}`);
}

/** The savepoint a PostgreSQL 16+ ADMIN OPTION grant runs under, so that a refusal leaves the transaction usable. */
const ADMIN_GRANT_SAVEPOINT = "tenant_platform_admin_grant";

/**
 * Makes sure the master user holds ADMIN OPTION on each of `roles` that exists, so that it can
 * alter them (password, `role` setting) and grant them, on every major version:
 * - From 16 on, CREATEROLE alone no longer lets a role alter, grant or drop other roles: "the
 *   ability to alter, grant membership in, and drop roles requires the CREATEROLE privilege and
 *   the ADMIN OPTION on the target role" (PostgreSQL 16 release notes, "Role Management";
 *   https://www.postgresql.org/docs/16/sql-createrole.html, CREATEROLE). A role it creates on 16+
 *   is granted to it WITH ADMIN OPTION automatically; a role created on 15 or earlier has no such
 *   grant (15 records no creator), and an in-place major version upgrade (pg_upgrade, which RDS
 *   uses) carries the catalog as it is.
 * - Up to 15, CREATEROLE may grant membership in any non-superuser role, with ADMIN OPTION too
 *   (https://www.postgresql.org/docs/15/sql-createrole.html), so the grant is made here, on every
 *   rotation step, before a later upgrade needs it.
 * - From 16 on, the server decides whether a missing grant can be made: the grant runs under a
 *   savepoint, and when PostgreSQL refuses it (SQLSTATE 42501 insufficient_privilege) the
 *   savepoint is rolled back and the step is refused with what to do, before anything is changed.
 *   Open-source PostgreSQL refuses it: granting needs the ADMIN OPTION itself, the same test
 *   `pg_has_role` makes (src/backend/commands/user.c `check_role_membership_authorization` and
 *   src/backend/utils/adt/acl.c `pg_role_aclcheck` both call `is_admin_of_role`). Amazon RDS may
 *   allow it: its master user is a member of `rds_superuser`, which "create[s] roles for users and
 *   grant[s] privileges to users" (Amazon RDS User Guide, "Understanding the rds_superuser role":
 *   https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.PostgreSQL.CommonDBATasks.Roles.rds_superuser.html),
 *   and on RDS 16+ an `rds_superuser` member was observed granting roles without ADMIN OPTION,
 *   "RDS is not consistent with OSS postgres" (gravitational/teleport PR #48897, review thread).
 * `pg_has_role(..., 'MEMBER WITH ADMIN OPTION')` tests the ADMIN privilege, direct or through a
 * role the master user is a member of, and is true for a superuser
 * (https://www.postgresql.org/docs/current/functions-info.html, `pg_has_role`).
 */
async function ensureAdminOption(session: PostgresSession, versionNum: number, master: string, roles: string[]): Promise<void> {
  for (const role of roles) {
    const { rows } = await session.query(
      "SELECT pg_has_role($1, r.oid, 'MEMBER WITH ADMIN OPTION') AS admin FROM pg_roles r WHERE r.rolname = $2", [master, role]);
    if (rows.length === 0 || rows[0]?.["admin"] === true) continue;
    const grant = `GRANT ${escapeIdentifier(role)} TO ${escapeIdentifier(master)} WITH ADMIN OPTION`;
    if (versionNum < 160000) {
      await session.query(grant);
      continue;
    }
    await session.query(`SAVEPOINT ${ADMIN_GRANT_SAVEPOINT}`);
    try {
      await session.query(grant);
    } catch (error) {
      if ((error as { code?: string }).code !== "42501") throw error;
      await session.query(`ROLLBACK TO SAVEPOINT ${ADMIN_GRANT_SAVEPOINT}`);
      throw new Error(`app users: the master user ${master} lacks ADMIN OPTION on role ${role}, which PostgreSQL 16 and later require to alter it, and PostgreSQL refused to grant it to ${master}. `
        + `The role was created on PostgreSQL 15 or earlier and the database was then upgraded in place before the grant was made (the platform makes it on 15 and earlier). `
        + `Nothing was changed. Fix: as a role with ADMIN OPTION on ${role}, run GRANT ${role} TO ${master} WITH ADMIN OPTION, then deploy again `
        + "(see docs/instance-runtime.md, \"Upgrading PostgreSQL from 15 or earlier\")", { cause: error });
    }
    await session.query(`RELEASE SAVEPOINT ${ADMIN_GRANT_SAVEPOINT}`);
  }
}

/**
 * The rotation's changes in one transaction of the master session (PostgreSQL has transactional
 * DDL: a failure leaves nothing behind). With `setPassword` false (the user already has the
 * password) only the memberships, grants and ownership are brought up to date.
 */
export async function applyPostgresRotation(session: PostgresSession, event: AppUsersEvent, setPassword: boolean): Promise<number> {
  const id = escapeIdentifier;
  const user = event.current.username;
  const owner = event.ownerRole;
  await session.query("BEGIN");
  try {
    await session.query(`SET LOCAL lock_timeout = '${POSTGRES_WAITS.lockTimeout}'`);
    await session.query(`SET LOCAL statement_timeout = '${POSTGRES_WAITS.statementTimeout}'`);
    await session.query(`SET LOCAL idle_in_transaction_session_timeout = '${POSTGRES_WAITS.idleInTransactionTimeout}'`);
    // Two deploys never interleave their steps.
    await session.query("SELECT pg_advisory_xact_lock(hashtext('tenant-platform:app-users'))");
    const versionNum = Number((await session.query("SELECT current_setting('server_version_num') AS v")).rows[0]?.["v"]);
    const exists = async (role: string) => (await session.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rows.length === 1;
    if (!(await exists(owner))) await session.query(`CREATE ROLE ${id(owner)} NOLOGIN`);
    await ensureAdminOption(session, versionNum, event.master.username, [owner, ...event.users]);
    await ensureMembership(session, versionNum, event.master.username, owner);
    if (setPassword) {
      const userExists = await exists(user);
      if (userExists && !event.allowOpenSessions) {
        // usename and pid are visible to every role (https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-ACTIVITY-VIEW).
        const { rows } = await session.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()", [user]);
        const sessions = Number(rows[0]?.["n"]);
        if (sessions > 0) refuseOpenSessions(user, sessions);
      }
      // ALTER ROLE and CREATE ROLE take no bind parameters: the verifier goes in as an escaped literal.
      await session.query(`${userExists ? "ALTER" : "CREATE"} ROLE ${id(user)} WITH LOGIN INHERIT PASSWORD ${escapeLiteral(scramSha256Verifier(event.current.password))}`);
    }
    // A user created in this step (up to 15: without ADMIN OPTION for its creator).
    await ensureAdminOption(session, versionNum, event.master.username, [user]);
    await ensureMembership(session, versionNum, user, owner);
    // Every session of the user acts as the owner role: what it creates belongs to the role.
    await session.query(`ALTER ROLE ${id(user)} SET role = ${escapeLiteral(owner)}`);
    await session.query(`GRANT CONNECT, TEMPORARY, CREATE ON DATABASE ${id(event.database)} TO ${id(owner)}`);
    await session.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${id(owner)}`);
    await session.query("SELECT set_config('tenant_platform.owner_role', $1, true)", [owner]);
    await session.query(TRANSFER_OWNERSHIP);
    const transferred = Number((await session.query("SELECT current_setting('tenant_platform.moved') AS moved")).rows[0]?.["moved"]);
    await session.query("COMMIT");
    return transferred;
  } catch (error) {
    await session.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

function pgClient(event: AppUsersEvent, user: string, password: string): Client {
  return new Client({
    host: event.host,
    port: event.port,
    database: event.database,
    user,
    password,
    ssl: event.tls === false ? false : { rejectUnauthorized: true },
    connectionTimeoutMillis: 10_000,
  });
}

/** Logs in with the credentials and returns the role the session acts as, or undefined when the login is refused. */
async function pgActingRole(event: AppUsersEvent): Promise<string | undefined> {
  const probe = pgClient(event, event.current.username, event.current.password);
  try {
    await probe.connect();
  } catch {
    // A refused login has closed its connection already.
    return undefined;
  }
  try {
    return String((await probe.query("SELECT current_user AS acting")).rows[0].acting);
  } finally {
    await probe.end();
  }
}

/** Runs the master session's transaction, again after a lock wait ran out (see {@link POSTGRES_WAITS}); returns the objects transferred. */
async function applyWithRetries(event: AppUsersEvent, setPassword: boolean): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const master = pgClient(event, event.master.username, event.master.password);
    await master.connect();
    try {
      return await applyPostgresRotation(master, event, setPassword);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "57014") throw new Error(`app users: a statement ran longer than ${POSTGRES_WAITS.statementTimeout} and was cancelled; nothing was changed`, { cause: error });
      if (code !== "55P03") throw error;
      if (attempt === POSTGRES_WAITS.attempts) {
        throw new Error(`app users: another session held a lock the rotation needs for more than ${POSTGRES_WAITS.lockTimeout} in each of ${attempt} attempts `
          + "(a long transaction, or a connection idle in a transaction: see pg_stat_activity); nothing was changed and the secret was not moved: re-run the deploy once it has ended", { cause: error });
      }
    } finally {
      await master.end().catch(() => undefined);
    }
    await sleep(POSTGRES_WAITS.firstBackoffMs * 2 ** (attempt - 1));
  }
}

async function rotatePostgres(event: AppUsersEvent): Promise<AppUsersResult> {
  // A re-invocation (same input, new function code) finds the password set: it is not re-set, and
  // the user may already be in use by the instances.
  const passwordChanged = (await pgActingRole(event)) === undefined;
  const transferred = await applyWithRetries(event, passwordChanged);
  // testSecret: the new credentials log in and act as the owner role.
  const acting = await pgActingRole(event);
  if (acting !== event.ownerRole) throw new Error(`app users: ${event.current.username} ${acting === undefined ? "cannot log in with its new password" : `acts as ${acting}, not ${event.ownerRole}`}`);
  return { username: event.current.username, transferred, passwordChanged };
}

// ---------------------------------------------------------------------------------------------
// MySQL and MariaDB

/**
 * The database-level privileges the application users get: every one of those the RDS master
 * user holds WITH GRANT OPTION (see the file's header). Not `ALL PRIVILEGES`: on MariaDB that
 * includes privileges the master user lacks (DELETE HISTORY, SHOW CREATE ROUTINE before 11.4),
 * and the server refuses the whole grant.
 */
const DATABASE_PRIVILEGES = [
  "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "REFERENCES", "INDEX", "ALTER", "CREATE TEMPORARY TABLES",
  "LOCK TABLES", "EXECUTE", "CREATE VIEW", "SHOW VIEW", "CREATE ROUTINE", "ALTER ROUTINE", "EVENT", "TRIGGER",
];

/** A database name in a GRANT: `_` and `%` are wildcards there unless escaped (https://dev.mysql.com/doc/refman/8.0/en/grant.html, "Object Quoting Guidelines"). */
function grantDatabase(name: string): string {
  return "`" + name.replace(/[_%]/g, (c) => "\\" + c) + "`";
}

/**
 * MariaDB's `mysql_native_password` hash of a password: `*` and the upper-case hex of
 * SHA1(SHA1(password)), what `PASSWORD()` returns (https://mariadb.com/kb/en/password/). MariaDB
 * writes the statement text of `IDENTIFIED BY '<password>'` to its general and slow query logs
 * as it is; `IDENTIFIED BY PASSWORD '<hash>'` sets the same password without it
 * (https://mariadb.com/kb/en/create-user/#identified-by-password-password_hash).
 */
export function mysqlNativePasswordHash(password: string): string {
  const once = createHash("sha1").update(password, "utf8").digest();
  return "*" + createHash("sha1").update(once).digest("hex").toUpperCase();
}

async function mysqlConnection(event: AppUsersEvent, user: string, password: string): Promise<mysql.Connection> {
  return mysql.createConnection({
    host: event.host,
    port: event.port,
    database: event.database,
    user,
    password,
    ssl: event.tls === false ? undefined : { rejectUnauthorized: true },
    connectTimeout: 10_000,
  });
}

async function mysqlLogsIn(event: AppUsersEvent): Promise<boolean> {
  let probe: mysql.Connection;
  try {
    probe = await mysqlConnection(event, event.current.username, event.current.password);
  } catch {
    return false;
  }
  try {
    await probe.query("SELECT 1");
    return true;
  } finally {
    await probe.end();
  }
}

/**
 * MySQL and MariaDB have no transactional DDL: each statement commits on its own. The steps
 * touch only the user being made current, which the application does not hold, so a failure
 * between them leaves the application's user as it was; the next invocation repeats them all.
 */
async function rotateMysql(event: AppUsersEvent): Promise<AppUsersResult> {
  const passwordChanged = !(await mysqlLogsIn(event));
  const master = await mysqlConnection(event, event.master.username, event.master.password);
  try {
    const account = `${master.escape(event.current.username)}@'%'`;
    if (passwordChanged) {
      const [users] = await master.query("SELECT COUNT(*) AS n FROM mysql.user WHERE User = ? AND Host = '%'", [event.current.username]);
      const userExists = Number((users as { n: unknown }[])[0]?.n) > 0;
      if (userExists && !event.allowOpenSessions) {
        // Other users' threads are listed with the PROCESS privilege, which the RDS master user holds
        // (https://dev.mysql.com/doc/refman/8.0/en/information-schema-processlist-table.html).
        const [rows] = await master.query("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ?", [event.current.username]);
        const sessions = Number((rows as { n: unknown }[])[0]?.n);
        if (sessions > 0) refuseOpenSessions(event.current.username, sessions);
      }
      const identified = event.engine === "mariadb"
        ? `IDENTIFIED BY PASSWORD ${master.escape(mysqlNativePasswordHash(event.current.password))}`
        : `IDENTIFIED BY ${master.escape(event.current.password)}`;
      await master.query(`${userExists ? "ALTER" : "CREATE"} USER ${account} ${identified}`);
    }
    await master.query(`GRANT ${DATABASE_PRIVILEGES.join(", ")} ON ${grantDatabase(event.database)}.* TO ${account}`);
  } finally {
    await master.end();
  }
  if (!(await mysqlLogsIn(event))) throw new Error(`app users: ${event.current.username} cannot log in with its new password`);
  return { username: event.current.username, transferred: 0, passwordChanged };
}
