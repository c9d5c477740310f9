/**
 * Region tables from `npm run prices:update` in use: merged over the hand-entered tables key by
 * key (a refresh never makes an estimate less complete), validated when loaded, dated per region;
 * and a run that meets an ambiguous price goes on and exits 1.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS } from "../../tenant-schema/cost-assumptions";
import { estimateCost } from "../../tools/cost/estimate";
import { GeneratedTableError, loadGeneratedTables } from "../../tools/cost/prices/generated-tables";
import { keptHandFigures, mergePrices } from "../../tools/cost/prices/merge-tables";
import { main } from "../../tools/cli/prices-update";
import { recordedPriceList, type RecordedProduct } from "../helpers/price-list-recording";
import { handBuiltPlan, REGION, testTable } from "./hand-built-plan";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "generated-"));
  dirs.push(dir);
  return dir;
}

function ec2(region: string, type: string, usd: string, prefix = ""): RecordedProduct {
  return {
    serviceCode: "AmazonEC2", productFamily: "Compute Instance", unit: "Hrs", tiers: [["0", "Inf", usd]],
    attributes: { regionCode: region, instanceType: type, operatingSystem: "Linux", tenancy: "Shared", preInstalledSw: "NA", capacitystatus: "Used", licenseModel: "No License required", usagetype: `${prefix}BoxUsage:${type}` },
  };
}

describe("a refreshed region's table", () => {
  it("keeps the hand-entered figures the refresh did not read or find, so no price turns unknown", async () => {
    const dir = tempDir();
    // A refresh that reads only t4g.small (0.0168: the shipped us-east-1 figure) and t4g.micro.
    const recording = recordedPriceList([ec2("us-east-1", "t4g.micro", "0.0090000000"), ec2("us-east-1", "t4g.small", "0.0168000000")]);
    await main(["--region", "us-east-1"], { out: () => undefined, err: () => undefined }, recording.send, dir);
    const read = loadGeneratedTables(dir)["us-east-1"]!.prices;
    const hand = testTable().aws[REGION]!;
    const handOnly = estimateCost(handBuiltPlan(), testTable(), DEFAULT_ASSUMPTIONS);
    const merged = estimateCost(handBuiltPlan(), { ...testTable(), aws: { [REGION]: mergePrices(hand, read) } }, DEFAULT_ASSUMPTIONS);
    const replaced = estimateCost(handBuiltPlan(), { ...testTable(), aws: { [REGION]: read } }, DEFAULT_ASSUMPTIONS);
    expect(replaced.unknownCount).toBeGreaterThan(handOnly.unknownCount);
    expect(merged.unknownCount).toBe(handOnly.unknownCount);
    expect(mergePrices(hand, read).ec2Hourly?.["t4g.micro"]).toBe(0.009);
  });

  it("takes each figure it read over the hand one, per key, inside lists too", () => {
    const hand = { ec2Hourly: { "t4g.micro": 0.0084, "m7i.large": 0.1008 }, kmsKeyMonth: 1, elasticacheHourly: { redis: { "cache.t4g.micro": 0.016 } } };
    const read = { ec2Hourly: { "t4g.micro": 0.009 }, elasticacheHourly: { valkey: { "cache.t4g.micro": 0.0128 } } };
    expect(mergePrices(hand, read)).toEqual({
      ec2Hourly: { "t4g.micro": 0.009, "m7i.large": 0.1008 }, kmsKeyMonth: 1,
      elasticacheHourly: { redis: { "cache.t4g.micro": 0.016 }, valkey: { "cache.t4g.micro": 0.0128 } },
    });
    expect(keptHandFigures(hand, read)).toEqual(["ec2Hourly.m7i.large", "elasticacheHourly.redis.cache.t4g.micro", "kmsKeyMonth"]);
    expect(mergePrices(undefined, read)).toEqual(read);
  });

  it("prints the date of the region's own table, not the hand tables'", () => {
    const table = { ...testTable(), regionAsOf: { [REGION]: ["2026-11-30"] } };
    expect(estimateCost(handBuiltPlan(), table, DEFAULT_ASSUMPTIONS).priceTableDate).toBe("2026-11-30");
    const keptSome = { ...testTable(), regionAsOf: { [REGION]: ["2026-11-24", "2026-11-30"], "other-1": ["2025-01-01"] } };
    expect(estimateCost(handBuiltPlan(), keptSome, DEFAULT_ASSUMPTIONS).priceTableDate).toBe("2026-11-24 and 2026-11-30");
    expect(estimateCost(handBuiltPlan(), testTable(), DEFAULT_ASSUMPTIONS).priceTableDate).toBe("2026-01-01");
  });
});

describe("loading a data file", () => {
  const good = { region: "eu-west-3", asOf: "2026-11-30", source: "AWS Price List Query API", prices: { kmsKeyMonth: 1 }, figures: {}, missing: [] };
  function load(name: string, content: unknown): () => unknown {
    const dir = tempDir();
    writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
    return () => loadGeneratedTables(dir);
  }

  it("loads a valid file", () => {
    expect(load("aws-eu-west-3.json", good)()).toEqual({ "eu-west-3": good });
  });

  it("refuses a bad figure, naming the file and the key", () => {
    const bad = load("aws-eu-west-3.json", { ...good, prices: { ec2Hourly: { "t4g.micro": "0.0084" } } });
    expect(bad).toThrow(GeneratedTableError);
    expect(bad).toThrow(/aws-eu-west-3\.json: prices\.ec2Hourly\.t4g\.micro: .*number.*; rewrite it with npm run prices:update$/);
  });

  it("refuses an unknown price key, a file that is not JSON and a file of another region", () => {
    expect(load("aws-eu-west-3.json", { ...good, prices: { kmsKeyMonthly: 1 } })).toThrow(/aws-eu-west-3\.json: prices: .*kmsKeyMonthly/);
    expect(load("aws-eu-west-3.json", "{ not json")).toThrow(/aws-eu-west-3\.json: not JSON/);
    expect(load("aws-eu-west-3.json", { ...good, region: "eu-west-1" })).toThrow(/aws-eu-west-3\.json: region: "eu-west-1" in the file of eu-west-3/);
  });
});

describe("an ambiguous price in a run", () => {
  it("is left out with both SKUs, the other keys and regions are written, and the command exits 1", async () => {
    const dir = tempDir();
    const recording = recordedPriceList([
      ec2("eu-west-1", "t4g.micro", "0.0092000000", "EU-"), ec2("eu-west-1", "t4g.micro", "0.0099000000", "EU-Dedicated-"),
      ec2("eu-west-1", "t4g.small", "0.0184000000", "EU-"), ec2("eu-west-3", "t4g.small", "0.0190000000", "EUW3-"),
    ]);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["--region", "eu-west-1", "--region", "eu-west-3"], { out: (t) => out.push(t), err: (t) => err.push(t) }, recording.send, dir);
    expect(code).toBe(1);
    const tables = loadGeneratedTables(dir);
    expect(tables["eu-west-1"]!.prices.ec2Hourly).toEqual({ "t4g.small": 0.0184 });
    expect(tables["eu-west-1"]!.missing).toContainEqual(expect.stringMatching(/^ec2Hourly\.t4g\.micro: 2 products answer with different prices \(SYNTH\d+ EU-BoxUsage:t4g\.micro 0\.0092000000; SYNTH\d+ EU-Dedicated-BoxUsage:t4g\.micro 0\.0099000000\)/));
    expect(tables["eu-west-3"]!.prices.ec2Hourly).toEqual({ "t4g.small": 0.019 });
    expect(err).toEqual(["eu-west-1 ec2Hourly.t4g.micro: several products answer with different prices: left out (see above)"]);
  });
});
