/** Without the Pulumi CLI, `npm run fleet -- preview --changed-since HEAD~1` explains what to install. */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

describe("the fleet driver without the Pulumi CLI", () => {
  it("prints one paragraph naming the CLI and where to get it, and exits 1", () => {
    const emptyPath = mkdtempSync(path.join(os.tmpdir(), "no-pulumi-path-"));
    const home = mkdtempSync(path.join(os.tmpdir(), "no-pulumi-home-"));
    const env: NodeJS.ProcessEnv = { PATH: emptyPath, HOME: home };
    const result = spawnSync(process.execPath, [TSX, "tools/cli/fleet.ts", "preview", "--changed-since", "HEAD~1"], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });
    expect(result.status).toBe(1);
    const stderr = result.stderr.trim();
    expect(stderr).toMatch(/^The Pulumi CLI was not found/);
    expect(stderr).toContain("https://www.pulumi.com/docs/install/");
    expect(stderr).toContain("PATH");
    expect(stderr).toContain("PULUMI_HOME");
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at |internal error/);
  });
});
