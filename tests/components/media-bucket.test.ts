/**
 * The MediaBucket component on its own: what its doc comments promise
 * (components/media-bucket/media-bucket.ts): a versioned SSE-S3 bucket, protected and kept,
 * public access blocked, readable only from Cloudflare's IPv4 ranges, served at its hostname
 * through a proxied record and a Cloud Connector rule; the writer role's policy and CORS only
 * when asked for.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { MediaBucket, type MediaBucketArgs } from "../../components/media-bucket";
import { planComponent, type ComponentPlan } from "../helpers/component-plan";
import { child, conventionViolations } from "./conventions";

const ZONE_ID = "0c92848f8d4fcf60a6e2c40e500e3e9c";
const BUCKET = "aws:s3/bucket:Bucket";
const ARGS: MediaBucketArgs = { hostname: "media.shop.example", zoneId: ZONE_ID, writerRoleName: "shop-instances-0a1b2c3" };

const planMedia = (args: MediaBucketArgs) => planComponent(({ opts }) => new MediaBucket("shop", args, opts));

interface Statement { Sid: string; Effect: string; Action: string | string[]; Condition?: Record<string, Record<string, unknown>> }
const statements = (plan: ComponentPlan): Statement[] => (JSON.parse(child(plan, "aws:s3/bucketPolicy:BucketPolicy", "shop-media").inputs["policy"] as string) as { Statement: Statement[] }).Statement;

let plan: ComponentPlan;
let withCors: ComponentPlan;
beforeAll(async () => {
  plan = await planMedia(ARGS);
  withCors = await planMedia({ hostname: ARGS.hostname, zoneId: ZONE_ID, corsOrigins: ["https://shop.example"] });
});

describe("MediaBucket, alone", () => {
  it("keeps the component conventions: children below it on the given AWS and Cloudflare providers, named shop-…, outputs registered", () => {
    expect(conventionViolations(plan, { type: "tenant-platform:media:MediaBucket", name: "shop", outputs: ["bucketName", "baseUrl"] })).toEqual([]);
    expect(plan.componentOutputs["baseUrl"]).toBe("https://media.shop.example");
  });

  it("keeps the bucket: protected, retained on delete, never force-destroyed, versioned, old versions kept 30 days by default", () => {
    const bucket = child(plan, BUCKET, "shop-media");
    expect(bucket.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(bucket.inputs["forceDestroy"]).toBe(false);
    expect(child(plan, "aws:s3/bucketVersioning:BucketVersioning", "shop-media").inputs["versioningConfiguration"]).toEqual({ status: "Enabled" });
    expect(child(plan, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "shop-media").inputs["rules"])
      .toEqual([expect.objectContaining({ noncurrentVersionExpiration: { noncurrentDays: 30 } })]);
    // SSE-S3: S3 refuses anonymous (CDN) reads of SSE-KMS objects.
    expect(child(plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "shop-media").inputs["rules"])
      .toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
  });

  it("blocks public access and lets only Cloudflare's IPv4 ranges read objects, over TLS, without listing", () => {
    expect(child(plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "shop-media").inputs).toMatchObject({
      blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    const [deny, reads, ...others] = statements(plan);
    expect(deny).toMatchObject({ Sid: "DenyInsecureTransport", Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expect(reads).toMatchObject({ Sid: "CloudflareEdgeReads", Effect: "Allow", Action: "s3:GetObject" });
    const ranges = reads!.Condition!["IpAddress"]!["aws:SourceIp"] as string[];
    expect(ranges.length).toBeGreaterThan(0);
    for (const range of ranges) expect(range).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    expect(ranges).toEqual([...ranges].sort());
    expect(others).toEqual([]);
  });

  it("is served at its hostname through a proxied record and a Cloud Connector rule replaced by deleting first", () => {
    const s3Host = expect.stringMatching(/\.s3\.eu-central-1\.amazonaws\.com$/);
    expect(child(plan, "cloudflare:index/dnsRecord:DnsRecord", "shop-media").inputs).toMatchObject({ zoneId: ZONE_ID, name: "media.shop.example", type: "CNAME", content: s3Host, proxied: true, ttl: 1 });
    const rules = child(plan, "cloudflare:index/cloudConnectorRules:CloudConnectorRules", "shop-media");
    expect(rules.inputs["rules"]).toEqual([expect.objectContaining({ cloudConnectorRulesProvider: "aws_s3", expression: 'http.host eq "media.shop.example"', parameters: { host: s3Host } })]);
    expect(rules.options.deleteBeforeReplace).toBe(true);
  });

  it("grants the writer role this bucket only, and adds CORS only for given origins", () => {
    const writer = child(plan, "aws:iam/rolePolicy:RolePolicy", "shop-media-writer");
    expect(writer.inputs["role"]).toBe("shop-instances-0a1b2c3");
    const resources = (JSON.parse(writer.inputs["policy"] as string) as { Statement: { Resource: string }[] }).Statement.map((s) => s.Resource);
    expect(resources).toEqual([expect.stringMatching(/^arn:aws:s3:::shop-media-[0-9a-f]{7}\/\*$/), expect.stringMatching(/^arn:aws:s3:::shop-media-[0-9a-f]{7}$/)]);
    expect(plan.descendants.filter((r) => r.type === "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration")).toEqual([]);
    expect(withCors.descendants.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy")).toEqual([]);
    expect(child(withCors, "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", "shop-media").inputs["corsRules"])
      .toEqual([expect.objectContaining({ allowedOrigins: ["https://shop.example"], allowedMethods: ["GET", "HEAD", "PUT", "POST"] })]);
  });
});
