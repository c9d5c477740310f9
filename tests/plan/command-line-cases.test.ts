/**
 * The commands' exit codes and messages: every wrong command line, output path and tenant folder
 * gets its exit code and one clear message, never a stack trace. Each case runs the command's
 * `main` in-process; what only a process shows (a path that could hang it, the exit code of an
 * internal error, the usage) runs the command as a user does, with a time limit so that a hang
 * fails.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main as planMain } from "../../tools/cli/plan";
import { main as newTenantMain } from "../../tools/cli/tenant-new";
import { git } from "../helpers/git";
import { CLOUDFLARE_ACCOUNT, removeTempFolders, sharingZone, tempFolder, tenantYaml, writeTenant } from "../helpers/temp-tenants";

afterAll(removeTempFolders);

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

interface Run { code: number; out: string; err: string }

/** Runs a tool's script with `args` in `cwd`; a run over the time limit counts as a hang (code -1). */
function spawnTool(script: string, args: readonly string[], cwd = ROOT, timeout = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(TSX, [path.join(ROOT, script), ...args], { cwd, timeout, killSignal: "SIGKILL", env: { ...process.env, NO_COLOR: "1" } }, (error, out, err) => {
      const code = error ? ((error as { code?: unknown }).code as number | undefined) ?? (error.killed ? -1 : -2) : 0;
      resolve({ code: typeof code === "number" ? code : -3, out, err });
    });
  });
}

/** Runs `main` of a command in-process, capturing what it prints as a process would. */
async function inProcess(main: (argv: readonly string[], io: { out(t: string): void; err(t: string): void }) => number | Promise<number>, args: readonly string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(`${t}\n`), err: (t) => err.push(`${t}\n`) });
  return { code, out: out.join(""), err: err.join("") };
}

const plan = (args: readonly string[]) => inProcess(planMain, args);
const newTenant = (args: readonly string[], root: string) => inProcess((argv, io) => newTenantMain(argv, io, root), args);

/** A project folder with a tenant folder holding two valid tenants. */
function project(): { root: string; tenants: string } {
  const root = tempFolder();
  const tenants = path.join(root, "tenants");
  mkdirSync(tenants);
  writeTenant(tenants, "shop", tenantYaml({}, "shop.example"));
  writeTenant(tenants, "blog", tenantYaml({ cidr: "10.21.0.0/16" }, "blog.example"));
  return { root, tenants };
}

