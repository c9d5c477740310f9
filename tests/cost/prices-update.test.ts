/**
 * `npm run prices:update` against recorded Price List responses: AWS's published GetProducts
 * example (verbatim) and synthesised products in its exact shape (tests/helpers/price-list-recording.ts):
 * pagination, a missing SKU, a region without the service, throttling, variants and tiers.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS } from "../../tenant-schema/cost-assumptions";
import { estimateCost } from "../../tools/cost/estimate";
import { generatedFile, loadGeneratedTables } from "../../tools/cost/prices/generated-tables";
import { main } from "../../tools/cli/prices-update";
import { allProducts, PriceListError, type GetProductsOutput } from "../../tools/cost/refresh/price-list";
import { priceQueries, type PriceQuery } from "../../tools/cost/refresh/price-queries";
import { refreshRegion } from "../../tools/cost/refresh/refresh-region";
import { priceListEntry, recordedPriceList, type RecordedProduct } from "../helpers/price-list-recording";
import { handBuiltPlan, testTable } from "./hand-built-plan";

const EXAMPLE = JSON.parse(readFileSync("tests/fixtures/pricing/aws-cli-get-products-example.json", "utf8")) as { response: GetProductsOutput & { NextToken: string } };
const noPause = () => Promise.resolve();

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "prices-"));
  dirs.push(dir);
  return dir;
}

/** An EC2 instance product (t4g.micro at 0.0084/h: us-east-1's price in aws/karpenter-provider-aws zz_generated.pricing_aws.go, 2026-01-19). */
function ec2(region: string, prefix: string, type: string, usd: string): RecordedProduct {
  return {
    serviceCode: "AmazonEC2", productFamily: "Compute Instance", unit: "Hrs", tiers: [["0", "Inf", usd]],
    attributes: { regionCode: region, instanceType: type, operatingSystem: "Linux", tenancy: "Shared", preInstalledSw: "NA", capacitystatus: "Used", licenseModel: "No License required", usagetype: `${prefix}BoxUsage:${type}` },
  };
}

function cache(region: string, prefix: string, type: string, engine: string, usd: string, variant = ""): RecordedProduct {
  return {
    serviceCode: "AmazonElastiCache", productFamily: "Cache Instance", unit: "Hrs", tiers: [["0", "Inf", usd]], reservedFirst: true,
    attributes: { regionCode: region, instanceType: type, cacheEngine: engine, usagetype: `${prefix}${variant}NodeUsage:${type}` },
  };
}

const EC2_ONLY = { ec2: ["t4g.micro", "m7i.large"], rds: [], cache: [] };
const ec2Queries = priceQueries(EC2_ONLY).filter((q) => q.path[0] === "ec2Hourly");

describe("reading GetProducts", () => {
  it("follows NextToken over pages, starting with AWS's published response, and sends the token back", async () => {
    // The last page: no NextToken.
    const pages: GetProductsOutput[] = [EXAMPLE.response, { PriceList: [priceListEntry(ec2("ap-southeast-1", "APS1-", "t4g.micro", "0.0105000000"))] }];
    const requests: unknown[] = [];
    const send = (input: unknown) => {
      requests.push(input);
      return Promise.resolve(pages.shift()!);
    };
    const products = await allProducts(send, "AmazonEC2", [{ Type: "TERM_MATCH", Field: "volumeType", Value: "Provisioned IOPS" }]);
    expect(products.map((p) => p.product.sku)).toEqual(["3MKHN58N7RDDVGKJ", expect.stringMatching(/^SYNTH/)]);
    expect(products[0]!.terms.OnDemand!["3MKHN58N7RDDVGKJ.JRTCKXETXF"]!.priceDimensions["3MKHN58N7RDDVGKJ.JRTCKXETXF.6YS6EN2CT7"]!.pricePerUnit.USD).toBe("0.1380000000");
    expect(requests).toHaveLength(2);
    expect(requests[0]).not.toHaveProperty("NextToken");
    expect(requests[1]).toMatchObject({ NextToken: EXAMPLE.response.NextToken, ServiceCode: "AmazonEC2", FormatVersion: "aws_v1", MaxResults: 100 });
  });

  it("reads a figure from the published response with its SKU and dates", async () => {
    const query: PriceQuery = { path: ["ebsIo1GbMonth"], serviceCode: "AmazonEC2", filters: {}, usagetypeEnds: "EBS:VolumeUsage.piops" };
    const result = await refreshRegion(() => Promise.resolve({ PriceList: EXAMPLE.response.PriceList }), "ap-southeast-1", [query]);
    expect(result.prices).toEqual({ ebsIo1GbMonth: 0.138 });
    expect(result.figures["ebsIo1GbMonth"]).toEqual({ sku: "3MKHN58N7RDDVGKJ", usagetype: "APS1-EBS:VolumeUsage.piops", effectiveDate: "2018-08-01T00:00:00Z", publicationDate: "2018-08-08T00:57:01Z", listed: "0.1380000000" });
  });

  it("reads 250 products in three pages of at most 100", async () => {
    const many = Array.from({ length: 250 }, (_, i) => ec2("us-east-1", "", `t4g.n${i}`, "0.0084000000"));
    const recording = recordedPriceList(many);
    expect(await allProducts(recording.send, "AmazonEC2", [])).toHaveLength(250);
    expect(recording.requests.map((r) => r.NextToken)).toEqual([undefined, "recorded:100", "recorded:200"]);
  });
});

