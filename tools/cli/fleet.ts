/**
 * `npm run fleet -- <preview|up|refresh|drift|destroy> [tenants…] [--changed-since <git ref>]
 *   [--concurrency N] [--shard i/n] [--json <file>] [--markdown <file>]`
 *
 * Runs a Pulumi operation over tenant stacks through the Automation API (see docs/fleet.md).
 * Exit codes: 0 every tenant succeeded (or, for drift, is in sync); 1 a tenant failed or drifted,
 * or the driver cannot run (no Pulumi CLI); 2 a wrong command line.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { CommandError, parseCommandLine, type Io } from "../command-line";
import type { PolicyPackOptions } from "../fleet/automation-engine";
import { cancelOnSignals } from "../fleet/cancel-signals";
import { FLEET_COMMANDS, type FleetCommand } from "../fleet/engine";
import { FLEET_VARIABLES } from "../fleet/environment";
import type { FleetContext } from "../fleet/fleet-command";
import { parseShard } from "../fleet/shard";

export { CANCELLED_EXIT_CODE, cancelOnSignals, type Cancellation } from "../fleet/cancel-signals";
export type { FleetContext } from "../fleet/fleet-command";

/** The default number of stacks worked on at once. */
export const DEFAULT_CONCURRENCY = 4;

const USAGE = `usage:
  npm run fleet -- <${FLEET_COMMANDS.join("|")}> [tenants…] [--changed-since <git ref>] [--concurrency N]
                   [--shard i/n] [--json <file>] [--markdown <file>] [--dir <folder>] [--secrets-provider <url>]
                   [--policy-config <file> | --no-policy-pack] [--verbose]
  npm run fleet -- destroy <tenant>… --yes-destroy <tenant>…

  preview   what a deploy would change (creates a missing stack)
  up        deploy (creates a missing stack)
  refresh   update the state from the cloud
  drift     refresh --preview-only --run-program: report tenants whose resources drifted
  destroy   delete a tenant's resources; protected ones are kept (--exclude-protected). Needs the
            tenants named and each confirmed with --yes-destroy <tenant>

  tenants…                  these tenants (default: every tenants/*.yaml)
  --changed-since <ref>     the tenants a git diff <ref>...HEAD affects (tenant file: that tenant;
                            shared code: all; documentation only: none)
  --concurrency N           stacks at once (default ${DEFAULT_CONCURRENCY})
  --shard i/n               only shard i of n of the selected tenants (a CI matrix covers each once)
  --json <file>             write the report as JSON
  --markdown <file>         write the report as Markdown (a pull-request comment or job summary)
  --dir <folder>            tenant files (default tenants); a stack reading another folder (tenantsDir) is not run
  --secrets-provider <url>  for stacks the driver creates, e.g. awskms://alias/pulumi?region=eu-central-1
  --policy-config <file>    levels and settings for the policy pack (policies/README.md); preview and
                            up run the pack in policies/ unless --no-policy-pack
  --verbose                 also print the Pulumi CLI's own output, prefixed by tenant

environment:
${FLEET_VARIABLES.map((v) => `  ${v.name.padEnd(25)} ${v.purpose}`).join("\n")}

exit: 0 all succeeded (drift: all in sync), 1 a tenant failed or drifted or the Pulumi CLI is missing, 2 wrong command line`;

/**
 * The policy pack of the project (policies/) with its optional configuration, unless turned off;
 * undefined when the project has no pack.
 */
export function policyPackOptions(cwd: string, configFile: string | undefined, off: boolean): PolicyPackOptions | undefined {
  if (off) {
    if (configFile) throw new CommandError("--policy-config and --no-policy-pack contradict each other", 2);
    return undefined;
  }
  const pack = path.resolve(cwd, "policies");
  if (!existsSync(path.join(pack, "PulumiPolicy.yaml"))) {
    if (configFile) throw new CommandError(`--policy-config ${configFile}: no policy pack at ${pack} (PulumiPolicy.yaml) to configure`, 2);
    return undefined;
  }
  if (configFile && !existsSync(path.resolve(cwd, configFile))) throw new CommandError(`--policy-config ${configFile}: no such file`, 2);
  return { policyPacks: [pack], ...(configFile ? { policyPackConfigs: [path.resolve(cwd, configFile)] } : {}) };
}

