/**
 * `npm run acceptance -- --tenant-file <file> --zone <zone> …`: the acceptance run in a sandbox
 * account and Cloudflare zone (docs/acceptance.md). Exit 0 when every step passed and nothing was
 * left behind, 1 otherwise, 2 for a usage error.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { CloudflareApi } from "../../program/edge-preflight/cloudflare-api";
import { CloudflareZone } from "../acceptance/cloudflare-zone";
import { cliEnvironment, describeEnvironment, FLEET_VARIABLES } from "../fleet/environment";
import { findPulumiCli, PulumiCliError } from "../fleet/pulumi-cli";
import { TENANT_ID } from "../../tenant-schema/tenant-schema";
import { AcceptanceAutomationEngine } from "../acceptance/automation-adapter";
import { AwsCliCloud } from "../acceptance/aws-cli-cloud";
import { canaryStages, CanaryError } from "../acceptance/canary";
import { nodeWebProbe } from "../acceptance/node-web-probe";
import { renderMarkdown } from "../acceptance/report";
import { DEFAULT_TIMEOUTS, runAcceptance } from "../acceptance/run-acceptance";

export const HELP = `Usage: npm run acceptance -- --tenant-file <file> --zone <zone> (--zone-id <id> | --cloudflare-account <id>) --image <ref> [options]

Deploys a canary tenant built from <file> into the sandbox account and Cloudflare zone, checks it
from outside, drills a restore, then destroys everything it created and lists what is left.
See docs/acceptance.md for what to prepare, how long it takes and what it costs.

Steps (each in the report with its result, timing and the API it uses):
  deploy     pulumi up of the canary (Automation API), then wait for the instance refresh
             (DescribeInstanceRefreshes), the ACM certificate (DescribeCertificate) and the site
  check      HTTPS through Cloudflare (TLS 1.2+, Server: cloudflare, CF-Ray, HSTS), HTTP -> HTTPS
             redirect, the origin refusing a direct connection from the runner, the WAF answering
             403 on /admin (the runner is not on its allow list), /health all green
  restore    on-demand recovery point (AWS Backup StartBackupJob), restored next to the serving
             database (database.restore), its marker row compared; RTO and RPO measured
  cleanup    always, unless --keep: discard the drill, offboarding deploy, destroy, delete retained
             data (recovery points, snapshots, object versions), unprotect, destroy, stack rm; then
             every resource still tagged with the canary is listed

Options:
  --tenant-file <file>        tenant file to build the canary from (validated as any tenant file)
  --zone <zone>               sandbox Cloudflare zone; the canary's hostname is <id>.<zone>
  --zone-id <id>              the zone's id, or:
  --cloudflare-account <id>   the account to look the zone up in (GET /zones?name=&account.id=)
  --image <ref>               the smoke application's image (acceptance/app), with a tag or digest
                              (default: $ACCEPTANCE_IMAGE)
  --id <id>                   the canary's tenant id and stack name (default: acc-<time in base 36>)
  --keep                      leave the canary running (no cleanup); the report says so
  --report-dir <dir>          where report.json and report.md go (default: .acceptance)
  --secrets-provider <p>      secrets provider of the canary's stack (awskms://… or passphrase;
                              required on a DIY backend; default: $PULUMI_SECRETS_PROVIDER)
  -h, --help                  this text

Environment:
${FLEET_VARIABLES.map((v) => `  ${v.name.padEnd(26)}${v.purpose}`).join("\n")}
  ACCEPTANCE_IMAGE          the smoke image when --image is not given
The AWS CLI v2 must be on PATH (the run's AWS calls) and the Pulumi CLI (the deploys).`;

export class UsageError extends Error {}

export interface AcceptanceArgs {
  readonly tenantFile: string;
  readonly zone: string;
  readonly zoneId?: string;
  readonly cloudflareAccount?: string;
  readonly image: string;
  readonly id: string;
  readonly keep: boolean;
  readonly reportDir: string;
  readonly secretsProvider?: string;
}

/** Parses and checks the command line; `undefined` for --help. */
export function parseAcceptanceArgs(argv: readonly string[], env: NodeJS.ProcessEnv, now: number): AcceptanceArgs | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        "tenant-file": { type: "string" }, zone: { type: "string" }, "zone-id": { type: "string" }, "cloudflare-account": { type: "string" },
        image: { type: "string" }, id: { type: "string" }, keep: { type: "boolean" }, "report-dir": { type: "string" },
        "secrets-provider": { type: "string" }, help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (see --help)`);
  }
  if (values.help) return undefined;
  const missing = (["tenant-file", "zone"] as const).filter((k) => !values[k]);
  if (missing.length) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(" and ")} (see --help)`);
  if (!values["zone-id"] && !values["cloudflare-account"]) throw new UsageError("give --zone-id or --cloudflare-account to find the zone (see --help)");
  const image = values.image ?? env["ACCEPTANCE_IMAGE"];
  if (!image) throw new UsageError("missing --image (or ACCEPTANCE_IMAGE): the smoke application's image, built from acceptance/app");
  const id = values.id ?? `acc-${now.toString(36)}`;
  if (!TENANT_ID.test(id)) throw new UsageError(`--id ${id}: must be 3–28 lowercase letters, digits and hyphens (a tenant id)`);
  const secretsProvider = values["secrets-provider"] ?? env["PULUMI_SECRETS_PROVIDER"];
  return {
    tenantFile: values["tenant-file"]!, zone: values.zone!, image, id, keep: values.keep ?? false, reportDir: values["report-dir"] ?? ".acceptance",
    ...(values["zone-id"] ? { zoneId: values["zone-id"] } : {}),
    ...(values["cloudflare-account"] ? { cloudflareAccount: values["cloudflare-account"] } : {}),
    ...(secretsProvider ? { secretsProvider } : {}),
  };
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