describe("a region's prices", () => {
  it("reports a type the Price List has no product for as missing and leaves it out, never guessed", async () => {
    const recording = recordedPriceList([ec2("us-east-1", "", "t4g.micro", "0.0084000000")]);
    const result = await refreshRegion(recording.send, "us-east-1", ec2Queries);
    expect(result.prices).toEqual({ ec2Hourly: { "t4g.micro": 0.0084 } });
    expect(result.missing).toEqual([expect.stringMatching(/^ec2Hourly\.m7i\.large: no AmazonEC2 product with regionCode=us-east-1, productFamily=Compute Instance, instanceType=m7i\.large, .* and a usage type ending BoxUsage:m7i\.large$/)]);
    // Every request filters on the region.
    expect(recording.requests.every((r) => r.Filters[0]!.Field === "regionCode" && r.Filters[0]!.Value === "us-east-1")).toBe(true);
  });

  it("leaves a service the region does not offer unknown (the API answers an empty list, not an error)", async () => {
    const recording = recordedPriceList([cache("eu-west-3", "EUW3-", "cache.t4g.micro", "Valkey", "0.0100000000")]);
    const queries = priceQueries({ ec2: [], rds: [], cache: ["cache.t4g.micro"] }).filter((q) => q.path[0] === "elasticacheHourly");
    const elsewhere = await refreshRegion(recording.send, "xx-nocache-1", queries);
    expect(elsewhere.prices).toEqual({});
    expect(elsewhere.missing.map((m) => m.split(":")[0])).toEqual(["elasticacheHourly.valkey.cache.t4g.micro", "elasticacheHourly.redis.cache.t4g.micro"]);
  });

  it("keeps Valkey and Redis OSS apart, skips Extended Support variants and reads on-demand terms after reserved ones", async () => {
    const recording = recordedPriceList([
      cache("eu-west-3", "EUW3-", "cache.t4g.micro", "Valkey", "0.0100000000"),
      cache("eu-west-3", "EUW3-", "cache.t4g.micro", "Redis", "0.0200000000"),
      cache("eu-west-3", "EUW3-", "cache.t4g.micro", "Redis", "0.0360000000", "ExtendedSupportYr1-"),
    ]);
    const queries = priceQueries({ ec2: [], rds: [], cache: ["cache.t4g.micro"] }).filter((q) => q.path[0] === "elasticacheHourly");
    const result = await refreshRegion(recording.send, "eu-west-3", queries);
    expect(result.prices).toEqual({ elasticacheHourly: { valkey: { "cache.t4g.micro": 0.01 }, redis: { "cache.t4g.micro": 0.02 } } });
    expect(result.missing).toEqual([]);
  });

  it("reads the first paid tier after a free one, scaled to the table's unit", async () => {
    const sqs: RecordedProduct = {
      serviceCode: "AWSQueueService", productFamily: "API Request", unit: "Requests",
      tiers: [["0", "1000000", "0.0000000000"], ["100000000000", "Inf", "0.0000003200"], ["1000000", "100000000000", "0.0000004000"]],
      attributes: { regionCode: "us-east-1", usagetype: "Requests-RBP" },
    };
    const query = priceQueries(EC2_ONLY).find((q) => q.path[0] === "sqsPerMillion")!;
    const result = await refreshRegion(recordedPriceList([sqs]).send, "us-east-1", [query]);
    expect(result.prices).toEqual({ sqsPerMillion: 0.4 });
    expect(result.figures["sqsPerMillion"]).toMatchObject({ listed: "0.0000004000", scale: 1e6 });
  });

  it("reports two products answering one price differently as missing, with both SKUs, and goes on", async () => {
    const recording = recordedPriceList([ec2("us-east-1", "", "t4g.micro", "0.0084000000"), ec2("us-east-1", "USE1-", "t4g.micro", "0.0090000000"), ec2("us-east-1", "", "m7i.large", "0.1008000000")]);
    const result = await refreshRegion(recording.send, "us-east-1", ec2Queries);
    expect(result.prices).toEqual({ ec2Hourly: { "m7i.large": 0.1008 } });
    expect(result.ambiguous).toEqual(["ec2Hourly.t4g.micro"]);
    expect(result.missing).toEqual([expect.stringMatching(/^ec2Hourly\.t4g\.micro: 2 products answer with different prices \(SYNTH\d+ BoxUsage:t4g\.micro 0\.0084000000; SYNTH\d+ USE1-BoxUsage:t4g\.micro 0\.0090000000\): the query needs a narrower filter$/)]);
  });

  it("reads internet egress from a data-transfer product, keyed by fromRegionCode (it has no regionCode)", async () => {
    // AWSDataTransfer products carry fromRegionCode/toRegionCode and fromLocation/toLocation, not regionCode.
    const egress: RecordedProduct = {
      serviceCode: "AWSDataTransfer", productFamily: "Data Transfer", unit: "GB",
      tiers: [["0", "10240", "0.0900000000"], ["10240", "51200", "0.0850000000"]],
      attributes: { fromRegionCode: "eu-west-3", fromLocation: "EU (Paris)", fromLocationType: "AWS Region", toLocation: "External", toLocationType: "Other", transferType: "AWS Outbound", usagetype: "EUW3-DataTransfer-Out-Bytes" },
    };
    const query = priceQueries(EC2_ONLY).find((q) => q.path[0] === "internetOutGb")!;
    const recording = recordedPriceList([egress]);
    const result = await refreshRegion(recording.send, "eu-west-3", [query]);
    expect(result.prices).toEqual({ internetOutGb: 0.09 });
    expect(recording.requests[0]!.Filters[0]).toEqual({ Type: "TERM_MATCH", Field: "fromRegionCode", Value: "eu-west-3" });
  });

  it("reads each RDS storage type from its own usage type, io2's not ending in Storage", async () => {
    const storage = (volumeType: string, usagetype: string, usd: string): RecordedProduct => ({
      serviceCode: "AmazonRDS", productFamily: "Database Storage", unit: "GB-Mo", tiers: [["0", "Inf", usd]],
      attributes: { regionCode: "eu-west-3", volumeType, databaseEngine: "MySQL", deploymentOption: "Single-AZ", usagetype },
    });
    const recording = recordedPriceList([
      storage("General Purpose", "EUW3-RDS:GP2-Storage", "0.1330000000"),
      storage("General Purpose-GP3", "EUW3-RDS:GP3-Storage", "0.1330000000"),
      storage("Provisioned IOPS", "EUW3-RDS:PIOPS-Storage", "0.1460000000"),
      storage("Provisioned IOPS-IO2", "EUW3-RDS:PIOPS-Storage-IO2", "0.1460000000"),
    ]);
    const queries = priceQueries(EC2_ONLY).filter((q) => q.path[0] === "rdsStorageGbMonth");
    const result = await refreshRegion(recording.send, "eu-west-3", queries);
    expect(result.missing).toEqual([]);
    expect(result.prices).toEqual({ rdsStorageGbMonth: { gp2: 0.133, gp3: 0.133, io1: 0.146, io2: 0.146 } });
    expect(result.figures["rdsStorageGbMonth.io2"]).toMatchObject({ usagetype: "EUW3-RDS:PIOPS-Storage-IO2" });
  });
});

