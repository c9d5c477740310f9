/** The acceptance command line: --help documents it; bad arguments and bad tenant files get a message and an exit code, never a stack trace. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { main, parseAcceptanceArgs } from "../../tools/cli/acceptance";

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, env, process.cwd());
  return { code, out, err };
}

const ZONE = ["--zone", "sandbox.example", "--zone-id", "0123456789abcdef0123456789abcdef", "--image", "ghcr.io/acme/smoke:1.0"];

describe("npm run acceptance", () => {
  it("--help documents every option and the steps", async () => {
    const { code, out } = await cli(["--help"]);
    expect(code).toBe(0);
    for (const option of ["--tenant-file", "--zone", "--zone-id", "--cloudflare-account", "--image", "--id", "--keep", "--report-dir", "--secrets-provider", "ACCEPTANCE_IMAGE", "PULUMI_BACKEND_URL", "docs/acceptance.md"]) {
      expect(out).toContain(option);
    }
  });

  it.each([
    [[], /missing --tenant-file and --zone/],
    [["--tenant-file", "samples/example.yaml", "--zone", "sandbox.example"], /give --zone-id or --cloudflare-account/],
    [["--tenant-file", "samples/example.yaml", "--zone", "sandbox.example", "--zone-id", "z"], /missing --image/],
    [["--tenant-file", "samples/example.yaml", ...ZONE, "--id", "Acc_1"], /--id Acc_1: must be 3–28 lowercase/],
    [["--tenant-file", "samples/example.yaml", ...ZONE, "--colour"], /Unknown option '--colour'/],
  ])("%j is a usage error (exit 2)", async (argv, message) => {
    const { code, err } = await cli(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it("takes the image from ACCEPTANCE_IMAGE and names the canary after the time", () => {
    const args = parseAcceptanceArgs(["--tenant-file", "t.yaml", "--zone", "z.example", "--zone-id", "i"], { ACCEPTANCE_IMAGE: "ghcr.io/acme/smoke@sha256:" + "a".repeat(64) }, 1_700_000_000_000);
    expect(args).toMatchObject({ image: expect.stringContaining("@sha256:"), id: "acc-loyw3v28", keep: false, reportDir: ".acceptance" });
  });

  it("refuses a bad tenant file with file, line, column and key path (exit 1)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "acceptance-"));
    const file = path.join(dir, "shop.yaml");
    writeFileSync(file, "aws:\n  region: eu-moon-7\nnetwork:\n  cidr: 10.20.0.0/16\nedge:\n  zone: shop.example\n  hostnames: [\"@\"]\n  zoneId: 0123456789abcdef0123456789abcdef\n");
    const { code, err } = await cli(["--tenant-file", file, ...ZONE]);
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`${file.replace(/[/.]/g, "\\$&")}:2:11: aws.region: `));
    expect(err).not.toMatch(/\n\s+at /);
  });

  it("refuses a tenant file without a web section: there is no site to check", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "acceptance-"));
    const file = path.join(dir, "shop.yaml");
    writeFileSync(file, "aws:\n  region: eu-central-1\nnetwork:\n  cidr: 10.20.0.0/16\nedge:\n  zone: shop.example\n  hostnames: [\"@\"]\n  zoneId: 0123456789abcdef0123456789abcdef\n");
    const { code, err } = await cli(["--tenant-file", file, ...ZONE]);
    expect(code).toBe(1);
    expect(err).toMatch(/shop\.yaml: has no web section/);
  });
});