function expectNoStackTrace(run: Run): void {
  expect(`${run.out}\n${run.err}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

describe("npm run plan: output paths and folders are checked before planning (exit 2)", () => {
  const folder = tempFolder();
  const aFile = path.join(folder, "a-file");
  writeFileSync(aFile, "x");
  const cases: [string, string[], string][] = [
    ["--json naming a folder", ["example", "--json", folder], `--json ${folder}: is a folder; name a file to write`],
    ["--json in a missing folder", ["example", "--json", path.join(folder, "missing", "plan.json")], `is in a folder that does not exist (${path.join(folder, "missing")}); create it first`],
    ["--mermaid inside a file", ["example", "--mermaid", path.join(aFile, "plan.mmd")], `--mermaid ${path.join(aFile, "plan.mmd")}: is inside ${aFile}, which is not a folder`],
    ["--json under /proc", ["example", "--json", "/proc/self/comm"], "--json /proc/self/comm: is on the proc kernel filesystem"],
    ["--json to a device", ["example", "--json", "/dev/null"], "--json /dev/null: is not a regular file (a device, pipe or socket)"],
    ["--markdown naming a folder", ["example", "--markdown", folder], `--markdown ${folder}: is a folder`],
    ["--json-dir naming a file", ["--all", "--json-dir", aFile], `--json-dir ${aFile}: is not a folder`],
    ["--markdown in a missing folder that is not --json-dir", ["--all", "--json-dir", path.join(folder, "plans"), "--markdown", path.join(folder, "report", "summary.md")],
      `--markdown ${path.join(folder, "report", "summary.md")}: is in a folder that does not exist`],
    ["--json-dir under /proc", ["--all", "--json-dir", "/proc/self/plans"], "--json-dir /proc/self/plans: is on the proc kernel filesystem"],
    ["--dir that does not exist", ["--all", "--dir", path.join(folder, "nowhere")], `--dir ${path.join(folder, "nowhere")}: does not exist; it names the tenant folder`],
    ["--dir naming a file", ["example", "--dir", aFile], `--dir ${aFile}: is not a folder; it names the tenant folder`],
  ];
  it.each(cases)("%s", async (_what, args, message) => {
    const run = await plan(args);
    expect(run.err).toContain(message);
    expect(run.err).toContain("nothing planned");
    expect(run.code).toBe(2);
    expect(run.out).toBe("");
    expectNoStackTrace(run);
  });

  it.each([
    ["--json naming the tenant file itself", (t: string) => ["shop", "--dir", t, "--json", path.join(t, "shop.yaml")], (t: string) => `--json ${path.join(t, "shop.yaml")}: is the tenant file ${path.join(t, "shop.yaml")}; write the output elsewhere`],
    ["--mermaid through a link to the tenant file", (t: string) => { symlinkSync(path.join(t, "shop.yaml"), path.join(t, "..", "link.mmd")); return ["shop", "--dir", t, "--mermaid", path.join(t, "..", "link.mmd")]; },
      (t: string) => `--mermaid ${path.join(t, "..", "link.mmd")}: is the tenant file`],
    ["--json naming the policy configuration", (t: string) => { writeFileSync(path.join(t, "..", "levels.json"), "{}"); return ["shop", "--dir", t, "--policy-config", path.join(t, "..", "levels.json"), "--json", path.join(t, "..", "levels.json")]; },
      (t: string) => `: is the policy configuration (--policy-config) ${path.join(t, "..", "levels.json")}`],
    ["--json into the tenant folder", (t: string) => ["shop", "--dir", t, "--json", path.join(t, "shop.json")], (t: string) => `--json ${path.join(t, "shop.json")}: is inside the tenant folder ${t}, which holds only tenant files`],
    ["--json-dir that is the tenant folder", (t: string) => ["--all", "--dir", t, "--json-dir", t], (t: string) => `--json-dir ${t}: is inside the tenant folder ${t}`],
    ["--json-dir inside the tenant folder", (t: string) => ["--all", "--dir", t, "--json-dir", path.join(t, "plans")], (t: string) => `--json-dir ${path.join(t, "plans")}: is inside the tenant folder ${t}`],
    ["--json as a link to a kernel file", (t: string) => { symlinkSync("/proc/self/comm", path.join(t, "..", "comm.json")); return ["shop", "--dir", t, "--json", path.join(t, "..", "comm.json")]; },
      (t: string) => `--json ${path.join(t, "..", "comm.json")}: leads to /proc/`],
  ])("refuses %s (exit 2), leaving the tenant folder as it was", async (_what, args, message) => {
    const { tenants } = project();
    const before = readdirSync(tenants).sort();
    const shop = readFileSync(path.join(tenants, "shop.yaml"), "utf8");
    const run = await plan(args(tenants));
    expect(run.err).toContain(message(tenants));
    expect(run.err).toContain("nothing planned");
    expect(run.code).toBe(2);
    expect(readdirSync(tenants).sort()).toEqual(before);
    expect(readFileSync(path.join(tenants, "shop.yaml"), "utf8")).toBe(shop);
  });

  it("never writes to a kernel path, and does not hang on one (run as a process)", async () => {
    const run = await spawnTool("tools/cli/plan.ts", ["example", "--json", "/proc/self/fd/1", "--mermaid", "/proc/self/comm"]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("--json /proc/self/fd/1: is not a regular file (a device, pipe or socket); name a file to write");
    expect(run.err).toContain("--mermaid /proc/self/comm: is on the proc kernel filesystem");
    expect(run.out).toBe("");
  }, 150_000);

  it.skipIf(process.getuid?.() === 0)("refuses a folder it may not write (as a user without the permission)", async () => {
    const locked = tempFolder();
    const { chmodSync } = await import("node:fs");
    chmodSync(locked, 0o500);
    const run = await plan(["example", "--json", path.join(locked, "plan.json")]);
    chmodSync(locked, 0o700);
    expect(run.code).toBe(2);
    expect(run.err).toContain("(permission denied)");
  });
});

describe("npm run plan: input paths that could hang the process are refused (run as processes)", () => {
  // Each run has 120 seconds (a start takes 5 to 30 on a busy machine): a command that opens a FIFO for reading waits for a writer forever,
  // and one that reads /dev/zero never reaches the end, so a regression fails here as a timeout.
  const folder = tempFolder();
  const fifoFolder = path.join(folder, "tenants");
  mkdirSync(fifoFolder);
  writeTenant(fifoFolder, "shop", tenantYaml({}, "shop.example"));
  const fifo = path.join(folder, "pipe.yaml");
  const fifoInFolder = path.join(fifoFolder, "piped.yaml");
  const fifoConfig = path.join(folder, "levels.json");
  for (const file of [fifo, fifoInFolder, fifoConfig]) execFileSync("mkfifo", [file]);
  const zero = path.join(folder, "zero.yaml");
  symlinkSync("/dev/zero", zero);
  const cases: [string, string[], string][] = [
    ["a FIFO as the tenant file", [fifo], `${fifo}:1:1: is not a regular file (a device, pipe or socket, or a link to one)`],
    ["a FIFO in the tenant folder, named by its id", ["piped", "--dir", fifoFolder], `${fifoInFolder}:1:1: is not a regular file`],
    ["a FIFO as --policy-config", ["shop", "--dir", fifoFolder, "--policy-config", fifoConfig], `${fifoConfig}: cannot read the policy configuration: is not a regular file`],
    ["a link to /dev/zero as the tenant file", [zero], `${zero}:1:1: is not a regular file (a device, pipe or socket, or a link to one)`],
  ];
  it("refuses each at once, with its message and no stack trace", async () => {
    const runs = await Promise.all(cases.map(([, args]) => spawnTool("tools/cli/plan.ts", args)));
    runs.forEach((run, i) => {
      const [what, , message] = cases[i]!;
      expect(run.code, `${what}: ${run.err}`).not.toBe(-1);
      expect(run.err, what).toContain(message);
      expect([1, 2], what).toContain(run.code);
      expectNoStackTrace(run);
    });
  }, 200_000);
});

describe("npm run plan: the tenant folder and the fleet", () => {
  it.each([
    ["a .yml file", (tenants: string) => writeFileSync(path.join(tenants, "cafe.yml"), tenantYaml({}, "cafe.example")),
      "cafe.yml:1:1: tenant files end in .yaml (the file name is the tenant id); rename it to cafe.yaml"],
    ["a symbolic link", (tenants: string) => symlinkSync(path.join(tenants, "shop.yaml"), path.join(tenants, "mirror.yaml")),
      "mirror.yaml:1:1: is a symbolic link"],
    ["a file whose name is not a tenant id", (tenants: string) => writeFileSync(path.join(tenants, "Big_Shop.yaml"), tenantYaml({}, "big.example")),
      'Big_Shop.yaml:1:1: "Big_Shop" is not a valid tenant id'],
    ["a stray file", (tenants: string) => writeFileSync(path.join(tenants, "notes.txt"), "todo"),
      "notes.txt:1:1: is not a tenant file; a tenant folder holds only tenant files (<id>.yaml) and schema.json"],
    ["a subfolder", (tenants: string) => mkdirSync(path.join(tenants, "old")),
      "old:1:1: is a folder; a tenant folder holds only tenant files (<id>.yaml) and schema.json"],
  ])("refuses %s in the tenant folder (exit 1), for --all and for one tenant", async (_what, add, message) => {
    const { tenants } = project();
    add(tenants);
    for (const args of [["--all", "--dir", tenants], ["shop", "--dir", tenants]]) {
      const run = await plan(args);
      expect(run.err, args.join(" ")).toContain(message);
      expect(run.code).toBe(1);
      expectNoStackTrace(run);
    }
  });

  it("blames the file being added for a hostname claimed twice, not the untouched one", async () => {
    const { root, tenants } = project();
    git(root, "init", "-q", "-b", "main");
    git(root, "add", "-A");
    git(root, "commit", "-qm", "fleet");
    // "alpha" sorts before "shop": name order would blame shop, which nobody touched.
    writeTenant(tenants, "alpha", sharingZone(tenantYaml({ cidr: "10.30.0.0/16" }, "shop.example")).replace('["@", www]', "[www]"));
    const run = await plan(["--all", "--dir", tenants]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${tenants}/alpha.yaml:7:15: edge.hostnames[0]: www.shop.example is already claimed by tenant shop (${tenants}/shop.yaml:7:20)`);
    expect(run.err).not.toContain(`${tenants}/shop.yaml:7:20: edge.hostnames`);
  });

  it("checks a file planned from outside the tenant folder against that folder's fleet, and says so", async () => {
    const { tenants } = project();
    const outside = writeTenant(tempFolder(), "cafe", tenantYaml({ cidr: "10.40.0.0/16" }, "shop.example").replace(`  accountId: ${CLOUDFLARE_ACCOUNT}`, `  zoneId: ${CLOUDFLARE_ACCOUNT}\n  manageZone: false`));
    const run = await plan([outside, "--dir", tenants, "--quiet"]);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`fleet: ${outside} was checked against the 2 other tenants in ${tenants}/`);
    expect(run.err).toContain(`${outside}:7:15: edge.hostnames[0]: shop.example is already claimed by tenant shop`);
  });

  it("counts uncommitted edits with --base --affected, and says so", async () => {
    const { root, tenants } = project();
    git(root, "init", "-q", "-b", "main");
    git(root, "add", "-A");
    git(root, "commit", "-qm", "fleet");
    writeTenant(tenants, "blog", tenantYaml({ cidr: "10.21.0.0/16", nat: "none" }, "blog.example"));
    const run = await plan(["--all", "--dir", tenants, "--base", "HEAD", "--affected"]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toContain("selection: counts uncommitted changes to tenants/blog.yaml");
    expect(run.out).toContain("tenants affected since HEAD: blog");
    expect(run.out).toContain("1 planned, 0 failed");
  });
});

