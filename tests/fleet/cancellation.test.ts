/**
 * A cancelled run, as a cancelled GitHub Actions step delivers it: SIGINT to the driver process,
 * started the way the workflows start it (`exec node --import tsx tools/cli/fleet.ts`), with a
 * fake `pulumi` that runs an update until it is interrupted.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { CANCELLED_EXIT_CODE } from "../../tools/cli/fleet";
import type { FleetReport } from "../../tools/fleet/report";
import { installFakePulumi } from "./helpers/fake-pulumi";

const ROOT = path.resolve(__dirname, "../..");
/** What `--import tsx` resolves to from the project folder (tsx's package export "."). */
const TSX_LOADER = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;

describe("cancelling a fleet run", () => {
  it("stops starting tenants, interrupts the running update gracefully, writes the report and exits 130", async () => {
    const fake = installFakePulumi();
    const project = mkdtempSync(path.join(os.tmpdir(), "fleet-cancel-"));
    writeFileSync(path.join(project, "Pulumi.yaml"), "name: tenant-platform\nruntime: nodejs\n");
    mkdirSync(path.join(project, "tenants"));
    for (const id of ["alpha", "bravo"]) writeFileSync(path.join(project, "tenants", `${id}.yaml`), "# test\n");
    const report = path.join(project, "up.json");
    const child = spawn(process.execPath, ["--import", TSX_LOADER, path.join(ROOT, "tools/cli/fleet.ts"), "up", "alpha", "bravo", "--concurrency", "1", "--no-policy-pack", "--json", report], {
      cwd: project,
      env: { PATH: `${path.join(fake.root, "bin")}:${process.env["PATH"]}`, HOME: project, ...fake.env, FAKE_PULUMI_RUN_MS: "60000" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    await expect.poll(() => fake.running(), { timeout: 60_000, interval: 100 }).toEqual(["alpha"]);
    child.kill("SIGINT");
    expect(await exited).toBe(CANCELLED_EXIT_CODE);
    expect(stderr).toMatch(/SIGINT: cancelling - no further tenant starts/);
    // The running update got the CLI's graceful-cancel signal; bravo never started.
    expect(fake.calls().filter((c) => c.argv[0] === "up").map((c) => [c.argv[c.argv.indexOf("--stack") + 1], c.signal])).toEqual([["alpha", "SIGINT"]]);
    expect(existsSync(report)).toBe(true);
    const written = JSON.parse(readFileSync(report, "utf8")) as FleetReport;
    expect(written.tenants.map((t) => [t.tenant, t.status])).toEqual([["alpha", "interrupted"], ["bravo", "not-started"]]);
    expect(written.tenants[0]?.error).toMatch(/pulumi cancel --stack alpha/);
  }, 120_000);
});
