/**
 * Offboarding a tenant, following docs/runbooks/offboard.md step by step on a real git repository:
 * each deploy is the tenant file committed before and edited now (`plan --base HEAD`), and the
 * end is `plan --destroy`, what `pulumi destroy` would do to the stack the last file deployed.
 * A step fails here where the engine or AWS would stop it.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DestroySimulation } from "../../tools/plan/destroy-simulation";
import type { SimulatedChange } from "../../tools/plan/update-simulation";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";
import { git } from "../helpers/git";
import { runPlanCli } from "../helpers/plan-cli";
import { yamlBlocks } from "../helpers/runbook-snippets";
import { removeTempFolders } from "../helpers/temp-tenants";
import { tenantRepository } from "../helpers/tenant-repository";
import { webTenantYaml } from "../helpers/web-tenant";

afterEach(removeTempFolders);

/** A tenant with web, database and backups, as deployed before offboarding. */
const DEPLOYED = `${dataTenantYaml(MYSQL)}backup: { snapshotsKeepDays: 10, backupsKeepDays: 30 }\n`
  .replace("  region: eu-central-1\n", "  region: eu-central-1\n  backupRegion: eu-west-1\n");
/** The runbook's own declaration (its ```yaml block that starts with `offboarding:`), added to the deployed file. */
const DECLARATION = yamlBlocks(readFileSync("docs/runbooks/offboard.md", "utf8")).find((b) => b.text.startsWith("offboarding:"))!.text;
const OFFBOARDING = `${DEPLOYED}${DECLARATION}`;

/** The tenant repository: `deployed` committed as the deployed file. */
function repository(deployed: string) {
  const { dir, file } = tenantRepository(deployed, undefined);
  const tenants = path.dirname(file);
  const json = path.join(dir, "plan.json");
  return {
    /** Edits the file to `next` and plans the deploy against the committed version; commits it when it would succeed. */
    async deploy(next: string) {
      writeFileSync(file, next);
      rmSync(json, { force: true });
      const result = await runPlanCli("acme", "--dir", tenants, "--base", "HEAD", "--json", json, "--quiet", "--enforce-policies");
      if (result.code !== 0 && !existsSync(json)) throw new Error(result.err);
      const changes = (JSON.parse(readFileSync(json, "utf8")) as { changes: SimulatedChange[] }).changes;
      if (result.code === 0) git(dir, "commit", "-qam", "deploy");
      return { ...result, changes };
    },
    /** `pulumi destroy` of the stack the committed file deployed. */
    async destroy(...flags: string[]) {
      const result = await runPlanCli("acme", "--dir", tenants, "--destroy", ...flags, "--json", json, "--quiet");
      return { ...result, destroy: (JSON.parse(readFileSync(json, "utf8")) as { destroy: DestroySimulation }).destroy };
    },
  };
}

const named = (simulation: DestroySimulation, step: string) => simulation.changes.filter((c) => c.step === step && !c.error).map((c) => `${c.type} ${c.name}`);

