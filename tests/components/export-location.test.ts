/**
 * The ExportLocation component on its own: what its doc comments promise
 * (components/data-exchange/export-location.ts): a bucket named `<tenant>-exchange-<account>`,
 * versioned, encrypted with its own rotating key (alias `tenant/<id>-exchange`), private, TLS
 * only, readable by exactly the given partners' app roles (by account, role-name prefix and
 * app-role tag), written by the given writer role; bucket and key protected and kept.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ExportLocation, type ExchangeParty, type ExportLocationArgs } from "../../components/data-exchange";
import { PlanRefusedError } from "../../tools/plan/refusals";
import { planComponent, type ComponentPlan } from "../helpers/component-plan";
import { child, childrenOfType, conventionViolations, idOf } from "./conventions";

const BUCKET = "aws:s3/bucket:Bucket";
const KEY = "aws:kms/key:Key";
const EXPORTER: ExchangeParty = { tenantId: "shop", accountId: "111111111111", region: "eu-central-1" };
/** Out of order: the grants come sorted by tenant id. */
const PARTNERS: ExchangeParty[] = [
  { tenantId: "gamma-co", accountId: "333333333333", region: "eu-west-1" },
  { tenantId: "beta", accountId: "222222222222", region: "eu-central-1" },
];
const ARGS: ExportLocationArgs = { exporter: EXPORTER, partners: PARTNERS, writerRoleName: "shop-instances-0a1b2c3" };
const BUCKET_ARN = "arn:aws:s3:::shop-exchange-111111111111";

const planExport = (args: ExportLocationArgs) => planComponent(({ opts }) => new ExportLocation("shop", args, opts));

interface Statement { Sid: string; Effect: string; Principal?: unknown; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, Record<string, unknown>> }
const statementsOf = (plan: ComponentPlan, type: string, name: string): Statement[] =>
  (JSON.parse(child(plan, type, name).inputs["policy"] as string) as { Statement: Statement[] }).Statement;