function checkDestroy(named: string[], confirmed: string[], changedSince: string | undefined): void {
  if (changedSince !== undefined || named.length === 0) {
    throw new CommandError("destroy works on tenants named on the command line only (no --changed-since, no \"every tenant\")", 2);
  }
  const missing = named.filter((id) => !confirmed.includes(id));
  const extra = confirmed.filter((id) => !named.includes(id));
  if (missing.length > 0 || extra.length > 0) {
    throw new CommandError(
      `destroy deletes every unprotected resource of a tenant: confirm each tenant with --yes-destroy <tenant>` +
        `${missing.length > 0 ? `; not confirmed: ${missing.join(", ")}` : ""}${extra.length > 0 ? `; confirmed but not named: ${extra.join(", ")}` : ""}`,
      2,
    );
  }
}

async function run(argv: readonly string[], io: Io, context: FleetContext): Promise<number> {
  const parsed = parseCommandLine(argv, {
    "changed-since": { type: "string" },
    concurrency: { type: "string" },
    shard: { type: "string" },
    json: { type: "string" },
    markdown: { type: "string" },
    dir: { type: "string" },
    "secrets-provider": { type: "string" },
    "policy-config": { type: "string" },
    "no-policy-pack": { type: "boolean" },
    "yes-destroy": { type: "string", multiple: true },
    verbose: { type: "boolean" },
  }, USAGE, io);
  if ("exit" in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const [command, ...named] = positionals;
  if (!FLEET_COMMANDS.includes(command as FleetCommand)) throw new CommandError(`${command === undefined ? "name a command" : `unknown command "${command}"`}: one of ${FLEET_COMMANDS.join(", ")}\n${USAGE}`, 2);
  const fleetCommand = command as FleetCommand;
  const changedSince = values["changed-since"];
  if (named.length > 0 && changedSince !== undefined) throw new CommandError("name tenants or use --changed-since, not both", 2);
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new CommandError(`--concurrency: a whole number from 1 to 64; got "${values.concurrency}"`, 2);
  let shard;
  try {
    shard = values.shard === undefined ? undefined : parseShard(values.shard);
  } catch (error) {
    throw new CommandError((error as Error).message, 2);
  }
  if (fleetCommand === "destroy") checkDestroy(named, values["yes-destroy"] ?? [], changedSince);
  else if (values["yes-destroy"]) throw new CommandError("--yes-destroy only goes with destroy", 2);

  const policy = policyPackOptions(context.cwd, values["policy-config"], values["no-policy-pack"] ?? false);
  const { runFleetCommand } = await import("../fleet/fleet-command.js");
  return runFleetCommand({
    command: fleetCommand,
    named,
    changedSince,
    concurrency,
    shard,
    policy,
    dir: values.dir,
    json: values.json,
    markdown: values.markdown,
    secretsProvider: values["secrets-provider"],
    verbose: values.verbose ?? false,
  }, io, context);
}

/** Runs the command line; returns the exit code. Expected failures print a message, never a stack trace. */
export async function main(argv: readonly string[], io: Io, context: FleetContext): Promise<number> {
  try {
    return await run(argv, io, context);
  } catch (error) {
    if (error instanceof CommandError) {
      io.err(error.message);
      return error.exitCode;
    }
    throw error;
  }
}

if (require.main === module) {
  const io: Io = { out: (t) => console.log(t), err: (t) => console.error(t) };
  const cancel = cancelOnSignals(io);
  main(process.argv.slice(2), io, { env: process.env, cwd: process.cwd(), signal: cancel.stop.signal, interrupt: cancel.interrupt.signal }).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      console.error("internal error (please report):", error);
      process.exitCode = 70;
    },
  );
}
