/**
 * `npm run fleet -- <preview|up|refresh|drift|destroy> [tenants…] [--changed-since <git ref>]
 *   [--concurrency N] [--shard i/n] [--json <file>] [--markdown <file>]`
 *
 * Runs a Pulumi operation over tenant stacks through the Automation API (see docs/fleet.md).
 * Exit codes: 0 every tenant succeeded (or, for drift, is in sync); 1 a tenant failed or drifted,
 * or the driver cannot run (no Pulumi CLI); 2 a wrong command line.
 */
import { setMaxListeners } from "node:events";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseCommandLine, type Io } from "../command-line";
import { listTenantIds } from "../../tenant-schema/tenant-files";
import { GitDiffError } from "../fleet/affected-tenants";
import { DEFAULT_TENANTS_DIR } from "../../program/program-config";
import { affectedSince } from "../fleet/affected-selection";
import { previewCosts } from "../fleet/preview-costs";
import { AutomationEngine, type PolicyPackOptions } from "../fleet/automation-engine";
import { FLEET_COMMANDS, type FleetCommand, type FleetEngine } from "../fleet/engine";
import { cliEnvironment, describeEnvironment, FLEET_VARIABLES } from "../fleet/environment";
import { findPulumiCli, PulumiCliError } from "../fleet/pulumi-cli";
import { PREVIEW_MARKER } from "../fleet/render-markdown";
import { writeMarkdownReport } from "../fleet/markdown-files";
import { unsuccessful, type FleetReport, type TenantReport } from "../fleet/report";
import { failureReason, runFleet } from "../fleet/run-fleet";
import { NO_CHANGES } from "../fleet/changes";
import { parseShard, shardTenants } from "../fleet/shard";

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

/** A refusal to report without a stack trace, with its exit code. */
class FleetCliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

/** What the command line runs against; tests replace the engine. */
export interface FleetContext {
  readonly env: NodeJS.ProcessEnv;
  /** The project folder (Pulumi.yaml) and git working tree. */
  readonly cwd: string;
  /** Builds the engine; default: the Automation API over the Pulumi CLI found on this machine. */
  readonly createEngine?: (secretsProvider: string | undefined) => Promise<FleetEngine>;
  /** Aborted when the run is cancelled (SIGINT/SIGTERM): see {@link cancelOnSignals}. @default never */
  readonly signal?: AbortSignal;
  /**
   * Aborted when running operations must be asked to stop (the CLI gets SIGINT). @default `signal`;
   * see {@link cancelOnSignals} for when the two differ
   */
  readonly interrupt?: AbortSignal;
}

/** The exit code of a cancelled run (128 + SIGINT), as shells report an interrupted command. */
export const CANCELLED_EXIT_CODE = 130;

/** The two signals of a cancellation: stop starting tenants; ask running operations to stop. */
export interface Cancellation {
  readonly stop: AbortController;
  readonly interrupt: AbortController;
}

/**
 * Cancels the run on the first SIGINT or SIGTERM (what GitHub Actions sends a cancelled step):
 * no new tenant starts, operations in flight are asked to stop gracefully, and the report is
 * written at once. A second signal exits at once (GitHub sends SIGTERM 7.5 s after SIGINT).
 *
 * Ctrl-C in a terminal (`interactive`) sends SIGINT to the whole foreground process group, the
 * Pulumi CLI processes included: they are stopping already, and a second SIGINT would make them
 * terminate at once (pulumi/pulumi pkg/backend/cancellation_scope.go), so running operations are
 * not signalled again then.
 */
export function cancelOnSignals(
  io: Io,
  exit: (code: number) => void = (code) => process.exit(code),
  signals: Pick<NodeJS.EventEmitter, "on"> = process,
  interactive: boolean = process.stdin.isTTY === true,
): Cancellation {
  const stop = new AbortController();
  const interrupt = new AbortController();
  // Every operation listens to the signal: no warning about "too many listeners".
  setMaxListeners(0, stop.signal, interrupt.signal);
  const onSignal = (name: NodeJS.Signals): void => {
    if (stop.signal.aborted) {
      io.err(`${name} again: exiting now, which also terminates the running CLIs; their stacks may be left locked (pulumi cancel --stack <tenant>)`);
      exit(CANCELLED_EXIT_CODE);
      return;
    }
    const fromTerminal = interactive && name === "SIGINT";
    io.err(`${name}: cancelling - no further tenant starts; running operations ${fromTerminal ? "got the same signal and" : "are asked to"} stop gracefully (send it again to exit at once)`);
    stop.abort();
    if (!fromTerminal) interrupt.abort();
  };
  signals.on("SIGINT", () => onSignal("SIGINT"));
  signals.on("SIGTERM", () => onSignal("SIGTERM"));
  return { stop, interrupt };
}

