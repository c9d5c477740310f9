/**
 * `npm run plan -- --base <ref>` on real git repositories made here: routine database changes pass,
 * changes that would replace or lose the database are refused with the way to do it on purpose.
 */
import { tenantRepository } from "../helpers/tenant-repository";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../tools/cli/plan";
import { removeTempFolders } from "../helpers/temp-tenants";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";

afterEach(removeTempFolders);


const repository = tenantRepository;

async function planAgainstBase(before: string, after: string) {
  const { dir, file } = repository(before, after);
  const err: string[] = [];
  const code = await main(["--all", "--dir", path.dirname(file), "--base", "HEAD"], { out: () => undefined, err: (t) => err.push(t) });
  return { code, err: err.join("\n").replaceAll(`${dir}/`, "") };
}

const withDb = (extra: string[] = [], engine = MYSQL) => dataTenantYaml([...engine, ...extra]);
const ALLOW = "replacement: { allow: true, reason: moving the site to PostgreSQL }";
const POSTGRES = ["engine: postgres", 'version: "16"', "instanceClass: db.t4g.medium"];

describe("plan --base", () => {
  it.each([
    ["scale up", withDb([], MYSQL.map((l) => l.replace("db.t4g.medium", "db.r7g.xlarge")))],
    ["add replicas and a standby", withDb(["standby: true", "readReplicas: 2"])],
    ["declare replacement alone", withDb([ALLOW])],
  ])("lets a routine change through: %s", async (_label, after) => {
    expect(await planAgainstBase(withDb(), after)).toEqual({ code: 0, err: "" });
  });

  it("lets a major upgrade through when it applies immediately (else the old parameter group is still in use: update-simulation.test.ts)", async () => {
    const now = ["applyImmediately: true"];
    expect(await planAgainstBase(withDb(now), withDb(now, MYSQL.map((l) => l.replace('"8.0"', '"8.4"'))))).toEqual({ code: 0, err: "" });
  });

  it("refuses an engine change that was not declared first", async () => {
    const result = await planAgainstBase(withDb(), withDb([], POSTGRES));
    expect(result.code).toBe(1);
    expect(result.err).toBe([
      'tenants/acme.yaml:22:11: database.engine: changes mysql to postgres, which replaces the database with an empty one. If that is intended: deploy database.replacement: { allow: true, reason: "…" } on its own first, then make this change.',
      "nothing planned: fix the files above first",
    ].join("\n"));
  });

  it("refuses the change when replacement is declared in the same edit; once deployed, the guard lets it through to the update simulation", async () => {
    expect((await planAgainstBase(withDb(), withDb([ALLOW], POSTGRES))).code).toBe(1);
    const deployed = await planAgainstBase(withDb([ALLOW]), withDb([ALLOW], POSTGRES));
    expect(deployed.err).not.toContain("database.engine: changes mysql to postgres");
    // The new database would be created beside the old one under the same identifier (update-simulation.test.ts).
    expect(deployed.err).toContain("AWS refuses the second (DBInstanceAlreadyExists)");
  });

  it("refuses removing the database unless replacement was deployed", async () => {
    const result = await planAgainstBase(withDb(), dataTenantYaml([]).replace(/database:\n$/, ""));
    expect(result.err).toContain("tenants/acme.yaml:1:1: removing the database section deletes the database (a final snapshot is kept).");
    expect((await planAgainstBase(withDb([ALLOW]), dataTenantYaml([]).replace(/database:\n$/, ""))).code).toBe(0);
  });

  it("refuses renaming the database or its user, downgrades, a new network block and a late restore", async () => {
    const before = withDb();
    const after = withDb(["name: shop", "username: root_user", "restore: { snapshot: old-snapshot }"], MYSQL.map((l) => l.replace('"8.0"', '"8.4"')))
      .replace("10.20.0.0/16", "10.30.0.0/16");
    const downgrade = await planAgainstBase(withDb([], MYSQL.map((l) => l.replace('"8.0"', '"8.4"'))), withDb());
    expect(downgrade.err).toContain('database.version: goes back from 8.4 to 8.0; RDS cannot downgrade a database. Keep "8.4".');
    const result = await planAgainstBase(before, after);
    expect(result.err.split("\n")).toEqual([
      "tenants/acme.yaml:4:9: network.cidr: was 10.20.0.0/16: a VPC's block cannot change, so every network resource (and everything in it) would be replaced. Keep 10.20.0.0/16.",
      'tenants/acme.yaml:25:9: database.name: is fixed once the database exists: the running database keeps "app". Keep "app".',
      'tenants/acme.yaml:26:13: database.username: is fixed once the database exists: the running database keeps "app_admin". Keep "app_admin".',
      "tenants/acme.yaml:27:3: database.restore: applies only when a database is created; the running database (generation 1) would not change. To restore next to it: generation: 2 with this restore, and previous: { generation: 1, state: serving } (docs/runbooks/restore.md).",
      "nothing planned: fix the files above first",
    ]);
  });

  it("refuses a MySQL major upgrade while the read replicas run the older version, naming the replicas-first way (steps: day2-scenarios.test.ts)", async () => {
    const result = await planAgainstBase(withDb(["readReplicas: 1", "applyImmediately: true"]), withDb(["readReplicas: 1", "applyImmediately: true"], MYSQL.map((l) => l.replace('"8.0"', '"8.4"'))));
    expect(result.code).toBe(1);
    expect(result.err).toContain('Upgrade the replicas first: set database.replicaVersion: "8.4" (database.version unchanged) and deploy');
  });

  it("refuses taking the read replicas back to an older version than they run", async () => {
    const ahead = withDb(["readReplicas: 1", 'replicaVersion: "8.4"']);
    const result = await planAgainstBase(ahead, withDb(["readReplicas: 1"]));
    expect(result.err).toContain('database.version: takes the read replicas back from 8.4 to 8.0; RDS cannot downgrade a replica. Keep database.replicaVersion: "8.4", or upgrade database.version to it.');
  });

  it("accepts a tenant that is new since the base", async () => {
    const { dir } = repository(withDb(), undefined);
    writeFileSync(path.join(dir, "tenants", "beta.yaml"), withDb().replace("acme.example", "beta.example").replace("10.20.0.0/16", "10.40.0.0/16"));
    const code = await main(["beta", "--dir", path.join(dir, "tenants"), "--base", "HEAD", "--quiet"], { out: () => undefined, err: () => undefined });
    expect(code).toBe(0);
  });

  it("explains a base that is not a revision", async () => {
    const { dir } = repository(withDb(), undefined);
    const err: string[] = [];
    const code = await main(["acme", "--dir", path.join(dir, "tenants"), "--base", "no-such-ref"], { out: () => undefined, err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join("\n")).toBe(`--base no-such-ref: not a git revision of the repository holding ${dir}/tenants/acme.yaml`);
  });
});
