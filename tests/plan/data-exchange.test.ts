/**
 * Data exchange between tenants, planned from real tenant folders: the exporter grants exactly the
 * named partners' app roles, the partner gets read access to exactly the exporters naming it, a
 * partner removed from the list loses both on the next deploy, and unknown partners are refused.
 * What ExportLocation makes of its partners is tested alone (tests/components/export-location.test.ts).
 */
import { git } from "../helpers/git";
import { afterAll, describe, expect, it } from "vitest";
import { exportBucketName } from "../../components/data-exchange";
import { planAtRevision } from "../../tools/plan/plan-at-revision";
import { planTenant } from "../../tools/plan/run-plan";
import type { TenantPlan } from "../../policies/plan-types";
import { loadFleet, listTenantFiles } from "../../tenant-schema/tenant-files";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { featureTenantYaml } from "../helpers/feature-tenant";
import { idOf, named, userDataText } from "../helpers/plan-queries";
import { removeTempFolders, tempFolder, writeTenant } from "../helpers/temp-tenants";

afterAll(removeTempFolders);

const ACCOUNTS = { alpha: "111111111111", beta: "222222222222", gamma: "333333333333" } as const;

interface Statement { Sid: string; Effect: string; Principal?: { AWS: string }; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, Record<string, unknown>> }

function fleet(partnersOfAlpha: string[]): string {
  const dir = tempFolder();
  writeTenant(dir, "alpha", featureTenantYaml({ account: ACCOUNTS.alpha, zone: "alpha.example", partners: partnersOfAlpha }));
  writeTenant(dir, "beta", featureTenantYaml({ account: ACCOUNTS.beta, zone: "beta.example", cidr: "10.21.0.0/16", region: "eu-west-1" }));
  writeTenant(dir, "gamma", featureTenantYaml({ account: ACCOUNTS.gamma, zone: "gamma.example", cidr: "10.22.0.0/16" }));
  return dir;
}

function statementsOf(plan: TenantPlan, type: string, name: string): Statement[] {
  return (JSON.parse(named(plan, type, name).inputs["policy"] as string) as { Statement: Statement[] }).Statement;
}

function bucketGrants(plan: TenantPlan): Statement[] {
  return statementsOf(plan, "aws:s3/bucketPolicy:BucketPolicy", "alpha-exchange").filter((s) => s.Effect === "Allow");
}

