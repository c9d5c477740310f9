/** The canary: a tenant file moved into the sandbox, and each stage of the run a valid file with one declared change. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ADMIN_ALLOWED, ADMIN_PATH, canaryStages, LIVENESS_PATH } from "../../tools/acceptance/canary";
import { expectedChecks } from "../../tools/acceptance/run-acceptance";
import { loadTenantFile } from "../../tenant-schema/load-tenant";

const SETTINGS = { id: "acc-run1", zone: "sandbox.example", zoneId: "0123456789abcdef0123456789abcdef", image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/smoke:1" };

describe("canary", () => {
  it("moves the tenant into the sandbox zone with the smoke image, keeping its sections", () => {
    const source = loadTenantFile("samples/lifesum.yaml");
    if (!source.ok) throw new Error("sample does not load");
    const { base } = canaryStages("samples/lifesum.yaml", SETTINGS);
    const spec = base.spec;
    expect(spec.id).toBe("acc-run1");
    expect(spec.edge).toMatchObject({ zone: "sandbox.example", zoneId: SETTINGS.zoneId, hostnames: ["acc-run1"], delegated: true, records: [] });
    expect(spec.edge.waf.adminPaths).toEqual([{ path: ADMIN_PATH, allow: [ADMIN_ALLOWED] }]);
    expect(spec.web?.app).toMatchObject({ image: SETTINGS.image, port: 8080, env: {}, secrets: {} });
    expect(spec.web?.healthCheck.path).toBe(LIVENESS_PATH);
    expect(spec.web?.workers?.command).toEqual(["node", "src/idle-worker.mjs"]);
    expect(spec.aws.accountId).toBeUndefined();
    expect(spec.aws.deployRoleArn).toBeUndefined();
    expect(spec.backup?.vaultLock).toBeUndefined();
    expect(spec.tags?.["acceptance-run"]).toBe("acc-run1");
    // What the app is checked for follows the file's sections.
    expect(expectedChecks(spec)).toEqual(expectedChecks(source.tenant.spec));
    expect(spec.database?.instanceClass).toBe(source.tenant.spec.database?.instanceClass);
    expect(spec.network.cidr).toBe(source.tenant.spec.network.cidr);
  });

  it("builds the restore drill, its discard and the offboarding as valid stages", () => {
    const stages = canaryStages("samples/example.yaml", SETTINGS);
    const arn = "arn:aws:rds:eu-central-1:123456789012:snapshot:awsbackup:job-0a1b2c3d";
    expect(stages.drill(arn).spec.database).toMatchObject({ generation: 2, restore: { snapshot: arn }, previous: { generation: 1, state: "serving" } });
    expect(stages.discard(arn).spec.database).toMatchObject({ generation: 2, discard: { reason: expect.any(String) } });
    expect(stages.offboard.spec.offboarding?.reason).toMatch(/acceptance run is over/);
    expect(stages.base.spec.database?.generation).toBe(1);
    expect(stages.base.text).toMatch(/^# The acceptance run's canary \(deploy\)/);
  });

  it("refuses a drill for a file without a database, and a canary id that is no tenant id", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "canary-"));
    const file = path.join(dir, "shop.yaml");
    writeFileSync(file, "aws:\n  region: eu-central-1\nnetwork:\n  cidr: 10.20.0.0/16\nedge:\n  zone: shop.example\n  hostnames: [\"@\"]\n  zoneId: 0123456789abcdef0123456789abcdef\nweb:\n  instanceType: t4g.small\n  app: { image: \"ghcr.io/acme/site:1.0\", port: 8080 }\n  scaling: { min: 1, max: 2 }\n");
    const stages = canaryStages(file, SETTINGS);
    expect(expectedChecks(stages.base.spec)).toEqual([]);
    expect(() => stages.drill("arn:aws:rds:eu-central-1:123456789012:snapshot:x")).toThrow(/shop\.yaml: has no database section, so there is nothing to restore/);
    expect(() => canaryStages(file, { ...SETTINGS, id: "Bad_Id" })).toThrow(/canary \(deploy\) is not a valid tenant file/);
  });
});
