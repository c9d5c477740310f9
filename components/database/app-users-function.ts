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
 * The file is self-contained (it imports only `pg` and `mysql2`): the component transpiles it
 * into the function's `index.js` (see app-users-bundle.ts), and the tests run it against real
 * PostgreSQL and MariaDB servers.
 *
 * What an RDS master user may do here:
 * - PostgreSQL: the master user has CREATEROLE and is a member of `rds_superuser`, not a
 *   superuser; it creates roles, grants membership and changes the owner of objects it owns
 *   (Amazon RDS User Guide, "Understanding PostgreSQL roles and permissions":
 *   https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.PostgreSQL.CommonDBATasks.Roles.html).
 *   ALTER ... OWNER TO needs the caller to be a member of the new owner role
 *   (https://www.postgresql.org/docs/15/sql-altertable.html), hence `GRANT owner TO master`.
 * - MySQL and MariaDB: the master user holds CREATE USER and the database privileges WITH GRANT
 *   OPTION (not SUPER), so it can create users and grant them all privileges on one database
 *   (Amazon RDS User Guide, "Master user account privileges":
 *   https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.MasterAccounts.html).
 */
import * as mysql from "mysql2/promise";
import { Client } from "pg";

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
  /** The user to make current and its new password. */
  current: { username: string; password: string };
  /** Verify the server's certificate (RDS requires TLS; the function trusts the RDS CAs through NODE_EXTRA_CA_CERTS). @default true */
  tls?: boolean;
}

/** What the invocation returns (and Pulumi keeps as its `result`): never a password. */
export interface AppUsersResult {
  username: string;
  /** Objects of the master user moved to the owner role in this step (PostgreSQL). */
  transferred: number;
}

/** A name the function interpolates into SQL: a letter, then letters, digits or `_` (what the tenant schema allows and the components form). */
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

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
  if (event.current.password.length < 8) throw new Error("app users: the new password is shorter than 8 characters");
}

/** Runs one rotation step; throws (the invocation fails, the secret is not moved) on any error. */
export async function handler(event: AppUsersEvent): Promise<AppUsersResult> {
  checkEvent(event);
  return event.engine === "postgres" ? rotatePostgres(event) : rotateMysql(event);
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

/**
 * Objects in the application's database owned by the master user (tables, views, materialized
 * views, sequences not owned by a table column, foreign tables, schemas, functions and
 * procedures) move to the owner role, so that tables created before the application users
 * existed stay usable, and alterable by migrations, for both users. Objects in system schemas
 * and extension members are left alone.
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
    WHERE c.relowner = me AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
  LOOP
    EXECUTE format('ALTER %s %I.%I OWNER TO %I',
      CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
      r.nspname, r.relname, target);
    moved := moved + 1;
  END LOOP;
  FOR r IN
    SELECT p.oid::regprocedure AS signature, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.proowner = me AND p.prokind IN ('f', 'p')
      AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I', CASE r.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, r.signature, target);
    moved := moved + 1;
  END LOOP;
  PERFORM set_config('tenant_platform.moved', moved::text, true);
END
$transfer$`;

async function rotatePostgres(event: AppUsersEvent): Promise<AppUsersResult> {
  const master = pgClient(event, event.master.username, event.master.password);
  await master.connect();
  let transferred: number;
  try {
    const id = (name: string) => master.escapeIdentifier(name);
    const user = event.current.username;
    const owner = event.ownerRole;
    await master.query("BEGIN");
    try {
      // Two deploys never interleave their steps.
      await master.query("SELECT pg_advisory_xact_lock(hashtext('tenant-platform:app-users'))");
      const exists = async (role: string) => (await master.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount === 1;
      if (!(await exists(owner))) await master.query(`CREATE ROLE ${id(owner)} NOLOGIN`);
      const memberOf = async (member: string, role: string) => (await master.query("SELECT pg_has_role($1, $2, 'MEMBER') AS yes", [member, role])).rows[0].yes === true;
      if (!(await memberOf(event.master.username, owner))) await master.query(`GRANT ${id(owner)} TO ${id(event.master.username)}`);
      // ALTER ROLE and CREATE ROLE take no bind parameters: the password goes in as an escaped literal.
      const password = master.escapeLiteral(event.current.password);
      await master.query(`${(await exists(user)) ? "ALTER" : "CREATE"} ROLE ${id(user)} WITH LOGIN INHERIT PASSWORD ${password}`);
      if (!(await memberOf(user, owner))) await master.query(`GRANT ${id(owner)} TO ${id(user)}`);
      // Every session of the user acts as the owner role: what it creates belongs to the role.
      await master.query(`ALTER ROLE ${id(user)} SET role = ${master.escapeLiteral(owner)}`);
      await master.query(`GRANT CONNECT, TEMPORARY, CREATE ON DATABASE ${id(event.database)} TO ${id(owner)}`);
      await master.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${id(owner)}`);
      await master.query("SELECT set_config('tenant_platform.owner_role', $1, true)", [owner]);
      await master.query(TRANSFER_OWNERSHIP);
      transferred = Number((await master.query("SELECT current_setting('tenant_platform.moved') AS moved")).rows[0].moved);
      await master.query("COMMIT");
    } catch (error) {
      await master.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    await master.end();
  }
  // testSecret: the new credentials log in and act as the owner role.
  const probe = pgClient(event, event.current.username, event.current.password);
  await probe.connect();
  try {
    const row = (await probe.query("SELECT current_user AS acting")).rows[0];
    if (row.acting !== event.ownerRole) throw new Error(`app users: ${event.current.username} acts as ${row.acting}, not ${event.ownerRole}`);
  } finally {
    await probe.end();
  }
  return { username: event.current.username, transferred };
}

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

/**
 * MySQL and MariaDB have no transactional DDL: each statement commits on its own. The steps
 * touch only the user being made current, which the application does not hold, so a failure
 * between them leaves the application's user as it was; the next invocation repeats them all.
 */
async function rotateMysql(event: AppUsersEvent): Promise<AppUsersResult> {
  const master = await mysqlConnection(event, event.master.username, event.master.password);
  try {
    const account = `${master.escape(event.current.username)}@'%'`;
    const password = master.escape(event.current.password);
    await master.query(`CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${password}`);
    await master.query(`ALTER USER ${account} IDENTIFIED BY ${password}`);
    await master.query(`GRANT ${DATABASE_PRIVILEGES.join(", ")} ON ${grantDatabase(event.database)}.* TO ${account}`);
  } finally {
    await master.end();
  }
  const probe = await mysqlConnection(event, event.current.username, event.current.password);
  try {
    await probe.query("SELECT 1");
  } finally {
    await probe.end();
  }
  return { username: event.current.username, transferred: 0 };
}
