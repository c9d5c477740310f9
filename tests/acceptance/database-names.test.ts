/**
 * The acceptance run finds the canary's databases by the program's naming rule
 * (components/database/generation.ts), not by names of its own: under another rule, here one
 * that names the tenant's database `<tenant>-rds` and a restored generation `<identifier>-gen<N>`,
 * the run looks for exactly the DB instances the program's plan of each stage creates.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import type * as NamingRule from "../../components/database/generation";
import type { TenantPlan } from "../../policies/plan-types";
import { AwsCliCloud } from "../../tools/acceptance/aws-cli-cloud";
import { canaryStages } from "../../tools/acceptance/canary";
import { generationIdentifier, isTenantDatabaseIdentifier } from "../../tools/acceptance/database-identifiers";
import { DEFAULT_TIMEOUTS, expectedChecks, runAcceptance } from "../../tools/acceptance/run-acceptance";
import { FakeClock, FakeCloud, FakeEngine, FakeWeb, FakeWorld, FakeZone } from "../helpers/fake-acceptance-world";
import { planYaml, removeTempFolders } from "../helpers/temp-tenants";

vi.mock("../../components/database/generation", async (importOriginal) => {
  const rule = await importOriginal<typeof NamingRule>();
  return {
    ...rule,
    tenantDatabaseIdentifier: (tenantId: string) => `${tenantId}-rds`,
    generationNames: (name: string, identifier: string, generation: number) => {
      const names = rule.generationNames(name, identifier, generation);
      return generation === 1 ? names : { ...names, identifier: `${identifier}-gen${generation}` };
    },
  };
});

afterAll(removeTempFolders);

const SETTINGS = { id: "acc-run1", zone: "sandbox.example", zoneId: "0123456789abcdef0123456789abcdef", image: "ghcr.io/acme/smoke:1.0" };
const RDS = "aws:rds/instance:Instance";

/** The identifiers of the primaries (not the replicas) a plan creates. */
const primaries = (plan: TenantPlan) => plan.resources.filter((r) => r.type === RDS && r.inputs["replicateSourceDb"] === undefined).map((r) => String(r.inputs["identifier"]));

describe("the acceptance run's database names", () => {
  it("are the program's: the first generation, then the drill's restored generation 2", async () => {
    const stages = canaryStages("samples/example.yaml", SETTINGS);
    const fakeWorld = new FakeWorld();
    const cloud = new FakeCloud(fakeWorld);
    const recoveryPoint = cloud.recoveryPoint;
    const deployed = primaries(await planYaml(SETTINGS.id, stages.base.text));
    const drilled = primaries(await planYaml(SETTINGS.id, stages.drill(recoveryPoint).text));
    expect(deployed).toEqual(["acc-run1-rds"]);
    expect(drilled.sort()).toEqual(["acc-run1-rds", "acc-run1-rds-gen2"]);
    // The fake account holds exactly the instances the program creates.
    cloud.databases = new Set([...deployed, ...drilled]);
    const files = new Map<string, string>();
    const engine = new FakeEngine(files, { loadBalancerDnsName: "acc-run1-alb-123.eu-central-1.elb.amazonaws.com", backupVaultArn: "arn:aws:backup:eu-central-1:123456789012:backup-vault:acc-run1-vault-1a2b" }, fakeWorld);
    const report = await runAcceptance({ stages, keep: false, timeouts: DEFAULT_TIMEOUTS }, {
      engine, cloud, zone: new FakeZone(fakeWorld, cloud.deletedRetained), web: new FakeWeb("acc-run1.sandbox.example", expectedChecks(stages.base.spec)), clock: new FakeClock(), log: () => undefined,
      tenantFile: (dir, id, text) => (text === undefined ? files.delete(`${dir}/${id}.yaml`) : files.set(`${dir}/${id}.yaml`, text)),
    });
    expect(report.steps.filter((s) => s.status !== "passed").map((s) => `${s.name}: ${s.detail}`)).toEqual([]);
    expect(cloud.databaseLookups).toEqual(["acc-run1-rds", "acc-run1-rds-gen2"]);
    expect(cloud.startedBackups.map((b) => b.resourceArn)).toEqual(["arn:aws:rds:eu-central-1:123456789012:db:acc-run1-rds"]);
    expect(report.steps.find((s) => s.name === "restore side by side")?.detail).toBe(`acc-run1-rds-gen2 restored from ${recoveryPoint}`);
  });

  it("are the program's when the run purges the automated backups its instances left", async () => {
    expect([1, 2, 99].map((generation) => generationIdentifier("acc-1", generation))).toEqual(["acc-1-rds", "acc-1-rds-gen2", "acc-1-rds-gen99"]);
    expect(["acc-1-rds", "acc-1-rds-gen2", "acc-1-rds-gen99"].every((id) => isTenantDatabaseIdentifier("acc-1", id))).toBe(true);
    // The former names, a replica, a generation the schema refuses and another tenant's are not the tenant's.
    expect(["acc-1-db", "acc-1-db-g2", "acc-1-rds-replica-1", "acc-1-rds-gen100", "acc-10-rds"].some((id) => isTenantDatabaseIdentifier("acc-1", id))).toBe(false);
    const backups = { DBInstanceAutomatedBackups: ["acc-1-rds-gen2", "acc-1-db-g2"].map((id, i) => ({ DBInstanceIdentifier: id, DbiResourceId: `db-${i}`, Status: "retained" })) };
    const calls: string[] = [];
    const cli = (args: readonly string[], region: string) => {
      calls.push(`${args.join(" ")} @${region}`);
      return Promise.resolve(args[1] === "describe-db-instance-automated-backups" ? backups : {});
    };
    expect(await new AwsCliCloud(cli).purgeRetainedData("acc-1", ["eu-central-1"])).toEqual(["automated backups of acc-1-rds-gen2 deleted"]);
    expect(calls.filter((c) => c.startsWith("rds delete-db-instance-automated-backup"))).toEqual(["rds delete-db-instance-automated-backup --dbi-resource-id db-0 @eu-central-1"]);
  });
});
