/**
 * The media bucket and transactional mail in a planned tenant: who can read and write the media,
 * and which records and permissions mail gets from the tenant file. What Mail does with its args
 * is tested alone (tests/components/mail.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isNonPublicSourceRange, mediaPolicyStatements } from "../../components/media-bucket";
import { MOCK_CLOUDFLARE_IP_RANGES } from "../../tools/plan/mock-fixtures";
import type { TenantPlan } from "../../policies/plan-types";
import { featureTenantYaml } from "../helpers/feature-tenant";
import { idOf, named } from "../helpers/plan-queries";
import { ofType, planYaml, removeTempFolders } from "../helpers/temp-tenants";

afterAll(removeTempFolders);

interface Statement { Sid: string; Effect: string; Principal?: unknown; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, Record<string, unknown>> }

const policyOf = (plan: TenantPlan, type: string, name: string) =>
  (JSON.parse(named(plan, type, name).inputs["policy"] as string) as { Statement: Statement[] }).Statement;

const MEDIA = ["media:", "  hostname: cdn", "  corsOrigins: [https://www.acme.example]", "  noncurrentVersionDays: 14"];
const MAIL = ["mail:", "  dmarc: { policy: reject, reportEmail: dmarc@acme.example }", "  fromAddresses: [noreply]"];

/** One tenant with media and mail, planned once for the file. */
let plan: TenantPlan;
beforeAll(async () => {
  plan = await planYaml("acme", featureTenantYaml({ account: "111111111111", zone: "acme.example", extra: [...MEDIA, ...MAIL] }));
});