/** The conditions naming one partner's app roles. */
const appRolesOf = (tenant: string, account: string) => ({
  ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${account}:role/${tenant}-instances-*` },
  StringEquals: { "aws:PrincipalTag/tenant-platform-app-role": tenant },
});

let plan: ComponentPlan;
let alone: ComponentPlan;
beforeAll(async () => {
  plan = await planExport(ARGS);
  alone = await planExport({ exporter: EXPORTER, partners: [], keepDays: 3 });
});

describe("ExportLocation, alone", () => {
  it("keeps the component conventions: children below it on the given provider, named shop-…, outputs registered", () => {
    expect(conventionViolations(plan, { type: "tenant-platform:exchange:ExportLocation", name: "shop", outputs: ["bucketName", "keyArn"] })).toEqual([]);
    expect(plan.componentOutputs).toEqual({
      bucketName: "shop-exchange-111111111111",
      keyArn: expect.stringMatching(/^arn:aws:kms:eu-central-1:123456789012:key\//),
    });
  });

  it("names the bucket and key alias after the exporter, so partners find them by name; both kept whatever the program does", () => {
    const bucket = child(plan, BUCKET, "shop-exchange");
    expect(bucket.inputs).toMatchObject({ bucket: "shop-exchange-111111111111", region: "eu-central-1", forceDestroy: false });
    expect(child(plan, "aws:kms/alias:Alias", "shop-exchange").inputs).toMatchObject({ name: "alias/tenant/shop-exchange", targetKeyId: idOf(plan, child(plan, KEY, "shop-exchange")) });
    for (const kept of [bucket, child(plan, KEY, "shop-exchange")]) expect(kept.options, kept.type).toMatchObject({ protect: true, retainOnDelete: true });
    expect(child(plan, KEY, "shop-exchange").inputs).toMatchObject({ region: "eu-central-1", enableKeyRotation: true, deletionWindowInDays: 30 });
  });

  it("encrypts with its own key, keeps exports 30 days by default and old versions 7, blocks public access", () => {
    expect(child(plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "shop-exchange").inputs["rules"])
      .toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: plan.componentOutputs["keyArn"] }, bucketKeyEnabled: true }]);
    const lifecycle = (outOf: ComponentPlan) => child(outOf, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "shop-exchange").inputs["rules"];
    expect(lifecycle(plan)).toEqual([expect.objectContaining({ expiration: { days: 30 }, noncurrentVersionExpiration: { noncurrentDays: 7 } })]);
    expect(lifecycle(alone)).toEqual([expect.objectContaining({ expiration: { days: 3 } })]);
    expect(child(plan, "aws:s3/bucketVersioning:BucketVersioning", "shop-exchange").inputs["versioningConfiguration"]).toEqual({ status: "Enabled" });
    expect(child(plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "shop-exchange").inputs).toMatchObject({
      blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
  });

  it("lets exactly the partners' app roles list and read the bucket, TLS only; with no partner, nobody", () => {
    const statements = statementsOf(plan, "aws:s3/bucketPolicy:BucketPolicy", "shop-exchange");
    expect(statements[0]).toMatchObject({ Sid: "DenyInsecureTransport", Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expect(statements.slice(1).map((s) => [s.Sid, s.Principal, s.Action, s.Resource, s.Condition])).toEqual([
      ["PartnerListbeta", { AWS: "arn:aws:iam::222222222222:root" }, "s3:ListBucket", BUCKET_ARN, appRolesOf("beta", "222222222222")],
      ["PartnerReadbeta", { AWS: "arn:aws:iam::222222222222:root" }, "s3:GetObject", `${BUCKET_ARN}/*`, appRolesOf("beta", "222222222222")],
      ["PartnerListgammaco", { AWS: "arn:aws:iam::333333333333:root" }, "s3:ListBucket", BUCKET_ARN, appRolesOf("gamma-co", "333333333333")],
      ["PartnerReadgammaco", { AWS: "arn:aws:iam::333333333333:root" }, "s3:GetObject", `${BUCKET_ARN}/*`, appRolesOf("gamma-co", "333333333333")],
    ]);
    expect(statementsOf(alone, "aws:s3/bucketPolicy:BucketPolicy", "shop-exchange").map((s) => s.Sid)).toEqual(["DenyInsecureTransport"]);
  });

  it("lets the same partners decrypt only through S3 of the exporter's region; the exporter's account administers the key", () => {
    const [administers, ...grants] = statementsOf(plan, KEY, "shop-exchange");
    expect(administers).toMatchObject({ Sid: "AccountAdministers", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*" });
    expect(grants.map((s) => [s.Sid, s.Principal, s.Action, s.Condition])).toEqual([
      ["PartnerDecryptbeta", { AWS: "arn:aws:iam::222222222222:root" }, "kms:Decrypt", { ...appRolesOf("beta", "222222222222"), StringEquals: { ...appRolesOf("beta", "222222222222").StringEquals, "kms:ViaService": "s3.eu-central-1.amazonaws.com" } }],
      ["PartnerDecryptgammaco", { AWS: "arn:aws:iam::333333333333:root" }, "kms:Decrypt", { ...appRolesOf("gamma-co", "333333333333"), StringEquals: { ...appRolesOf("gamma-co", "333333333333").StringEquals, "kms:ViaService": "s3.eu-central-1.amazonaws.com" } }],
    ]);
    expect(statementsOf(alone, KEY, "shop-exchange").map((s) => s.Sid)).toEqual(["AccountAdministers"]);
  });

  it("lets the writer role use this bucket, and its key through S3 only; no writer, no policy", () => {
    const writer = child(plan, "aws:iam/rolePolicy:RolePolicy", "shop-exchange-writer");
    expect(writer.inputs["role"]).toBe("shop-instances-0a1b2c3");
    const statements = statementsOf(plan, "aws:iam/rolePolicy:RolePolicy", "shop-exchange-writer");
    expect(statements.map((s) => [s.Sid, s.Resource])).toEqual([
      ["ExportObjects", `${BUCKET_ARN}/*`],
      ["ExportListing", BUCKET_ARN],
      ["ExportKey", plan.componentOutputs["keyArn"]],
    ]);
    expect(statements[2]!.Condition).toEqual({ StringEquals: { "kms:ViaService": "s3.eu-central-1.amazonaws.com" } });
    expect(childrenOfType(alone, "aws:iam/rolePolicy:RolePolicy").size).toBe(0);
  });

  it("repairs no name: an exporter whose id makes a bucket name S3 refuses fails the plan", async () => {
    const refused = planExport({ exporter: { ...EXPORTER, tenantId: "Shop" }, partners: [] });
    await expect(refused).rejects.toBeInstanceOf(PlanRefusedError);
    await expect(refused).rejects.toThrow(/"Shop-exchange-111111111111".*lowercase letters, digits, periods and hyphens/);
  });
});