async function zoneIdOf(args: AcceptanceArgs, env: NodeJS.ProcessEnv): Promise<string> {
  if (args.zoneId) return args.zoneId;
  const zone = await new CloudflareApi({ token: env["CLOUDFLARE_API_TOKEN"] ?? "" }).zoneByName(args.zone, args.cloudflareAccount!);
  if (!zone) throw new UsageError(`--zone ${args.zone}: no such zone in Cloudflare account ${args.cloudflareAccount}`);
  return zone.id;
}

export async function main(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  try {
    const args = parseAcceptanceArgs(argv, env, Date.now());
    if (!args) {
      io.out(HELP);
      return 0;
    }
    const stages = canaryStages(args.tenantFile, { id: args.id, zone: args.zone, zoneId: await zoneIdOf(args, env), image: args.image });
    const { info, warnings } = describeEnvironment(env, args.secretsProvider, true);
    for (const line of info) io.out(line);
    for (const line of warnings) io.err(`warning: ${line}`);
    const backendUrl = env["PULUMI_BACKEND_URL"];
    const engine = new AcceptanceAutomationEngine({
      workDir: cwd, pulumiCommand: await findPulumiCli(env), envVars: cliEnvironment(),
      ...(args.secretsProvider ? { secretsProvider: args.secretsProvider } : {}), ...(backendUrl ? { backendUrl } : {}),
    });
    const report = await runAcceptance({ stages, keep: args.keep, timeouts: DEFAULT_TIMEOUTS }, {
      engine, cloud: new AwsCliCloud(), zone: new CloudflareZone(env["CLOUDFLARE_API_TOKEN"] ?? ""), web: nodeWebProbe(), log: (line) => io.out(line),
      clock: { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
      tenantFile: (dir, id, text) => (text === undefined ? rmSync(path.join(dir, `${id}.yaml`), { force: true }) : writeFileSync(path.join(dir, `${id}.yaml`), text)),
    });
    mkdirSync(args.reportDir, { recursive: true });
    writeFileSync(path.join(args.reportDir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(args.reportDir, "report.md"), renderMarkdown(report));
    io.out(`acceptance ${report.ok ? "passed" : "FAILED"}; report in ${path.join(args.reportDir, "report.md")}`);
    return report.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    if (error instanceof CanaryError || error instanceof PulumiCliError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { out: (t) => console.log(t), err: (t) => console.error(t) }, process.env, process.cwd()).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      console.error("internal error (please report):", error);
      process.exitCode = 70;
    },
  );
}
