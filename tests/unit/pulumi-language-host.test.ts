/**
 * `pulumi preview`/`up` run the program as the CLI does: the project file read the engine's way
 * (`getPwdMain`), the real `@pulumi/pulumi/cmd/run` started with the language host's arguments
 * and environment from an unrelated working directory, talking gRPC to an engine answered by
 * the offline plan's mocks (tests/helpers/language-host/).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { locateModule } from "../helpers/language-host/host-process";
import { pwdAndMain, readProjectFile, stackConfig } from "../helpers/language-host/project-file";

interface HostRun {
  exitCode: number;
  pwd: string;
  entry: string;
  typescript: string;
  errors: string[];
  refusals: string[];
  resources: number;
  providers: string[];
  outputs: string[];
  stderr: string;
}

const ROOT = process.cwd();
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

/**
 * Runs the program as the CLI would. `transpileOnly` sets PULUMI_NODEJS_TRANSPILE_ONLY=true, as a
 * user may (Pulumi.yaml says so), to skip ts-node's type check where a test is about something else.
 */
function runAsCli(projectRoot: string, stack: string, options: { transpileOnly?: boolean } = {}): HostRun {
  const env = { ...process.env };
  if (options.transpileOnly) env["PULUMI_NODEJS_TRANSPILE_ONLY"] = "true";
  const output = execFileSync(process.execPath, [TSX, path.join(ROOT, "tests/helpers/language-host/run-program.ts"), projectRoot, stack], {
    encoding: "utf8",
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split("\n").pop()!) as HostRun;
}

/**
 * A copy of the project (links to everything but the project file) with `Pulumi.yaml` as given
 * (default: the project's own) and extra files, such as a stack's settings `Pulumi.<stack>.yaml`.
 */
function projectWith(pulumiYaml: string = fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"), files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "project-"));
  for (const entry of fs.readdirSync(ROOT)) {
    if (entry === "Pulumi.yaml" || entry === ".git" || entry in files) continue;
    fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
  }
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), pulumiYaml);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A stack's settings file pointing the program at the sample tenants, as `pulumi config set tenantsDir samples` writes it. */
const SAMPLES_STACK = { "Pulumi.example.yaml": "config:\n  tenant-platform:tenantsDir: samples\n" };

describe("where the engine runs a program from (getPwdMain)", () => {
  it("runs the project folder with entry point '.' when Pulumi.yaml has no main", () => {
    expect(pwdAndMain(ROOT, undefined)).toEqual({ pwd: ROOT, main: "." });
  });
  it("runs a main file from its own folder, and a main folder as the program directory", () => {
    expect(pwdAndMain(ROOT, "program/index.ts")).toEqual({ pwd: path.join(ROOT, "program"), main: "index.ts" });
    expect(pwdAndMain(ROOT, "program")).toEqual({ pwd: path.join(ROOT, "program"), main: "." });
  });
  it("refuses a main that does not exist", () => {
    expect(() => pwdAndMain(ROOT, "nowhere/index.ts")).toThrow(/project 'main' could not be read/);
  });
  it("sends the project's config defaults as the stack's configuration", () => {
    expect(stackConfig(readProjectFile(ROOT, "Pulumi.yaml"), "example")).toEqual({ "tenant-platform:tenantsDir": "tenants" });
  });
});

describe("the tenant program run as the Pulumi CLI runs it", () => {
  it("runs from the project folder, type-checks, and returns the stack outputs", () => {
    const project = projectWith(undefined, SAMPLES_STACK);
    const run = runAsCli(project, "example");
    expect(run.errors).toEqual([]);
    expect(run.refusals).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.pwd).toBe(project);
    expect(run.entry).toBe(".");
    expect(run.typescript).toMatch(/^5\./);
    expect(run.resources).toBeGreaterThan(30);
    expect(run.providers).toEqual(["pulumi:providers:aws", "pulumi:providers:cloudflare", "pulumi:providers:random", "pulumi:providers:tls"]);
    expect(run.outputs).toEqual(expect.arrayContaining(["vpcId", "loadBalancerDnsName", "databaseEndpoint", "zoneId", "nameServers"]));
    // The host finds each provider's package (and so its plugin) from the program directory.
    for (const provider of run.providers) {
      const name = provider.split(":").pop()!;
      const manifest = JSON.parse(fs.readFileSync(locateModule(`@pulumi/${name}/package.json`, run.pwd), "utf8")) as { pulumi?: { resource?: boolean } };
      expect(manifest.pulumi?.resource, name).toBe(true);
    }
  }, 300_000);

  it("refuses an unknown stack with the list of tenants, once, as an actionable message (exit 32)", () => {
    const run = runAsCli(ROOT, "nope", { transpileOnly: true });
    expect(run.exitCode).toBe(32);
    expect(run.errors).toEqual([`stack "nope" has no tenant file tenants/nope.yaml; the stack name is the tenant id. Known tenants: none in tenants.`]);
  }, 300_000);

  it("never deploys a sample by accident: the project as shipped has no tenant, and says where the sample is", () => {
    const run = runAsCli(ROOT, "example", { transpileOnly: true });
    expect(run.exitCode).toBe(32);
    // Only the stack itself was registered: no provider, no cloud resource.
    expect(run.resources).toBe(1);
    expect(run.providers).toEqual([]);
    expect(run.errors).toEqual([
      'stack "example" has no tenant file tenants/example.yaml; the stack name is the tenant id. Known tenants: none in tenants. example is a sample (samples/example.yaml): samples are planned with --dir samples and never deployed; to make it a tenant, copy it into tenants/ with your own aws.accountId and Cloudflare account or zone id',
    ]);
  }, 300_000);

  it("would find no tenant with main: program/index.ts (the program would run from program/)", () => {
    const project = projectWith(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8").replace(/^name: .*$/m, (line) => `${line}\nmain: program/index.ts`), SAMPLES_STACK);
    const run = runAsCli(project, "example", { transpileOnly: true });
    expect(run.exitCode).toBe(32);
    expect(run.errors.join("\n")).toMatch(/no tenant file samples\/example\.yaml.*Known tenants: none/);
  }, 300_000);
});
