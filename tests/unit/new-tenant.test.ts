/** `npm run tenant:new` scaffolds a valid tenant file and stack config, or writes nothing. */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../tools/cli/tenant-new";
import { loadTenantFile } from "../../tenant-schema/load-tenant";
import { planTenant } from "../../tools/plan/run-plan";
import { removeTempFolders, tempFolder, tenantYaml, writeTenant } from "../helpers/temp-tenants";

afterEach(removeTempFolders);

function project(): { root: string; tenants: string } {
  const root = tempFolder();
  const tenants = path.join(root, "tenants");
  mkdirSync(tenants);
  return { root, tenants };
}

function run(root: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, root);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run tenant:new", () => {
  it("writes a tenant file that validates and plans, and the stack's config", async () => {
    const { root, tenants } = project();
    const result = run(root, "shop", "--domain", "shop.example", "--account", "0123456789abcdef0123456789abcdef", "--region", "eu-west-1");
    expect(result.code).toBe(0);
    const loaded = loadTenantFile(path.join(tenants, "shop.yaml"));
    expect(loaded.ok && loaded.tenant.spec).toMatchObject({ id: "shop", aws: { region: "eu-west-1", backupRegion: "eu-central-1" }, edge: { zone: "shop.example" } });
    expect(readFileSync(path.join(root, "Pulumi.shop.yaml"), "utf8")).toContain("tenant-platform:tenantsDir: tenants");
    const plan = await planTenant("shop", tenants);
    expect(plan.resources.some((r) => r.type === "aws:rds/instance:Instance")).toBe(true);
  });

  it("points the stack at the folder it wrote the file into (--dir), so pulumi up reads that file", () => {
    const { root } = project();
    const fleet = path.join(root, "fleets", "eu");
    mkdirSync(fleet, { recursive: true });
    expect(run(root, "shop", "--domain", "shop.example", "--zone-id", "0123456789abcdef0123456789abcdef", "--dir", fleet).code).toBe(0);
    expect(existsSync(path.join(fleet, "shop.yaml"))).toBe(true);
    expect(readFileSync(path.join(root, "Pulumi.shop.yaml"), "utf8")).toContain("tenant-platform:tenantsDir: fleets/eu\n");
  });

  it("starts from a preset when asked, leaving the sizing to it", () => {
    const { root, tenants } = project();
    expect(run(root, "big", "--domain", "big.example", "--zone-id", "0123456789abcdef0123456789abcdef", "--preset", "large").code).toBe(0);
    const text = readFileSync(path.join(tenants, "big.yaml"), "utf8");
    expect(text).toMatch(/^preset: large/m);
    expect(text).not.toContain("instanceType");
    const loaded = loadTenantFile(path.join(tenants, "big.yaml"));
    expect(loaded.ok && loaded.tenant.spec).toMatchObject({ network: { zones: 3, nat: "perZone" }, web: { instanceType: "m7g.xlarge" }, database: { instanceClass: "db.r7g.xlarge", readReplicas: 2 } });
    const refused = run(root, "odd", "--domain", "odd.example", "--zone-id", "0123456789abcdef0123456789abcdef", "--preset", "huge");
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("--preset huge is not a preset; choose small, medium, large");
    expect(existsSync(path.join(tenants, "odd.yaml"))).toBe(false);
  });

  it("refuses a domain another tenant already serves, writing nothing", () => {
    const { root, tenants } = project();
    writeTenant(tenants, "first", tenantYaml({}, "taken.example"));
    const result = run(root, "second", "--domain", "taken.example", "--zone-id", "fedcba9876543210fedcba9876543210");
    expect(result.code).toBe(1);
    expect(result.err).toContain("taken.example is already claimed by tenant first");
    expect(result.err.endsWith("nothing written")).toBe(true);
    expect(existsSync(path.join(tenants, "second.yaml"))).toBe(false);
    expect(existsSync(path.join(root, "Pulumi.second.yaml"))).toBe(false);
  });

  it("refuses an invalid id or an existing file, writing nothing", () => {
    const { root, tenants } = project();
    const bad = run(root, "Shop_1", "--domain", "shop.example", "--account", "0123456789abcdef0123456789abcdef");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"Shop_1" is not a valid tenant id');
    writeTenant(tenants, "shop", tenantYaml({}));
    const again = run(root, "shop", "--domain", "shop.example", "--account", "0123456789abcdef0123456789abcdef");
    expect(again).toMatchObject({ code: 1, err: `tenant shop exists already (${path.join(tenants, "shop.yaml")}); nothing written` });
  });

  it("explains a command line without domain or zone", () => {
    const { root } = project();
    expect(run(root, "shop").code).toBe(2);
    expect(run(root, "shop", "--domain", "shop.example").err).toContain("either --account (create the zone) or --zone-id (an existing zone)");
  });
});