describe("throttling", () => {
  const throttled = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });

  it("retries a throttled request and goes on", async () => {
    const recording = recordedPriceList([ec2("us-east-1", "", "t4g.micro", "0.0084000000")]);
    let calls = 0;
    const pauses: number[] = [];
    const send = (input: Parameters<typeof recording.send>[0]) => (++calls === 1 ? Promise.reject(throttled) : recording.send(input));
    const result = await refreshRegion(send, "us-east-1", ec2Queries.slice(0, 1), (ms) => Promise.resolve(void pauses.push(ms)));
    expect(result.prices).toEqual({ ec2Hourly: { "t4g.micro": 0.0084 } });
    expect(pauses).toEqual([1000]);
  });

  it("stops with the query and the error after the last attempt, and the command exits 1 with one line", async () => {
    const send = () => Promise.reject(throttled);
    await expect(allProducts(send, "AmazonEC2", [], noPause)).rejects.toThrow(new PriceListError("GetProducts AmazonEC2 : ThrottlingException after 4 attempts: Rate exceeded; try again later"));
    const err: string[] = [];
    const code = await main(["--region", "us-east-1"], { out: () => undefined, err: (t) => err.push(t) }, () => Promise.reject(Object.assign(new Error("bad"), { name: "AccessDeniedException" })), tempDir());
    expect(code).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^prices:update: GetProducts AmazonEC2 regionCode=us-east-1, .*: AccessDeniedException: bad$/)]);
  });
});

