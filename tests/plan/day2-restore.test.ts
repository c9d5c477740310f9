/**
 * Disaster recovery side by side, step by step as docs/runbooks/restore.md tells it: each step is
 * the tenant file at step N committed and the file at step N+1 planned against it
 * (`plan --base HEAD --json`), and the simulated `pulumi up` must create next to the running
 * database, switch what the application, replicas, alarms and backups use, and retire the old
 * database, with no replacement, no identifier collision and no refusal; and skipping a step is
 * refused with the step to take. The tenant files are the runbook's own snippets.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { PlannedResource } from "../../policies/plan-types";
import { simulateUpdate, type SimulatedChange } from "../../tools/plan/update-simulation";
import { writtenFiles } from "../../components/web-tier/cloud-config-files";
import { runPlanCli } from "../helpers/plan-cli";
import { yamlBlocks } from "../helpers/runbook-snippets";
import { planYaml, removeTempFolders } from "../helpers/temp-tenants";
import { tenantRepository } from "../helpers/tenant-repository";
import { webTenantYaml } from "../helpers/web-tenant";

afterEach(removeTempFolders);

const RDS = "aws:rds/instance:Instance";

/**
 * The tenant-file snippets of the runbook's restore section, in order, for tenant `acme` (the
 * runbook's `shop`): generation 1; created next to it from a snapshot; from a point in time;
 * discarded; restored again in place of the discarded one; switched; retiring; retired; the next
 * restore (generation 3).
 */
function runbookSnippets(): string[] {
  const text = readFileSync("docs/runbooks/restore.md", "utf8");
  const section = text.slice(text.indexOf("## Restore the database into the tenant"), text.indexOf("## Restore a single table"));
  return yamlBlocks(section).map((block) => block.text.replaceAll("shop", "acme"));
}

/** A web tenant with the given `database:` section, backups with restore tests, and alarms. */
function tenant(database: string): string {
  const web = webTenantYaml().replace("  region: eu-central-1\n", "  region: eu-central-1\n  backupRegion: eu-west-1\n");
  return `${web}${database}backup: { snapshotsKeepDays: 10, backupsKeepDays: 30 }\nmonitoring: { alertEmails: [ops@acme.example] }\n`;
}

/** The runbook's steps, restoring from a snapshot or (the same steps with its `restore` line) from a point in time. */
function steps(from: "snapshot" | "pointInTime") {
  const [serving, snapshot, pointInTime, discarded, restoredAgain, switched, retiring, retired, nextRestore] = runbookSnippets() as [string, string, string, string, string, string, string, string, string];
  const restoreLine = (snippet: string) => /^ {2}restore: .*$/m.exec(snippet)![0];
  const source = (snippet: string) => tenant(from === "snapshot" ? snippet : snippet.replace(restoreLine(snapshot), restoreLine(pointInTime)));
  return {
    serving: tenant(serving), createdNextTo: source(snapshot), switched: source(switched), retiring: source(retiring), retired: source(retired),
    discarded: source(discarded), restoredAgain: tenant(restoredAgain),
    nextRestore: tenant(nextRestore), restoreLines: { snapshot: restoreLine(snapshot), pointInTime: restoreLine(pointInTime), next: restoreLine(nextRestore) },
  };
}

/** Commits `before` as tenants/acme.yaml, writes `after`, plans against HEAD. */
async function deploy(before: string, after: string) {
  const { dir, file } = tenantRepository(before, after);
  const json = path.join(dir, "plan.json");
  const result = await runPlanCli("acme", "--dir", path.dirname(file), "--base", "HEAD", "--json", json, "--quiet");
  let plan: { changes: SimulatedChange[]; resources: PlannedResource[] } = { changes: [], resources: [] };
  try {
    plan = JSON.parse(readFileSync(json, "utf8")) as typeof plan;
  } catch {
    // no plan written
  }
  return { ...result, err: result.err.replaceAll(`${dir}/`, ""), changes: plan.changes, resources: plan.resources };
}

const lines = (changes: readonly SimulatedChange[], type?: string) =>
  changes.filter((c) => !type || c.type === type).map((c) => `${c.step}${c.mode ? `(${c.mode})` : ""} ${c.type} ${c.name}${c.fields.length ? ` [${c.fields.join(", ")}]` : ""}`);