describe("data exchange", () => {
  it("grants exactly the named partners' app roles read access, through account and role path", async () => {
    const dir = fleet(["beta", "gamma"]);
    const alpha = await planTenant("alpha", dir);
    const bucket = exportBucketName({ tenantId: "alpha", accountId: ACCOUNTS.alpha, region: "eu-central-1" });
    expect(named(alpha, "aws:s3/bucket:Bucket", "alpha-exchange").inputs["bucket"]).toBe(bucket);
    const grants = bucketGrants(alpha);
    expect(grants.map((s) => [s.Sid, s.Principal?.AWS, s.Action, s.Resource, s.Condition])).toEqual([
      ["PartnerListbeta", "arn:aws:iam::222222222222:root", "s3:ListBucket", `arn:aws:s3:::${bucket}`, { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::222222222222:role/beta-instances-*" }, StringEquals: { "aws:PrincipalTag/tenant-platform-app-role": "beta" } }],
      ["PartnerReadbeta", "arn:aws:iam::222222222222:root", "s3:GetObject", `arn:aws:s3:::${bucket}/*`, { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::222222222222:role/beta-instances-*" }, StringEquals: { "aws:PrincipalTag/tenant-platform-app-role": "beta" } }],
      ["PartnerListgamma", "arn:aws:iam::333333333333:root", "s3:ListBucket", `arn:aws:s3:::${bucket}`, { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::333333333333:role/gamma-instances-*" }, StringEquals: { "aws:PrincipalTag/tenant-platform-app-role": "gamma" } }],
      ["PartnerReadgamma", "arn:aws:iam::333333333333:root", "s3:GetObject", `arn:aws:s3:::${bucket}/*`, { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::333333333333:role/gamma-instances-*" }, StringEquals: { "aws:PrincipalTag/tenant-platform-app-role": "gamma" } }],
    ]);
    // The key lets the same partners decrypt (the statements' scoping is checked on ExportLocation alone).
    const key = JSON.parse(named(alpha, "aws:kms/key:Key", "alpha-exchange").inputs["policy"] as string) as { Statement: Statement[] };
    expect(key.Statement.filter((s) => s.Action === "kms:Decrypt").map((s) => s.Principal?.AWS)).toEqual(["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"]);
    // The app role carries the tag and the name the grants name (and keeps its path: no role is replaced).
    const role = alpha.resources.find((r) => r.type === "aws:iam/role:Role" && r.name === "alpha-instances")!;
    expect(role.inputs["tags"]).toMatchObject({ "tenant-platform-app-role": "alpha" });
    expect(role.inputs["path"]).toBeUndefined();
    expect(idOf(alpha, role)).toMatch(/^alpha-instances-[0-9a-f]{7}$/);
  });

  it("gives a partner read access to exactly the exporters that name it, and tells its app where", async () => {
    const dir = fleet(["beta"]);
    const beta = await planTenant("beta", dir);
    const gamma = await planTenant("gamma", dir);
    const bucket = exportBucketName({ tenantId: "alpha", accountId: ACCOUNTS.alpha, region: "eu-central-1" });
    const reads = statementsOf(beta, "aws:iam/rolePolicy:RolePolicy", "beta-exchange-reader");
    expect(reads.map((s) => [s.Action, s.Resource])).toEqual([
      ["s3:ListBucket", `arn:aws:s3:::${bucket}`],
      ["s3:GetObject", `arn:aws:s3:::${bucket}/*`],
      ["kms:Decrypt", "arn:aws:kms:eu-central-1:111111111111:key/*"],
    ]);
    expect(reads[2]!.Condition).toEqual({
      "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/tenant/alpha-exchange" },
      StringEquals: { "kms:ViaService": "s3.eu-central-1.amazonaws.com" },
    });
    expect(userDataText(beta, "beta-web")).toMatch(new RegExp(`EXCHANGE_FROM_ALPHA_BUCKET=${bucket}$`, "m"));
    // gamma is not named: no reader policy, nothing of alpha's anywhere in its plan.
    expect(gamma.resources.some((r) => r.name.includes("exchange"))).toBe(false);
    expect(JSON.stringify(gamma).includes(bucket)).toBe(false);
  });

  it("revokes a removed partner on the next deploy: its grant and its read policy are gone", async () => {
    const before = fleet(["beta", "gamma"]);
    const after = fleet(["beta"]);
    const alphaBefore = await planTenant("alpha", before);
    const alphaAfter = await planTenant("alpha", after);
    expect(bucketGrants(alphaBefore).some((s) => s.Sid.endsWith("gamma"))).toBe(true);
    expect(bucketGrants(alphaAfter).map((s) => s.Sid)).toEqual(["PartnerListbeta", "PartnerReadbeta"]);
    const keyAfter = named(alphaAfter, "aws:kms/key:Key", "alpha-exchange").inputs["policy"] as string;
    expect(keyAfter).not.toContain(ACCOUNTS.gamma);
    // The revocation changes policies in place: the bucket and key keep their URNs and names.
    expect(named(alphaAfter, "aws:s3/bucket:Bucket", "alpha-exchange").inputs).toEqual(named(alphaBefore, "aws:s3/bucket:Bucket", "alpha-exchange").inputs);
    const gammaBefore = await planTenant("gamma", before);
    const gammaAfter = await planTenant("gamma", after);
    expect(gammaBefore.resources.some((r) => r.name === "gamma-exchange-reader")).toBe(true);
    expect(gammaAfter.resources.some((r) => r.name === "gamma-exchange-reader")).toBe(false);
  });

  it("refuses a partner that is not in the fleet, naming the known tenants", async () => {
    const dir = fleet(["beta", "delta"]);
    const issues = loadFleet(listTenantFiles(dir)).issues;
    expect(formatIssues(issues).replaceAll(`${dir}/`, "")).toBe(
      'alpha.yaml:17:20: exchange.partners[1]: "delta" is not a tenant of the fleet; known tenants: beta, gamma',
    );
    await expect(planTenant("alpha", dir)).rejects.toThrow('"delta" is not a tenant of the fleet; known tenants: beta, gamma');
  });

  it("refuses the tenant itself, and partners without an account id", () => {
    const dir = tempFolder();
    writeTenant(dir, "alpha", featureTenantYaml({ account: ACCOUNTS.alpha, zone: "alpha.example", partners: ["alpha", "beta"] }));
    writeTenant(dir, "beta", featureTenantYaml({ account: ACCOUNTS.beta, zone: "beta.example", cidr: "10.21.0.0/16" }).replace(`  accountId: "${ACCOUNTS.beta}"\n`, ""));
    const messages = loadFleet(listTenantFiles(dir)).issues.map((issue) => issue.message);
    expect(messages).toEqual([
      '"alpha" is this tenant; partners are other tenants of the fleet',
      `tenant beta (${dir}/beta.yaml) has no aws.accountId; the grant names the partner's account, so set it there`,
    ]);
  });
});

describe("exchange and mail across the fleet", () => {
  it("says a partner's file has errors rather than calling it unknown", () => {
    const dir = fleet(["beta"]);
    writeTenant(dir, "beta", "aws: { region: nowhere }\n");
    const messages = loadFleet(listTenantFiles(dir)).issues.map((issue) => issue.message);
    expect(messages).toContain("tenant beta's file has errors (listed with it); fix it before exchanging with it");
    expect(messages.some((m) => m.includes("is not a tenant of the fleet"))).toBe(false);
  });

  it("refuses a second tenant sending mail for the same zone", () => {
    const dir = tempFolder();
    writeTenant(dir, "alpha", featureTenantYaml({ account: ACCOUNTS.alpha, zone: "shared.example", extra: ["mail: {}"] }));
    writeTenant(dir, "beta", featureTenantYaml({ account: ACCOUNTS.beta, zone: "shared.example", cidr: "10.21.0.0/16", extra: ["mail: {}"] })
      .replace('hostnames: ["@", www]', "hostnames: [shop]")
      .replace(`  accountId: ${"0123456789abcdef0123456789abcdef"}`, "  zoneId: 0123456789abcdef0123456789abcdef\n  manageZone: false"));
    const messages = loadFleet(listTenantFiles(dir)).issues.map((issue) => `${issue.path}: ${issue.message}`);
    expect(messages).toEqual([`mail: shared.example already sends mail for tenant alpha (${dir}/alpha.yaml); a zone has one SES identity and one DMARC record, so one tenant declares mail`]);
  });
});

describe("an exchanging tenant's base revision", () => {
  it("plans among the fleet, so its cost before and the report's comparison resolve its partners", async () => {
    const dir = fleet(["beta"]);
    const inRepo = (...args: string[]) => git(dir, ...args);
    inRepo("init", "-q");
    inRepo("add", "-A");
    inRepo("commit", "-qm", "base");
    writeTenant(dir, "alpha", featureTenantYaml({ account: ACCOUNTS.alpha, zone: "alpha.example", partners: ["beta", "gamma"] }));
    const all = loadFleet(listTenantFiles(dir)).tenants;
    const alpha = all.find((t) => t.spec.id === "alpha")!;
    const version = await planAtRevision("HEAD", alpha, all);
    if (version.kind !== "planned") throw new Error(`expected a plan, got ${JSON.stringify(version)}`);
    // The base version granted beta only; planned alone it would not even know beta.
    expect(bucketGrants(version.plan).map((s) => s.Sid)).toEqual(["PartnerListbeta", "PartnerReadbeta"]);
    expect(version.tenant.spec.exchange?.partners).toEqual(["beta"]);
  });
});