describe("offboarding a tenant (docs/runbooks/offboard.md)", () => {
  it("destroying the stack as deployed stops at the database's protection and the load balancer's deletion protection", async () => {
    const repo = repository(DEPLOYED);
    const plain = await repo.destroy();
    expect(plain.code).toBe(1);
    const db = plain.destroy.changes.find((c) => c.type === "aws:rds/instance:Instance")!;
    expect(db.error).toBe(`aws:rds/instance:Instance acme-db: resource "${db.urn}" cannot be deleted because it is protected. To unprotect the resource, either remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\`, or use the command: \`pulumi state unprotect '${db.urn}'\``);
    expect(plain.destroy.changes.find((c) => c.type === "aws:lb/loadBalancer:LoadBalancer")!.error)
      .toContain("ELB refuses to delete a load balancer whose deletion protection is on (DeleteLoadBalancer: OperationNotPermitted)");
    // Every protected resource refuses, kept on delete or not.
    expect(plain.destroy.changes.filter((c) => c.error?.includes("because it is protected")).map((c) => c.type).sort()).toEqual([
      "aws:backup/vault:Vault", "aws:backup/vault:Vault", "aws:kms/key:Key", "aws:kms/key:Key", "aws:rds/instance:Instance",
      "aws:s3/bucket:Bucket", "aws:s3/bucket:Bucket", "aws:s3/bucket:Bucket", "cloudflare:index/zone:Zone",
    ]);

    const excluding = await repo.destroy("--exclude-protected");
    expect(excluding.code).toBe(1);
    expect(excluding.destroy.errors).toEqual([expect.stringContaining("aws:lb/loadBalancer:LoadBalancer acme-alb: ELB refuses to delete")]);
    expect(excluding.destroy.remains.filter((r) => r.running).map((r) => r.what)).toEqual([
      "aws:rds/instance:Instance acme-db", "aws:lb/loadBalancer:LoadBalancer acme-alb",
    ]);
  });

  it("removing the web section without lifting deletion protection is refused: AWS keeps the load balancer", async () => {
    const deployed = webTenantYaml();
    const repo = repository(deployed);
    const withoutWeb = deployed.replace(/^web:\n(?: {2}.*\n)+/m, "");
    expect(withoutWeb).not.toContain("web:");
    const result = await repo.deploy(withoutWeb);
    expect(result.code).toBe(1);
    expect(result.changes.find((c) => c.type === "aws:lb/loadBalancer:LoadBalancer")).toMatchObject({
      step: "delete", refusedAt: "delete",
      error: "aws:lb/loadBalancer:LoadBalancer acme-alb: ELB refuses to delete a load balancer whose deletion protection is on (DeleteLoadBalancer: OperationNotPermitted); turn it off in a deploy before (web.loadBalancer.deletionProtection, or offboarding) (tenant file: web changed).",
    });
  });

  it("walks the runbook: declare offboarding and deploy, then destroy excluding what stays protected; nothing keeps running", async () => {
    const repo = repository(DEPLOYED);

    // Step: declare the offboarding, alone, and deploy it.
    const declared = await repo.deploy(OFFBOARDING);
    expect(declared.err).toBe("");
    expect(declared.code).toBe(0);
    expect(declared.changes.find((c) => c.type === "aws:lb/loadBalancer:LoadBalancer")).toMatchObject({ step: "update", fields: ["enableDeletionProtection", "tags"] });
    expect(declared.changes.find((c) => c.type === "aws:rds/instance:Instance" && c.name === "acme-db")).toMatchObject({ step: "update", fields: expect.arrayContaining(["deletionProtection", "tags"]) });
    expect(declared.changes.filter((c) => c.error)).toEqual([]);
    expect(declared.out).toContain("acme: policies: 0 mandatory");

    // Step: destroy. Without --exclude-protected the kept data still stops the engine.
    expect((await repo.destroy()).destroy.errors.every((e) => e.includes("because it is protected"))).toBe(true);
    const destroyed = await repo.destroy("--exclude-protected");
    expect(destroyed.err).toBe("");
    expect(destroyed.code).toBe(0);
    const { destroy } = destroyed;
    expect(destroy.errors).toEqual([]);
    expect(named(destroy, "delete")).toEqual(expect.arrayContaining([
      "aws:rds/instance:Instance acme-db", "aws:lb/loadBalancer:LoadBalancer acme-alb", "aws:autoscaling/group:Group acme-web",
      "aws:ec2/natGateway:NatGateway acme-nat-a", "aws:backup/plan:Plan acme-plan",
    ]));
    expect(named(destroy, "keep").filter((n) => !n.startsWith("aws:ec2/") && !n.startsWith("aws:kms/alias")).sort()).toEqual([
      "aws:backup/vault:Vault acme-offsite-vault", "aws:backup/vault:Vault acme-vault",
      "aws:kms/key:Key acme-key", "aws:kms/key:Key acme-offsite-key",
      "aws:s3/bucket:Bucket acme-access-logs", "aws:s3/bucket:Bucket acme-backups", "aws:s3/bucket:Bucket acme-backups-offsite",
      "cloudflare:index/zone:Zone acme-zone",
    ]);
    // The database leaves its final snapshot and its automated backups; nothing keeps running.
    expect(destroy.remains.map((r) => r.what)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^RDS snapshot acme-db-final-[0-9a-f]{8}$/),
      "RDS automated backups of acme-db",
    ]));
    expect(destroy.remains.filter((r) => r.running)).toEqual([]);
    const monthly = /acme: still running afterwards: nothing; the resources that remain cost about (\d+\.\d\d) USD\/month/.exec(destroyed.out);
    // Keys and buckets: a few dollars, no instance hours.
    expect(Number(monthly?.[1])).toBeGreaterThan(0);
    expect(Number(monthly?.[1])).toBeLessThan(20);
  });

  describe("with a previous database generation still running (restored side by side, docs/runbooks/restore.md)", () => {
    const withGeneration = (previous: string) => DEPLOYED.replace('  instanceClass: db.t4g.medium\n',
      `  instanceClass: db.t4g.medium\n  generation: 2\n  restore: { snapshot: acme-db-final-1a2b3c4d }\n  previous: ${previous}\n`);
    const RETIRING = withGeneration('{ generation: 1, state: retiring, reason: "restored after the 2026-11-20 incident" }');

    it.each([
      ["serving", "{ generation: 1, state: serving }",
        "database.previous.state: is serving: offboarding lifts the protection of generation 2 only, so the destroy would leave generation 1 running, with its network. Finish the restore first, then declare offboarding: discard generation 2 (discard, deploy; then generation: 1 without previous, deploy), or switch to it and retire generation 1 (previous.state: kept, deploy; then previous.state: retiring with a reason, deploy)"],
      ["kept", "{ generation: 1, state: kept }",
        "database.previous.state: is kept: offboarding lifts the protection of generation 2 only, so the destroy would leave generation 1 running, with its network. Finish the restore first, then declare offboarding: retire generation 1 (previous.state: retiring with a reason, deploy)"],
    ])("refuses offboarding while the previous generation is %s: it would stay protected and running", async (_state, previous, message) => {
      const deployed = withGeneration(previous);
      const repo = repository(deployed);
      const result = await repo.deploy(`${deployed}${DECLARATION}`).catch((error: Error) => ({ code: 1, err: error.message }));
      expect(result.code).toBe(1);
      expect(result.err).toContain(message);
    });

    it("accepts it once the previous generation is retiring: the destroy deletes both generations, each after its final snapshot, and nothing keeps running", async () => {
      const repo = repository(RETIRING);
      const declared = await repo.deploy(`${RETIRING}${DECLARATION}`);
      expect(declared.err).toBe("");
      expect(declared.code).toBe(0);
      const { destroy, code } = await repo.destroy("--exclude-protected");
      expect(destroy.errors).toEqual([]);
      expect(code).toBe(0);
      expect(named(destroy, "delete")).toEqual(expect.arrayContaining(["aws:rds/instance:Instance acme-db", "aws:rds/instance:Instance acme-db-g2"]));
      expect(destroy.remains.map((r) => r.what)).toEqual(expect.arrayContaining([
        expect.stringMatching(/^RDS snapshot acme-db-final-[0-9a-f]{8}$/), expect.stringMatching(/^RDS snapshot acme-db-g2-final-[0-9a-f]{8}$/),
      ]));
      expect(destroy.remains.filter((r) => r.running)).toEqual([]);
    });
  });

  it.each([
    [["--exclude-protected"], "--exclude-protected goes with --destroy"],
    [["--destroy", "--base", "HEAD"], "--destroy simulates destroying the stack the tenant file deployed: it takes no --base"],
  ])("refuses the command line %j before planning anything", async (flags, message) => {
    const result = await runPlanCli("example", "--dir", "samples", ...flags);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });
});