/** The application's environment file from the web instances' user data. */
function appEnv(resources: readonly PlannedResource[]): string {
  const template = resources.find((r) => r.type === "aws:ec2/launchTemplate:LaunchTemplate" && r.name === "acme-web")!;
  return writtenFiles(Buffer.from(template.inputs["userData"] as string, "base64").toString("utf8"))["/etc/tenant/app.env"]!;
}

const input = (resources: readonly PlannedResource[], type: string, name: string) => resources.find((r) => r.type === type && r.name === name)?.inputs;

/** No input names the first generation's instance: its address, ARN, identifier as a metric dimension or a replica's source. */
function expectNothingPointsAtTheOldDatabase(resources: readonly PlannedResource[]) {
  const inputs = JSON.stringify(resources.map((r) => r.inputs));
  expect(inputs).not.toMatch(/acme-db\.c|:db:acme-db"|"DBInstanceIdentifier":"acme-db(-replica-1)?"|"replicateSourceDb":"acme-db"/);
  expect(appEnv(resources)).not.toMatch(/=acme-db\.|=acme-db-replica-1\./);
}

/** Every step of a restore is accepted, and never touches the running database but to retire it. */
function expectClean(result: Awaited<ReturnType<typeof deploy>>) {
  expect(result.err).toBe("");
  expect(result.code).toBe(0);
  expect(result.changes.filter((c) => c.error)).toEqual([]);
  expect(result.changes.filter((c) => c.type === RDS && c.step === "replace")).toEqual([]);
}

describe.each([
  ["snapshot", { snapshotIdentifier: "arn:aws:rds:eu-central-1:210987654321:snapshot:acme-db-final-1a2b3c4d" }],
  ["pointInTime", { restoreToPointInTime: { sourceDbInstanceIdentifier: "acme-db", restoreTime: "2026-11-20T03:00:00Z" } }],
] as const)("restoring from a %s side by side, as docs/runbooks/restore.md tells it", (from, restoreInputs) => {
  const step = steps(from);

  it("1. creates the restored database next to the serving one, under its own identifier; the application stays", async () => {
    const result = await deploy(step.serving, step.createdNextTo);
    expectClean(result);
    expect(lines(result.changes)).toEqual([
      "create random:index/randomId:RandomId acme-db-g2-final-snapshot",
      "create aws:cloudwatch/logGroup:LogGroup acme-db-g2-error",
      "create aws:cloudwatch/logGroup:LogGroup acme-db-g2-slowquery",
      "create aws:rds/instance:Instance acme-db-g2",
    ]);
    const restored = input(result.resources, RDS, "acme-db-g2")!;
    expect(restored).toMatchObject({ identifier: "acme-db-g2", deletionProtection: true, skipFinalSnapshot: false, ...restoreInputs });
    // The name and the user come from the source; the password is the master secret's (set after the restore).
    expect(restored["dbName"]).toBeUndefined();
    expect(restored["username"]).toBeUndefined();
    expect(result.resources.find((r) => r.name === "acme-db-g2")!.options.protect).toBe(true);
    expect(appEnv(result.resources)).toMatch(/^DATABASE_HOST=acme-db\.c/m);
  });

  it("2a. if the restored data is wrong: discard lifts the restored generation's protection only, in a deploy of its own", async () => {
    const result = await deploy(step.createdNextTo, step.discarded);
    expectClean(result);
    expect(lines(result.changes)).toEqual([
      "replace(create-before-delete) random:index/randomId:RandomId acme-db-g2-final-snapshot [keepers]",
      "update aws:cloudwatch/logGroup:LogGroup acme-db-g2-error [tags]",
      "update aws:cloudwatch/logGroup:LogGroup acme-db-g2-slowquery [tags]",
      "update aws:rds/instance:Instance acme-db-g2 [deletionProtection, finalSnapshotIdentifier, tags]",
    ]);
    const restored = result.resources.find((r) => r.type === RDS && r.name === "acme-db-g2")!;
    expect(restored.options).toMatchObject({ protect: false, retainOnDelete: false });
    expect(restored.inputs).toMatchObject({ deletionProtection: false, skipFinalSnapshot: false, tags: expect.objectContaining({ "tenant-platform:replacement": expect.stringMatching(/^discard: restored from the wrong snapshot/) }) });
    const serving = result.resources.find((r) => r.type === RDS && r.name === "acme-db")!;
    expect(serving.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(serving.inputs).toMatchObject({ deletionProtection: true });
  });

  it("2b. then going back to generation 1 deletes the restored generation (final snapshot kept) and nothing else", async () => {
    const result = await deploy(step.discarded, step.serving);
    expectClean(result);
    expect(lines(result.changes)).toEqual([
      "delete aws:rds/instance:Instance acme-db-g2",
      "delete aws:cloudwatch/logGroup:LogGroup acme-db-g2-slowquery",
      "delete aws:cloudwatch/logGroup:LogGroup acme-db-g2-error",
      "delete random:index/randomId:RandomId acme-db-g2-final-snapshot",
    ]);
    expect(input(result.resources, RDS, "acme-db")).toMatchObject({ deletionProtection: true });
    expect(appEnv(result.resources)).toMatch(/^DATABASE_HOST=acme-db\.c/m);
  });

  it("2c. or restoring again from another source creates generation 3 next to the serving one and deletes only generation 2", async () => {
    const result = await deploy(step.discarded, step.restoredAgain);
    expectClean(result);
    expect(lines(result.changes, RDS)).toEqual(["create aws:rds/instance:Instance acme-db-g3", "delete aws:rds/instance:Instance acme-db-g2"]);
    // Only generations 3 (created) and 2 (deleted) change: nothing of the serving acme-db, its replica or the application.
    expect(result.changes.filter((c) => !/^acme-db-g[23](-|$)/.test(c.name)).map((c) => c.name)).toEqual([]);
    expect(input(result.resources, RDS, "acme-db-g3")).toMatchObject({
      identifier: "acme-db-g3", deletionProtection: true, restoreToPointInTime: { sourceDbInstanceIdentifier: "acme-db", restoreTime: "2026-11-20T02:30:00Z" },
    });
    expect(result.resources.find((r) => r.name === "acme-db-g3")!.options.protect).toBe(true);
    expect(appEnv(result.resources)).toMatch(/^DATABASE_HOST=acme-db\.c/m);
  });

  it("2. switches the application, the replica, the alarms, the backups and the output to it; the old one keeps running", async () => {
    const result = await deploy(step.createdNextTo, step.switched);
    expectClean(result);
    expect(lines(result.changes)).toEqual(expect.arrayContaining([
      "create aws:rds/instance:Instance acme-db-g2-replica-1",
      "update aws:ec2/launchTemplate:LaunchTemplate acme-web [userData]",
      "replace(create-before-delete) aws:backup/selection:Selection acme-selection [resources]",
      "replace(create-before-delete) aws:backup/restoreTestingSelection:RestoreTestingSelection acme-restore-test-database [name]",
      "delete aws:rds/instance:Instance acme-db-replica-1",
    ]));
    // The old primary is untouched; only its replica goes (RDS cannot move a replica to another source).
    expect(result.changes.find((c) => c.name === "acme-db")).toBeUndefined();
    const env = appEnv(result.resources);
    expect(env).toMatch(/^DATABASE_HOST=acme-db-g2\.c/m);
    expect(env).toMatch(/^DATABASE_READER_HOSTS=acme-db-g2-replica-1\.c/m);
    expect(input(result.resources, RDS, "acme-db-g2-replica-1")).toMatchObject({ replicateSourceDb: "acme-db-g2" });
    expect(input(result.resources, "aws:backup/selection:Selection", "acme-selection")!["resources"]).toEqual([expect.stringMatching(/:db:acme-db-g2$/)]);
    expect(input(result.resources, "aws:backup/restoreTestingSelection:RestoreTestingSelection", "acme-restore-test-database")).toMatchObject({
      name: "acme_restore_test_db_g2", protectedResourceArns: [expect.stringMatching(/:db:acme-db-g2$/)],
    });
    const alarms = result.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && JSON.stringify(r.inputs).includes("DBInstanceIdentifier"));
    expect(alarms.length).toBeGreaterThan(0);
    expect(alarms.filter((a) => /"acme-db(-replica-1)?"/.test(JSON.stringify(a.inputs))).map((a) => a.name)).toEqual([]);
    expectNothingPointsAtTheOldDatabase(result.resources.filter((r) => r.name !== "acme-db"));
    // Every step creating or updating runs before the old replica's deletion.
    const firstDelete = result.changes.findIndex((c) => c.step === "delete");
    expect(result.changes.slice(firstDelete).every((c) => c.step === "delete" || c.step === "replace")).toBe(true);
  });

  it("3. lifts the old database's protection in a deploy of its own (its final snapshot stays)", async () => {
    const result = await deploy(step.switched, step.retiring);
    expectClean(result);
    // The tag carries the declared reason; a new final snapshot name is drawn when protection is lifted:
    // changed keepers replace a RandomId (terraform-provider-random resource_id.go), and the instance takes the new name.
    expect(lines(result.changes)).toEqual([
      "replace(create-before-delete) random:index/randomId:RandomId acme-db-final-snapshot [keepers]",
      "update aws:cloudwatch/logGroup:LogGroup acme-db-error [tags]",
      "update aws:cloudwatch/logGroup:LogGroup acme-db-slowquery [tags]",
      "update aws:rds/instance:Instance acme-db [deletionProtection, finalSnapshotIdentifier, tags]",
    ]);
    const old = result.resources.find((r) => r.type === RDS && r.name === "acme-db")!;
    expect(old.options).toMatchObject({ protect: false, retainOnDelete: false });
    expect(old.inputs).toMatchObject({ deletionProtection: false, skipFinalSnapshot: false, finalSnapshotIdentifier: expect.stringMatching(/^acme-db-final-[0-9a-f]{8}$/) });
    const before = (await deploy(step.createdNextTo, step.switched)).resources.find((r) => r.type === RDS && r.name === "acme-db")!;
    expect(before.inputs["finalSnapshotIdentifier"]).toMatch(/^acme-db-final-[0-9a-f]{8}$/);
    expect(old.inputs["finalSnapshotIdentifier"]).not.toBe(before.inputs["finalSnapshotIdentifier"]);
    expect(result.resources.find((r) => r.name === "acme-db-g2")!.options.protect).toBe(true);
  });

  it("4. deletes the old database, with its final snapshot, and nothing else", async () => {
    const result = await deploy(step.retiring, step.retired);
    expectClean(result);
    expect(lines(result.changes)).toEqual([
      "delete aws:rds/instance:Instance acme-db",
      "delete aws:cloudwatch/logGroup:LogGroup acme-db-slowquery",
      "delete aws:cloudwatch/logGroup:LogGroup acme-db-error",
      "delete random:index/randomId:RandomId acme-db-final-snapshot",
    ]);
    expectNothingPointsAtTheOldDatabase(result.resources);
  });

  it("5. restores again: generation 3 from a point in time of the serving generation 2, next to it", async () => {
    const result = await deploy(step.retired, step.nextRestore);
    expectClean(result);
    expect(lines(result.changes, RDS)).toEqual(["create aws:rds/instance:Instance acme-db-g3"]);
    expect(input(result.resources, RDS, "acme-db-g3")).toMatchObject({
      identifier: "acme-db-g3", restoreToPointInTime: { sourceDbInstanceIdentifier: "acme-db-g2", restoreTime: "2026-12-04T09:00:00Z" },
    });
  });
});

const SNAPSHOT = "acme-db-final-1a2b3c4d";

describe("a restore into a running tenant", () => {
  it("was refused before database generations: restore on the existing database changes nothing", async () => {
    const { serving } = steps("snapshot");
    const result = await deploy(serving, serving.replace("  readReplicas: 1\n", `  readReplicas: 1\n  restore: { snapshot: ${SNAPSHOT} }\n`));
    expect(result.code).toBe(1);
    expect(result.err).toContain("database.restore: applies only when a database is created; the running database (generation 1) would not change. To restore next to it: generation: 2 with this restore, and previous: { generation: 1, state: serving } (docs/runbooks/restore.md).");
  });

  it("refuses a new generation that would delete the serving database while the restored one is created", async () => {
    const { serving, createdNextTo } = steps("snapshot");
    const result = await deploy(serving, createdNextTo.replace(/^ {2}previous: .*\n/m, ""));
    expect(result.code).toBe(1);
    expect(result.err).toContain("database.generation: changes 1 to 2, which would delete the running database while the new one is created. Keep it running next to the new one: previous: { generation: 1, state: serving }");
  });

  it("refuses to leave the previous database out before it is retired, as the engine would refuse to delete it", async () => {
    const step = steps("snapshot");
    const result = await deploy(step.switched, step.retired);
    expect(result.code).toBe(1);
    expect(result.err).toContain('leaving previous out deletes generation 1 (a final snapshot is kept), which is protected while its state is kept: deploy previous: { generation: 1, state: retiring, reason: "…" } on its own first');
  });

  it("refuses to retire the previous database while it still serves, and a reason without retiring", async () => {
    const step = steps("snapshot");
    const retireServing = await deploy(step.serving, step.retiring);
    expect(retireServing.code).toBe(1);
    expect(retireServing.err).toContain("database.previous.state: retires generation 1 in the deploy that creates generation 2");
    const reasonKept = await deploy(step.createdNextTo, step.switched.replace("state: kept }", 'state: kept, reason: "restored after the incident" }'));
    expect(reasonKept.code).toBe(1);
    expect(reasonKept.err).toContain("database.previous.reason: is read only with state: retiring (the state is kept)");
  });

  it("refuses a second restore (generation 2 to 3) without a source of its own; accepts a new snapshot", async () => {
    const fromSnapshot = steps("snapshot");
    const fromPointInTime = steps("pointInTime");
    const withRestore = (line: string) => fromSnapshot.nextRestore.replace(fromSnapshot.restoreLines.next, line);
    const allowed = "restore: { snapshot: <a snapshot taken for this restore> } or restore: { pointInTime: { sourceInstance: acme-db-g2, time: <UTC time> } } (the serving generation 2)";
    const cases: [string, string, string][] = [
      [fromSnapshot.retired, withRestore(fromSnapshot.restoreLines.snapshot),
        `database.restore: is the source generation 2 was created from, not this restore's. A new generation is created from restore: name this restore's source, ${allowed}`],
      [fromPointInTime.retired, withRestore(fromSnapshot.restoreLines.pointInTime),
        `database.restore: is the source generation 2 was created from, not this restore's. A new generation is created from restore: name this restore's source, ${allowed}`],
      [fromSnapshot.retired, withRestore(fromSnapshot.restoreLines.pointInTime),
        "database.restore.pointInTime.sourceInstance: is acme-db, not the serving generation's instance acme-db-g2: RDS restores a point in time of a running instance by its identifier"],
      [fromSnapshot.retired, fromSnapshot.nextRestore.replace(`${fromSnapshot.restoreLines.next}\n`, ""),
        `database.generation: raises 2 to 3 without restore: the new generation would be an empty database. A new generation is created from restore: name this restore's source, ${allowed}`],
    ];
    for (const [before, after, message] of cases) {
      const result = await deploy(before, after);
      expect(result.code, message).toBe(1);
      expect(result.err).toContain(message);
    }
    const fresh = await deploy(fromPointInTime.retired, withRestore("  restore: { snapshot: acme-db-g2-before-2026-12-04 }"));
    expectClean(fresh);
    expect(input(fresh.resources, RDS, "acme-db-g3")).toMatchObject({ snapshotIdentifier: "acme-db-g2-before-2026-12-04" });
  });

  it("deleting the restored generation without discard: the engine refuses to delete it (protected); the file is refused first with the step to take", async () => {
    const step = steps("snapshot");
    // The engine's view, the restore guard left aside: both files planned on their own and simulated.
    const simulated = simulateUpdate(await planYaml("acme", step.createdNextTo), await planYaml("acme", step.serving));
    expect(simulated.errors).toEqual([expect.stringContaining("aws:rds/instance:Instance acme-db-g2: unable to delete a resource marked for protection")]);
    expect(simulated.changes.filter((c) => c.type === RDS).map((c) => `${c.step} ${c.name}`)).toEqual(["delete acme-db-g2"]);
    const cases: [string, string, string][] = [
      [step.createdNextTo, step.serving,
        'database.generation: goes back to generation 1, which deletes generation 2; it is protected (the engine and RDS refuse to delete it). If generation 2 is wrong: deploy discard: { reason: "…" } on its own first, keeping generation: 2 and previous as they are'],
      [step.createdNextTo, step.restoredAgain,
        "database.generation: restores generation 3 next to generation 1, which deletes generation 2; it is protected"],
    ];
    for (const [before, after, message] of cases) {
      const result = await deploy(before, after);
      expect(result.code, message).toBe(1);
      expect(result.err).toContain(message);
    }
  });

  it("refuses a discard out of place: without a serving previous generation, in the deploy creating the restored generation, kept on going back or restoring again, with the discarded source", async () => {
    const step = steps("snapshot");
    const discardLine = /^ {2}discard: .*\n/m.exec(step.discarded)![0];
    const cases: [string, string, string][] = [
      [step.switched, step.switched.replace("  previous:", `${discardLine}  previous:`),
        "database.discard: discards generation 2 only while the previous generation still serves the application; the application already uses it (previous.state: kept): set previous.state: serving and deploy first"],
      [step.discarded, step.serving.replace("  readReplicas: 1\n", `  readReplicas: 1\n${discardLine}`),
        "database.discard: discards generation 1 only while the previous generation still serves the application; no previous generation runs next to it"],
      [step.discarded, `${step.restoredAgain.replace("  previous:", `${discardLine}  previous:`)}`,
        "database.discard: would create generation 3 unprotected: leave discard out when restoring again"],
      [step.discarded, step.serving.replace("  readReplicas: 1\n", `  readReplicas: 1\n${step.restoreLines.snapshot}\n`),
        "database.restore: is the source of the discarded generation 2, not of generation 1: leave it out, or put back the restore generation 1 was created from"],
      [step.discarded, step.restoredAgain.replace(/^ {2}restore: .*$/m, step.restoreLines.snapshot),
        "database.restore: is the source generation 2 was created from, not this restore's. A new generation is created from restore: name this restore's source, restore: { snapshot: <a snapshot taken for this restore> } or restore: { pointInTime: { sourceInstance: acme-db, time: <UTC time> } } (the serving generation 1)"],
      [step.discarded, step.restoredAgain.replace("state: serving }", "state: kept }"),
        "database.previous: must stay { generation: 1, state: serving } while generation 3 is restored in place of the discarded generation 2"],
      [step.serving, step.discarded,
        "database.discard: would create generation 2 unprotected: discard applies to a generation that exists; deploy it on its own after checking the restored data"],
    ];
    for (const [before, after, message] of cases) {
      const result = await deploy(before, after);
      expect(result.code, message).toBe(1);
      expect(result.err).toContain(message);
    }
  });

  it("undoes each step but the last as the runbook's table says: switch back, protect again", async () => {
    const step = steps("snapshot");
    const switchedBack = await deploy(step.switched, step.createdNextTo);
    expectClean(switchedBack);
    expect(appEnv(switchedBack.resources)).toMatch(/^DATABASE_HOST=acme-db\.c/m);
    expect(lines(switchedBack.changes, RDS)).toEqual(["create aws:rds/instance:Instance acme-db-replica-1", "delete aws:rds/instance:Instance acme-db-g2-replica-1"]);
    const protectedAgain = await deploy(step.retiring, step.switched);
    expectClean(protectedAgain);
    expect(lines(protectedAgain.changes, RDS)).toEqual(["update aws:rds/instance:Instance acme-db [deletionProtection, finalSnapshotIdentifier, tags]"]);
    expect(protectedAgain.resources.find((r) => r.type === RDS && r.name === "acme-db")!.options).toMatchObject({ protect: true, retainOnDelete: true });
  });

  it("refuses the other steps out of order: a previous without a new generation, another previous, going back, restoring again too early, retiring without a reason", async () => {
    const step = steps("snapshot");
    const cases: [string, string, string][] = [
      [step.serving, step.serving.replace("  readReplicas: 1\n", "  readReplicas: 1\n  previous: { generation: 1, state: kept }\n"),
        "database.previous.generation: must be lower than database.generation (1)"],
      [step.retired, step.retired.replace("  restore:", "  previous: { generation: 1, state: kept }\n  restore:"),
        "database.previous: names generation 1, which does not run next to generation 2: previous is added together with a new generation"],
      [step.switched, step.switched.replace("generation: 2\n", "generation: 3\n"),
        "database.generation: generation 1 still runs next to generation 2: retire it (previous.state: retiring, deploy, then leave previous out, deploy) before restoring again"],
      [step.retired, step.serving, "database.generation: goes back from 2 to 1; generations only go up."],
      [step.switched, step.switched.replace("state: kept }", "state: retiring }"), "database.previous.reason: is required with state: retiring"],
    ];
    for (const [before, after, message] of cases) {
      const result = await deploy(before, after);
      expect(result.code, message).toBe(1);
      expect(result.err).toContain(message);
    }
  });
});