async function automationEngine(context: FleetContext, secretsProvider: string | undefined, policy: PolicyPackOptions | undefined): Promise<FleetEngine> {
  const pulumiCommand = await findPulumiCli(context.env);
  if (!existsSync(path.join(context.cwd, "Pulumi.yaml"))) throw new FleetCliError(`no Pulumi.yaml in ${context.cwd}: run the fleet driver from the project folder`, 1);
  const backendUrl = context.env["PULUMI_BACKEND_URL"];
  return new AutomationEngine({
    workDir: context.cwd,
    pulumiCommand,
    envVars: cliEnvironment(),
    ...(secretsProvider ? { secretsProvider } : {}),
    ...(backendUrl ? { backendUrl } : {}),
    ...(policy ? { policy } : {}),
  });
}

/**
 * The policy pack of the project (policies/) with its optional configuration, unless turned off;
 * undefined when the project has no pack.
 */
export function policyPackOptions(cwd: string, configFile: string | undefined, off: boolean): PolicyPackOptions | undefined {
  if (off) {
    if (configFile) throw new FleetCliError("--policy-config and --no-policy-pack contradict each other", 2);
    return undefined;
  }
  const pack = path.resolve(cwd, "policies");
  if (!existsSync(path.join(pack, "PulumiPolicy.yaml"))) {
    if (configFile) throw new FleetCliError(`--policy-config ${configFile}: no policy pack at ${pack} (PulumiPolicy.yaml) to configure`, 2);
    return undefined;
  }
  if (configFile && !existsSync(path.resolve(cwd, configFile))) throw new FleetCliError(`--policy-config ${configFile}: no such file`, 2);
  return { policyPacks: [pack], ...(configFile ? { policyPackConfigs: [path.resolve(cwd, configFile)] } : {}) };
}

function writeFile(file: string, content: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, content);
}

interface Selection {
  readonly tenants: string[];
  readonly offboarded: string[];
  readonly notes: string[];
}

function select(command: FleetCommand, named: string[], changedSince: string | undefined, dir: string, context: FleetContext, io: Io): Selection {
  const known = listTenantIds(path.resolve(context.cwd, dir));
  if (named.length > 0) {
    if (command !== "destroy") {
      const unknown = named.filter((id) => !known.includes(id));
      if (unknown.length > 0) throw new FleetCliError(`no tenant file for ${unknown.join(", ")} in ${dir}/; known tenants: ${known.join(", ") || "none"}`, 2);
    }
    return { tenants: [...new Set(named)], offboarded: [], notes: [`tenants named on the command line: ${named.join(", ")}`] };
  }
  if (changedSince === undefined) return { tenants: known, offboarded: [], notes: [`every tenant in ${dir}/`] };
  let affected;
  try {
    affected = affectedSince(changedSince, context.cwd, dir, known);
  } catch (error) {
    if (error instanceof GitDiffError) throw new FleetCliError(error.message, 2);
    throw error;
  }
  for (const reason of affected.reasons) io.out(`selection: ${reason}`);
  const tenants = affected.tenants;
  const summary = affected.all ? `shared code changed since ${changedSince}: every tenant` : `tenants changed since ${changedSince}: ${tenants.join(", ") || "none"}`;
  return { tenants, offboarded: [...affected.deleted], notes: [summary] };
}