describe("exit codes", () => {
  it("documents them in the usage, and --help exits 0 (run as a process)", async () => {
    const run = await spawnTool("tools/cli/plan.ts", ["--help"]);
    expect(run.code).toBe(0);
    expect(run.out).toContain("exit codes: 0 done; 1 a tenant file, plan or policy refused");
    expect(run.out).toContain("2 wrong command line (options, paths); 70 internal error");
  }, 150_000);

  it("reports an internal error in one line with where the details are (exit 70)", async () => {
    const script = path.join(tempFolder(), "broken-tool.ts");
    writeFileSync(script, `import { runCommand } from ${JSON.stringify(path.join(ROOT, "tools/command-line"))};\nrunCommand("broken", async () => { throw new TypeError("Cannot read properties of undefined (reading 'spec')"); });\n`);
    const run = await spawnTool(path.relative(ROOT, script), []);
    expect(run.code).toBe(70);
    const lines = run.err.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^broken: internal error: Cannot read properties of undefined \(reading 'spec'\); details in (\S+\.log) \(please report it\)$/);
    const details = /details in (\S+\.log)/.exec(lines[0]!)![1]!;
    expect(readFileSync(details, "utf8")).toContain("TypeError: Cannot read properties of undefined");
  }, 150_000);

  it.each([
    ["in a promise nobody awaits", `void Promise.reject(new RangeError("the user data takes 36741 bytes"));`],
    ["in a callback", `setTimeout(() => { throw new RangeError("the user data takes 36741 bytes"); }, 0);`],
  ])("reports an error thrown %s as an internal error too (exit 70), not a stack trace", async (_what, statement) => {
    const script = path.join(tempFolder(), "escaping-tool.ts");
    writeFileSync(script, `import { runCommand } from ${JSON.stringify(path.join(ROOT, "tools/command-line"))};\nrunCommand("escaping", async () => { ${statement} await new Promise((r) => setTimeout(r, 2000)); return 0; });\n`);
    const run = await spawnTool(path.relative(ROOT, script), []);
    expect(run.code).toBe(70);
    expect(run.err.trim().split("\n")).toEqual([expect.stringMatching(/^escaping: internal error: the user data takes 36741 bytes; details in \S+\.log \(please report it\)$/)]);
    expectNoStackTrace(run);
  }, 150_000);
});