describe("npm run prices:update", () => {
  it("writes the region's data file with source and date, prints the changed figures and what is missing, and the estimate uses it", async () => {
    const dir = tempDir();
    const recording = recordedPriceList([ec2("us-east-1", "", "t4g.micro", "0.0090000000"), ec2("us-east-1", "", "t4g.small", "0.0168000000")]);
    const out: string[] = [];
    expect(await main(["--region", "us-east-1"], { out: (t) => out.push(t), err: (t) => out.push(t) }, recording.send, dir)).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(new RegExp(`^us-east-1: 2 prices read, \\d+ not found, \\d+ hand-entered kept; wrote ${generatedFile("us-east-1", dir).replaceAll("/", "\\/")}$`, "m"));
    // Against the shipped us-east-1 table: t4g.micro 0.0084 → 0.009; t4g.small unchanged; the rest kept from the hand table.
    expect(text).toContain("  ~ ec2Hourly t4g.micro: 0.0084 → 0.009");
    expect(text).not.toContain("ec2Hourly t4g.small:");
    expect(text).not.toContain("no longer found");
    expect(text).toMatch(/^ {2}missing \(hand figure kept, else unknown\): ec2Hourly\.m7i\.large: no AmazonEC2 product/m);
    const table = loadGeneratedTables(dir)["us-east-1"]!;
    expect(table).toMatchObject({ region: "us-east-1", asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), source: expect.stringMatching(/^AWS Price List Query API, GetProducts \(endpoint us-east-1\)/) });
    expect(table.prices).toEqual({ ec2Hourly: { "t4g.micro": 0.009, "t4g.small": 0.0168 } });
    expect(table.figures["ec2Hourly.t4g.micro"]).toMatchObject({ sku: expect.stringMatching(/^SYNTH/), usagetype: "BoxUsage:t4g.micro", listed: "0.0090000000" });
    expect(table.missing).toContain("interRegionOutGb (priced per destination region): not read by prices:update");
    // Hand figures the refresh did not read or find are recorded with the hand table's source and date.
    expect(table.kept?.["ec2Hourly.m7i.large"]).toEqual({ source: "hand-entered table tools/cost/prices/aws-us-east-1.ts", asOf: "2026-11-24" });
    expect(table.kept?.["cloudwatchDashboardMonth"]).toBeDefined();
    expect(table.kept).not.toHaveProperty(["ec2Hourly.t4g.micro"]);
    // The estimate reads it like any table: 2–6 × t4g.small × 730 h × 0.0168 in the hand-built plan's region.
    const estimate = estimateCost(handBuiltPlan(), { ...testTable(), aws: { "xx-test-1": table.prices } }, DEFAULT_ASSUMPTIONS);
    expect(estimate.resources.find((r) => r.type === "aws:autoscaling/group:Group")!.parts[0]!.monthlyMin).toBeCloseTo(2 * 730 * 0.0168, 9);
  });

  it("refreshes with --all every us-* and eu-* region and the seven others the platform prices", async () => {
    const out: string[] = [];
    const dir = tempDir();
    // A Price List that answers nothing: every region is asked, none gets an empty table.
    expect(await main(["--all"], { out: (t) => out.push(t), err: (t) => out.push(t) }, recordedPriceList([]).send, dir)).toBe(1);
    expect(out[0]).toBe("ap-northeast-1: the Price List answered no price: nothing written (is ap-northeast-1 a region AWS prices?)");
    expect(loadGeneratedTables(dir)).toEqual({});
    const regions = out.map((l) => l.split(":")[0]);
    expect(regions).toEqual([
      "ap-northeast-1", "ap-northeast-2", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ca-central-1",
      "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
      "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    ]);
  });

  it("refuses a command line without regions or with a wrong region code", async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => err.push(t) };
    expect(await main([], io, recordedPriceList([]).send, tempDir())).toBe(2);
    expect(await main(["--region", "eu-moon"], io, recordedPriceList([]).send, tempDir())).toBe(2);
    expect(err[0]).toMatch(/^prices:update: name the regions with --region, or --all/);
    expect(err[1]).toBe("prices:update: --region eu-moon: not an AWS commercial region (e.g. eu-west-3)");
  });
});