function checkDestroy(named: string[], confirmed: string[], changedSince: string | undefined): void {
  if (changedSince !== undefined || named.length === 0) {
    throw new FleetCliError("destroy works on tenants named on the command line only (no --changed-since, no \"every tenant\")", 2);
  }
  const missing = named.filter((id) => !confirmed.includes(id));
  const extra = confirmed.filter((id) => !named.includes(id));
  if (missing.length > 0 || extra.length > 0) {
    throw new FleetCliError(
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
  if (!FLEET_COMMANDS.includes(command as FleetCommand)) throw new FleetCliError(`${command === undefined ? "name a command" : `unknown command "${command}"`}: one of ${FLEET_COMMANDS.join(", ")}\n${USAGE}`, 2);
  const fleetCommand = command as FleetCommand;
  const changedSince = values["changed-since"];
  if (named.length > 0 && changedSince !== undefined) throw new FleetCliError("name tenants or use --changed-since, not both", 2);
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new FleetCliError(`--concurrency: a whole number from 1 to 64; got "${values.concurrency}"`, 2);
  let shard;
  try {
    shard = values.shard === undefined ? undefined : parseShard(values.shard);
  } catch (error) {
    throw new FleetCliError((error as Error).message, 2);
  }
  if (fleetCommand === "destroy") checkDestroy(named, values["yes-destroy"] ?? [], changedSince);
  else if (values["yes-destroy"]) throw new FleetCliError("--yes-destroy only goes with destroy", 2);

  const secretsProvider = values["secrets-provider"];
  const policy = policyPackOptions(context.cwd, values["policy-config"], values["no-policy-pack"] ?? false);
  io.out(policy ? `policy pack: ${policy.policyPacks.join(", ")}${policy.policyPackConfigs ? ` (config ${policy.policyPackConfigs.join(", ")})` : ""} on preview and up` : "policy pack: none");
  const engine = await (context.createEngine ?? ((sp) => automationEngine(context, sp, policy)))(secretsProvider);

  const selection = select(fleetCommand, named, changedSince, values.dir ?? DEFAULT_TENANTS_DIR, context, io);
  const tenants = shard ? shardTenants(selection.tenants, shard) : selection.tenants;
  const notes = [...selection.notes, ...(shard ? [`shard ${shard.index}/${shard.count}: ${tenants.length} of ${selection.tenants.length} tenant(s)`] : [])];
  for (const note of notes) io.out(note);
  for (const id of selection.offboarded) io.out(`offboarding: ${path.join(values.dir ?? DEFAULT_TENANTS_DIR, `${id}.yaml`)} was deleted; the driver does not destroy stacks (docs/runbooks/offboard.md)`);
  const environment = describeEnvironment(context.env, secretsProvider, fleetCommand !== "destroy");
  for (const line of environment.info) io.out(line);
  for (const line of environment.warnings) io.err(`warning: ${line}`);

  const writeReports = (report: FleetReport): void => {
    if (values.json) writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
    if (values.markdown) writeMarkdownReport(values.markdown, report, fleetCommand === "preview" ? PREVIEW_MARKER : `<!-- tenant-platform-${fleetCommand} -->`);
  };
  let reports: TenantReport[] = [];
  try {
    if (tenants.length > 0) {
      reports = await runFleet({
        command: fleetCommand,
        tenants,
        engine,
        ...(context.env["PULUMI_BACKEND_URL"] ? { backendUrl: context.env["PULUMI_BACKEND_URL"] } : {}),
        concurrency,
        tenantsDir: path.resolve(context.cwd, values.dir ?? DEFAULT_TENANTS_DIR),
        verbose: values.verbose ?? false,
        log: (line) => io.out(line),
        ...(context.signal ? { signal: context.signal } : {}),
        ...(context.interrupt ?? context.signal ? { interrupt: (context.interrupt ?? context.signal)! } : {}),
        // Written at once: a cancelled CI job may be killed before the running operations end.
        onCancel: (partial) => writeReports({ operation: fleetCommand, tenants: partial, offboarded: selection.offboarded, notes: [...notes, "cancelled: this report was written when the run was cancelled"] }),
      });
    }
  } catch (error) {
    // runFleet rejects only when the project cannot be prepared (plugins), before any tenant ran.
    throw new FleetCliError(`could not prepare the Pulumi project, no tenant ran: ${failureReason(error, NO_CHANGES)}`, 1);
  }
  if (fleetCommand === "preview" && reports.length > 0 && !context.signal?.aborted) {
    // The pull request's cost before and after, from offline plans of the same tenants.
    const costs = await previewCosts(reports.map((r) => r.tenant), context.cwd, values.dir ?? DEFAULT_TENANTS_DIR, changedSince);
    reports = reports.map((r) => (costs.has(r.tenant) ? { ...r, cost: costs.get(r.tenant)! } : r));
    if (changedSince && costs.size > 0) notes.push(`cost before: each tenant file at ${changedSince}, estimated with this revision's code`);
  }
  const report: FleetReport = { operation: fleetCommand, tenants: reports, offboarded: selection.offboarded, notes };
  writeReports(report);

  const bad = unsuccessful(report);
  const counts = (["succeeded", "in-sync", "drifted", "failed", "interrupted", "not-started"] as const).map((s) => [s, reports.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  io.out(`fleet ${fleetCommand}: ${reports.length === 0 ? "no tenant selected" : counts.map(([s, n]) => `${n} ${s}`).join(", ")}`);
  for (const r of bad) io.err(`${r.tenant}: ${r.status}${r.error ? `: ${r.error.replace(/\n/g, "\n  ")}` : ""}`);
  if (context.signal?.aborted) return CANCELLED_EXIT_CODE;
  return bad.length > 0 ? 1 : 0;
}

/** Runs the command line; returns the exit code. Expected failures print a message, never a stack trace. */
export async function main(argv: readonly string[], io: Io, context: FleetContext): Promise<number> {
  try {
    return await run(argv, io, context);
  } catch (error) {
    if (error instanceof FleetCliError) {
      io.err(error.message);
      return error.exitCode;
    }
    if (error instanceof PulumiCliError) {
      io.err(error.message);
      return 1;
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