describe("npm run tenant:new", () => {
  it.each([
    ["a Cloudflare account id that is not one", ["--account", "123"], "--account 123: must be a 32-character Cloudflare account id"],
    ["a zone id that is not one", ["--zone-id", "abc"], "--zone-id abc: must be a 32-character Cloudflare zone id"],
    ["a region that does not look like one", ["--account", CLOUDFLARE_ACCOUNT, "--region", "moon"], "--region moon: must be an AWS region name such as eu-central-1"],
    ["a public VPC block", ["--account", CLOUDFLARE_ACCOUNT, "--cidr", "8.8.0.0/16"], '--cidr 8.8.0.0/16: "8.8.0.0/16" is not private address space'],
    ["a domain that is not one", ["--account", CLOUDFLARE_ACCOUNT, "--domain", "Not A Domain"], "--domain Not A Domain: must be a lowercase domain name"],
    ["a backup region equal to the region", ["--account", CLOUDFLARE_ACCOUNT, "--region", "us-west-1", "--backup-region", "us-west-1"], "--backup-region us-west-1: must differ from --region (us-west-1)"],
    ["a preset spanning more zones than the region has", ["--account", CLOUDFLARE_ACCOUNT, "--region", "us-west-1", "--backup-region", "us-east-1", "--preset", "large"], "--preset large: spans 3 zones, but an account has 2 in us-west-1; choose small or medium"],
    ["a VPC block another tenant has", ["--account", CLOUDFLARE_ACCOUNT, "--cidr", "10.21.128.0/17"], `--cidr 10.21.128.0/17: overlaps tenant blog's block 10.21.0.0/16`],
  ])("refuses %s by its flag (exit 2), writing nothing", async (_what, flags, message) => {
    const { root, tenants } = project();
    const args = ["cafe", "--domain", "cafe.example", ...flags];
    const run = await newTenant(args, root);
    expect(run.err).toContain(message);
    expect(run.err).toContain("nothing written");
    expect(run.code).toBe(2);
    expect(() => readFileSync(path.join(tenants, "cafe.yaml"))).toThrow();
    expectNoStackTrace(run);
  });

  it("refuses an id that exists in any form, writing nothing, and a wrong flag as a process too", async () => {
    const { root, tenants } = project();
    writeFileSync(path.join(tenants, "cafe.yml"), "x");
    const run = await newTenant(["cafe", "--domain", "cafe.example", "--account", CLOUDFLARE_ACCOUNT], root);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`tenant cafe exists already (${path.join(tenants, "cafe.yml")}); nothing written\n`);
    const spawned = await spawnTool("tools/cli/tenant-new.ts", ["cafe", "--domain", "cafe.example", "--account", "123"], root);
    expect(spawned.code).toBe(2);
    expect(spawned.err).toContain("--account 123: must be a 32-character Cloudflare account id");
  });

  it("picks a VPC block no other tenant uses, and pins the image", async () => {
    const { root, tenants } = project();
    const run = await newTenant(["cafe", "--domain", "cafe.example", "--account", CLOUDFLARE_ACCOUNT], root);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const text = readFileSync(path.join(tenants, "cafe.yaml"), "utf8");
    // shop has 10.20.0.0/16 and blog 10.21.0.0/16.
    expect(text).toContain("  cidr: 10.22.0.0/16\n");
    expect(text).toMatch(/image: ghcr\.io\/cafe\/site:1\.0\.0 /);
    expect(text).not.toContain(":latest");
  });
});