describe("media bucket", () => {
  it("lets only Cloudflare's edge read objects, nobody list, and keeps every protection on", () => {
    const bucket = named(plan, "aws:s3/bucket:Bucket", "acme-media");
    const name = idOf(plan, bucket);
    const statements = policyOf(plan, "aws:s3/bucketPolicy:BucketPolicy", "acme-media");
    expect(statements.map((s) => [s.Sid, s.Effect, s.Action])).toEqual([
      ["DenyInsecureTransport", "Deny", "s3:*"],
      ["CloudflareEdgeReads", "Allow", "s3:GetObject"],
    ]);
    const reads = statements[1]!;
    expect(reads.Resource).toBe(`arn:aws:s3:::${name}/*`);
    // IPv4 only (the regional S3 endpoint answers on IPv4), and every range narrow enough that S3
    // counts the policy as non-public: Block Public Access would reject it otherwise.
    const ranges = (reads.Condition!["IpAddress"]!["aws:SourceIp"]) as string[];
    expect(ranges).toEqual([...MOCK_CLOUDFLARE_IP_RANGES.ipv4Cidrs].sort());
    expect(ranges.every(isNonPublicSourceRange)).toBe(true);
    expect(named(plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "acme-media").inputs).toMatchObject({
      blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    expect(named(plan, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "acme-media").inputs["rule"]).toEqual({ objectOwnership: "BucketOwnerEnforced" });
    expect(named(plan, "aws:s3/bucketVersioning:BucketVersioning", "acme-media").inputs["versioningConfiguration"]).toEqual({ status: "Enabled" });
    // SSE-S3: S3 refuses anonymous reads of SSE-KMS objects.
    expect(named(plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "acme-media").inputs["rules"])
      .toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    expect(bucket.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(bucket.inputs["forceDestroy"]).toBe(false);
    const [lifecycle] = named(plan, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "acme-media").inputs["rules"] as { noncurrentVersionExpiration: unknown; expiration?: unknown }[];
    expect(lifecycle!.noncurrentVersionExpiration).toEqual({ noncurrentDays: 14 });
    expect(lifecycle!.expiration).toBeUndefined();
  });

  it("is served at its hostname through Cloud Connector, and allows the configured CORS origins", () => {
    const s3Host = `${idOf(plan, named(plan, "aws:s3/bucket:Bucket", "acme-media"))}.s3.eu-central-1.amazonaws.com`;
    expect(named(plan, "cloudflare:index/dnsRecord:DnsRecord", "acme-media").inputs).toMatchObject({ name: "cdn.acme.example", type: "CNAME", content: s3Host, proxied: true });
    expect(named(plan, "cloudflare:index/cloudConnectorRules:CloudConnectorRules", "acme-media").inputs["rules"]).toEqual([{
      cloudConnectorRulesProvider: "aws_s3",
      description: "Media of acme from S3",
      enabled: true,
      expression: 'http.host eq "cdn.acme.example"',
      parameters: { host: s3Host },
    }]);
    expect(named(plan, "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", "acme-media").inputs["corsRules"]).toEqual([{
      allowedOrigins: ["https://www.acme.example"], allowedMethods: ["GET", "HEAD", "PUT", "POST"], allowedHeaders: ["*"], exposeHeaders: ["ETag"], maxAgeSeconds: 3600,
    }]);
  });

  it("lets the app role write this bucket only, and tells the app its name and URL", () => {
    const name = idOf(plan, named(plan, "aws:s3/bucket:Bucket", "acme-media"));
    const writer = named(plan, "aws:iam/rolePolicy:RolePolicy", "acme-media-writer");
    expect(writer.inputs["role"]).toBe(idOf(plan, named(plan, "aws:iam/role:Role", "acme-instances")));
    const resources = policyOf(plan, "aws:iam/rolePolicy:RolePolicy", "acme-media-writer").flatMap((s) => [s.Resource].flat());
    expect(new Set(resources)).toEqual(new Set([`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`]));
    const template = named(plan, "aws:ec2/launchTemplate:LaunchTemplate", "acme-web");
    const userData = Buffer.from(template.inputs["userData"] as string, "base64").toString("utf8");
    expect(userData).toMatch(new RegExp(`MEDIA_BUCKET=${name}$`, "m"));
    expect(userData).toMatch(/MEDIA_BASE_URL=https:\/\/cdn\.acme\.example$/m);
  });
});

describe("media bucket policy", () => {
  it("knows which source ranges S3 counts as public", () => {
    expect(["104.16.0.0/13", "8.0.0.0/8", "2606:4700::/32", "2001:db8::1/128", "198.51.100.7", "2001:db8::1"].every(isNonPublicSourceRange)).toBe(true);
    expect(["0.0.0.0/0", "0.0.0.0/1", "10.0.0.0/7", "2a06:98c0::/29", "2000::/3", "::/0", "10.0.0.0/33", "nonsense"].some(isNonPublicSourceRange)).toBe(false);
  });

  it("refuses ranges that would make the policy public, and empty ranges", () => {
    expect(() => mediaPolicyStatements({ bucketArn: "arn:aws:s3:::m", cloudflareCidrs: ["104.16.0.0/13", "2a06:98c0::/29"] }))
      .toThrow("Cloudflare range(s) 2a06:98c0::/29 are broader than S3 allows in a non-public policy (IPv4 /8, IPv6 /32)");
    expect(() => mediaPolicyStatements({ bucketArn: "arn:aws:s3:::m", cloudflareCidrs: [] })).toThrow("came back empty");
  });
});

describe("transactional mail", () => {
  it("sends for the tenant's zone from its region, with the file's DMARC policy, as the file's addresses only, by the app role", () => {
    expect(named(plan, "aws:sesv2/emailIdentity:EmailIdentity", "acme-mail").inputs).toMatchObject({ emailIdentity: "acme.example", region: "eu-central-1" });
    const records = ofType(plan, "cloudflare:index/dnsRecord:DnsRecord").filter((r) => r.name.startsWith("acme-mail-"));
    expect(records).toHaveLength(6);
    const zoneId = records[0]!.inputs["zoneId"];
    for (const r of records) expect(r.inputs["zoneId"], r.name).toBe(zoneId);
    expect(named(plan, "cloudflare:index/dnsRecord:DnsRecord", "acme-web-www").inputs["zoneId"]).toBe(zoneId);
    expect(named(plan, "cloudflare:index/dnsRecord:DnsRecord", "acme-mail-from-mx").inputs["content"]).toBe("feedback-smtp.eu-central-1.amazonses.com");
    expect(named(plan, "cloudflare:index/dnsRecord:DnsRecord", "acme-mail-dmarc").inputs["content"]).toBe("v=DMARC1; p=reject; rua=mailto:dmarc@acme.example; adkim=r; aspf=r");
    const sender = named(plan, "aws:iam/rolePolicy:RolePolicy", "acme-mail-sender");
    expect(sender.inputs["role"]).toBe(idOf(plan, named(plan, "aws:iam/role:Role", "acme-instances")));
    const [send] = policyOf(plan, "aws:iam/rolePolicy:RolePolicy", "acme-mail-sender");
    expect(send).toMatchObject({
      Resource: "arn:aws:ses:eu-central-1:123456789012:identity/acme.example",
      Condition: { StringLike: { "ses:FromAddress": ["noreply@acme.example"] } },
    });
  });
});
