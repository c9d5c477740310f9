/** The plan command line prints the cost breakdown and writes it into --json. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../tools/cli/plan";
import { removeTempFolders, tempFolder, tenantYaml, writeTenant } from "../helpers/temp-tenants";

afterEach(removeTempFolders);

describe("npm run plan with the cost estimate", () => {
  it("prints the breakdown after the tree and adds the estimate to the JSON", async () => {
    const dir = tempFolder();
    const file = writeTenant(dir, "acme", `${tenantYaml({ nat: "single" })}cost:\n  assumptions:\n    natProcessedGb: 80\n`);
    const json = path.join(dir, "acme.json");
    const out: string[] = [];
    const code = await main([file, "--json", json], { out: (t) => out.push(t), err: (t) => out.push(t) });
    expect(code).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/Estimated monthly cost \(USD, list prices of \d{4}-\d{2}-\d{2}/);
    expect(text).toMatch(/aws:ec2:NatGateway acme-nat-a\s+\d+\.\d\d/);
    expect(text).toMatch(/80 GB processed \(natProcessedGb 80 \/ 1 gateways\)/);
    expect(text).toMatch(/natProcessedGb 80 \(tenant file\)/);
    const document = JSON.parse(readFileSync(json, "utf8"));
    expect(document.cost).toMatchObject({ tenant: "acme", currency: "USD", unknownCount: 0, assumptionsOverridden: ["natProcessedGb"] });
    expect(document.cost.monthlyMin).toBeGreaterThan(0);
    // The key's rotations make a range (1 to 3 key versions) even without scaling.
    const total = /Total\s+USD ([\d,.]+)–([\d,.]+)\/month/.exec(text);
    expect(total?.slice(1)).toEqual([document.cost.monthlyMin.toFixed(2), document.cost.monthlyMax.toFixed(2)]);
  });
});
