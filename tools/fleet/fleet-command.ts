/**
 * The work of `npm run fleet` once its command line is accepted: the engine over the Pulumi CLI,
 * the tenants selected, the operation run on each, the reports written. Loaded by
 * tools/cli/fleet.ts only then, since it loads the Automation API (and, for a preview's costs, the
 * offline plan).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { CommandError, type Io } from "../command-line";
import { DEFAULT_TENANTS_DIR } from "../../program/program-config";
import { listTenantIds } from "../../tenant-schema/tenant-files";
import { affectedSince } from "./affected-selection";
import { GitDiffError } from "./affected-tenants";
import { AutomationEngine, type PolicyPackOptions } from "./automation-engine";
import { CANCELLED_EXIT_CODE } from "./cancel-signals";
import { NO_CHANGES } from "./changes";
import type { FleetCommand, FleetEngine } from "./engine";
import { cliEnvironment, describeEnvironment } from "./environment";
import { writeMarkdownReport } from "./markdown-files";
import { findPulumiCli, PulumiCliError } from "./pulumi-cli";
import { PREVIEW_MARKER } from "./render-markdown";
import { unsuccessful, type FleetReport, type TenantReport } from "./report";
import { failureReason, runFleet } from "./run-fleet";
import { shardTenants, type Shard } from "./shard";

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

/** A fleet command line the command-line front accepted. */
export interface FleetRequest {
  readonly command: FleetCommand;
  /** The tenants named on the command line (none: every tenant, or those changed since `changedSince`). */
  readonly named: readonly string[];
  /** The git revision whose changes select the tenants. @default none */
  readonly changedSince?: string;
  /** Stacks worked on at once. */
  readonly concurrency: number;
  /** Only this shard of the selected tenants. @default all of them */
  readonly shard?: Shard;
  /** The policy pack preview and up run. @default none */
  readonly policy?: PolicyPackOptions;
  /** The tenant folder. @default tenants */
  readonly dir?: string;
  /** Where to write the report as JSON. @default not written */
  readonly json?: string;
  /** Where to write the report as Markdown. @default not written */
  readonly markdown?: string;
  /** The secrets provider of stacks the driver creates. @default the backend's */
  readonly secretsProvider?: string;
  /** Also print the Pulumi CLI's own output. @default false */
  readonly verbose?: boolean;
}

async function automationEngine(context: FleetContext, secretsProvider: string | undefined, policy: PolicyPackOptions | undefined): Promise<FleetEngine> {
  const pulumiCommand = await findPulumiCli(context.env);
  if (!existsSync(path.join(context.cwd, "Pulumi.yaml"))) throw new CommandError(`no Pulumi.yaml in ${context.cwd}: run the fleet driver from the project folder`, 1);
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

function writeFile(file: string, content: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, content);
}

interface Selection {
  readonly tenants: string[];
  readonly offboarded: string[];
  readonly notes: string[];
}

function select(command: FleetCommand, named: readonly string[], changedSince: string | undefined, dir: string, context: FleetContext, io: Io): Selection {
  const known = listTenantIds(path.resolve(context.cwd, dir));
  if (named.length > 0) {
    if (command !== "destroy") {
      const unknown = named.filter((id) => !known.includes(id));
      if (unknown.length > 0) throw new CommandError(`no tenant file for ${unknown.join(", ")} in ${dir}/; known tenants: ${known.join(", ") || "none"}`, 2);
    }
    return { tenants: [...new Set(named)], offboarded: [], notes: [`tenants named on the command line: ${named.join(", ")}`] };
  }
  if (changedSince === undefined) return { tenants: known, offboarded: [], notes: [`every tenant in ${dir}/`] };
  let affected;
  try {
    affected = affectedSince(changedSince, context.cwd, dir, known);
  } catch (error) {
    if (error instanceof GitDiffError) throw new CommandError(error.message, 2);
    throw error;
  }
  for (const reason of affected.reasons) io.out(`selection: ${reason}`);
  const tenants = affected.tenants;
  const summary = affected.all ? `shared code changed since ${changedSince}: every tenant` : `tenants changed since ${changedSince}: ${tenants.join(", ") || "none"}`;
  return { tenants, offboarded: [...affected.deleted], notes: [summary] };
}

/** Runs an accepted fleet command line; returns the exit code. */
export async function runFleetCommand(request: FleetRequest, io: Io, context: FleetContext): Promise<number> {
  try {
    return await runRequest(request, io, context);
  } catch (error) {
    if (error instanceof PulumiCliError) throw new CommandError(error.message, 1);
    throw error;
  }
}

async function runRequest(request: FleetRequest, io: Io, context: FleetContext): Promise<number> {
  const { command: fleetCommand, named, changedSince, concurrency, shard, policy } = request;
  const { secretsProvider } = request;
  io.out(policy ? `policy pack: ${policy.policyPacks.join(", ")}${policy.policyPackConfigs ? ` (config ${policy.policyPackConfigs.join(", ")})` : ""} on preview and up` : "policy pack: none");
  const engine = await (context.createEngine ?? ((sp) => automationEngine(context, sp, policy)))(secretsProvider);

  const selection = select(fleetCommand, named, changedSince, request.dir ?? DEFAULT_TENANTS_DIR, context, io);
  const tenants = shard ? shardTenants(selection.tenants, shard) : selection.tenants;
  const notes = [...selection.notes, ...(shard ? [`shard ${shard.index}/${shard.count}: ${tenants.length} of ${selection.tenants.length} tenant(s)`] : [])];
  for (const note of notes) io.out(note);
  for (const id of selection.offboarded) io.out(`offboarding: ${path.join(request.dir ?? DEFAULT_TENANTS_DIR, `${id}.yaml`)} was deleted; the driver does not destroy stacks (docs/runbooks/offboard.md)`);
  const environment = describeEnvironment(context.env, secretsProvider, fleetCommand !== "destroy");
  for (const line of environment.info) io.out(line);
  for (const line of environment.warnings) io.err(`warning: ${line}`);

  const writeReports = (report: FleetReport): void => {
    if (request.json) writeFile(request.json, `${JSON.stringify(report, null, 2)}\n`);
    if (request.markdown) writeMarkdownReport(request.markdown, report, fleetCommand === "preview" ? PREVIEW_MARKER : `<!-- tenant-platform-${fleetCommand} -->`);
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
        tenantsDir: path.resolve(context.cwd, request.dir ?? DEFAULT_TENANTS_DIR),
        verbose: request.verbose ?? false,
        log: (line) => io.out(line),
        ...(context.signal ? { signal: context.signal } : {}),
        ...(context.interrupt ?? context.signal ? { interrupt: (context.interrupt ?? context.signal)! } : {}),
        // Written at once: a cancelled CI job may be killed before the running operations end.
        onCancel: (partial) => writeReports({ operation: fleetCommand, tenants: partial, offboarded: selection.offboarded, notes: [...notes, "cancelled: this report was written when the run was cancelled"] }),
      });
    }
  } catch (error) {
    // runFleet rejects only when the project cannot be prepared (plugins), before any tenant ran.
    throw new CommandError(`could not prepare the Pulumi project, no tenant ran: ${failureReason(error, NO_CHANGES)}`, 1);
  }
  if (fleetCommand === "preview" && reports.length > 0 && !context.signal?.aborted) {
    // The pull request's cost before and after, from offline plans of the same tenants.
    const { previewCosts } = await import("./preview-costs.js");
    const costs = await previewCosts(reports.map((r) => r.tenant), context.cwd, request.dir ?? DEFAULT_TENANTS_DIR, changedSince);
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
