/** The cloud preview's report carries each tenant's estimated cost, from offline plans. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../tools/cli/fleet";
import type { FleetReport } from "../../tools/fleet/report";
import { tenantYaml } from "../helpers/temp-tenants";
import { FakeEngine } from "./helpers/fake-engine";

describe("fleet preview cost", () => {
  it("adds each valid tenant's monthly cost range, and none for a tenant whose file does not plan", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "fleet-cost-"));
    mkdirSync(path.join(dir, "tenants"));
    writeFileSync(path.join(dir, "tenants", "shop.yaml"), tenantYaml({}, "shop.example"));
    writeFileSync(path.join(dir, "tenants", "odd.yaml"), "# not a tenant yet\n");
    const json = path.join(dir, "report.json");
    const markdown = path.join(dir, "report.md");
    const out: string[] = [];
    const code = await main(["preview", "--json", json, "--markdown", markdown], { out: (t) => out.push(t), err: (t) => out.push(t) }, { env: {}, cwd: dir, createEngine: () => Promise.resolve(new FakeEngine()) });
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(json, "utf8")) as FleetReport;
    const shop = report.tenants.find((t) => t.tenant === "shop")!;
    expect(shop.cost?.currency).toBe("USD");
    expect(shop.cost?.after?.min).toBeGreaterThan(0);
    expect(shop.cost?.after?.max).toBeGreaterThanOrEqual(shop.cost!.after!.min);
    expect(shop.cost?.before).toBeUndefined();
    expect(report.tenants.find((t) => t.tenant === "odd")!.cost).toBeUndefined();
    // A tenant without changes is listed in one line; its cost is in the table of every tenant.
    expect(readFileSync(markdown, "utf8")).toMatch(/\n\| shop \| ok \|( \d+ \|){6} (at least )?\$[\d.,]+–\$[\d.,]+ \|\n/);
  });
});
