/**
 * Runs one command over many tenant stacks: plugins prepared once, stacks opened one at a time (the
 * Automation API's stack selection writes shared state, see docs/fleet.md), then the command with
 * bounded concurrency. One tenant's failure never stops the others; each ends with a status and,
 * when it failed, the reason.
 */
import { ChangeCollector, hasDrift, NO_CHANGES, STEP_SAFETY_POLICY, stripAnsi, type TenantChanges } from "./changes";
import { nameOfUrn } from "./urn-name";
import * as path from "node:path";
import { createsMissingStack, missingStackRefusal, type FleetCommand, type FleetEngine, type OpenedStack } from "./engine";
import { runPool } from "./pool";
import { outputLines, progressLine } from "./progress";
import type { TenantReport } from "./report";

/** How to run a command over the fleet. */
export interface FleetRunOptions {
  readonly command: FleetCommand;
  /** Stack names (tenant ids), in the order to start them. */
  readonly tenants: readonly string[];
  readonly engine: FleetEngine;
  /** The state backend's URL (`PULUMI_BACKEND_URL`): whether a preview may create a missing stack. @default Pulumi Cloud */
  readonly backendUrl?: string;
  /** Most operations in flight at once (at least 1). */
  readonly concurrency: number;
  /** Receives each progress line. */
  readonly log: (line: string) => void;
  /** Also log the Pulumi CLI's own output, prefixed by tenant; default false. */
  readonly verbose?: boolean;
  /** Milliseconds since some epoch, for durations; default Date.now. */
  readonly clock?: () => number;
  /**
   * Cancels the run: no further tenant starts (reported `not-started`), and operations in flight
   * are asked to stop gracefully and reported `interrupted`. @default never cancelled
   */
  readonly signal?: AbortSignal;
  /**
   * Called once, when `signal` aborts, with the report as it stands: tenants done so far, those
   * still running as `interrupted`, the rest `not-started` (a cancelled CI job may be killed
   * before the running operations end, so this is the report that survives). @default none
   */
  readonly onCancel?: (reports: TenantReport[]) => void;
  /**
   * Aborted when running operations must be asked to stop (the Automation API sends the CLI
   * SIGINT). @default `signal`
   */
  readonly interrupt?: AbortSignal;
  /**
   * The folder (absolute) the tenants were selected from; a stack that reads its tenant file from
   * another folder is not run (see {@link OpenedStack.tenantsDir}). @default undefined (no check)
   */
  readonly tenantsDir?: string;
}

/** The most characters of a failure reason kept in reports. */
const MAX_REASON = 1_500;

/** The text of whatever was thrown. */
function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : JSON.stringify(error) ?? "unknown error";
}

/**
 * A short reason for a failure: the engine's error diagnostics when there are any, else the
 * `error:` lines of the CLI's message, else its first line.
 */
export function failureReason(error: unknown, changes: TenantChanges): string {
  const clip = (text: string): string => (text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)} …` : text);
  if (changes.errors.length > 0) return clip(changes.errors.slice(0, 5).join("\n"));
  const message = stripAnsi(messageOf(error));
  const errorLines = [...new Set(message.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^error:/i.test(l)))];
  if (errorLines.length > 0) return clip(errorLines.slice(0, 5).join("\n"));
  return clip(message.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? "unknown error");
}

function outcome(command: FleetCommand, changes: TenantChanges, error: unknown): Pick<TenantReport, "status" | "error"> {
  if (error !== undefined) return { status: "failed", error: failureReason(error, changes) };
  // Drift is decided from the classified steps, not by the CLI's `--expect-no-changes`: the
  // provider's credentials differ by job and are not drift (provider-credentials.ts).
  if (command === "drift") return { status: hasDrift(changes) ? "drifted" : "in-sync" };
  // A preview that would lose data without the tenant file saying so fails the check (an update
  // never gets that far: stateful resources are protected, and the engine refuses).
  const unsafe = changes.policies.filter((finding) => finding.policy === STEP_SAFETY_POLICY);
  if (command === "preview" && unsafe.length > 0) {
    return { status: "failed", error: `would lose data: ${unsafe.map((f) => `${nameOfUrn(f.urn ?? "")} ${f.message}`).join("; ")}` };
  }
  return { status: "succeeded" };
}

/** What to do about a stack whose operation a cancellation cut short. */
const LOCK_ADVICE = (tenant: string): string =>
  `if the stack is left locked, run \`pulumi cancel --stack ${tenant}\` once no operation runs, ` +
  `then \`pulumi refresh --stack ${tenant}\` (it reports operations left pending) and run it again`;

/** A tenant whose operation ran when the run was cancelled. */
function interrupted(tenant: string, error: unknown): Pick<TenantReport, "status" | "error"> {
  return { status: "interrupted", error: `stopped when the run was cancelled (${failureReason(error, NO_CHANGES).split("\n")[0]}); ${LOCK_ADVICE(tenant)}` };
}

/**
 * Why `tenant` must not run: its stack's program reads the tenant file from another folder than
 * the one the driver selected it from (it would deploy a different file). Destroy runs no
 * program, so it reads no tenant file.
 */
function tenantsDirMismatch(command: FleetCommand, tenant: string, stack: OpenedStack, selectedFrom: string | undefined): string | undefined {
  if (command === "destroy" || selectedFrom === undefined || stack.tenantsDir === undefined) return undefined;
  if (path.resolve(stack.tenantsDir) === path.resolve(selectedFrom)) return undefined;
  return (
    `selected from ${selectedFrom}/, but the stack's program reads ${path.join(stack.tenantsDir, `${tenant}.yaml`)} (its tenantsDir); ` +
    `set tenantsDir for the stack (pulumi config set tenantsDir <folder> --stack ${tenant}) or select it from that folder`
  );
}

/**
 * Runs `options.command` on every tenant and returns a report per tenant, in the tenants' order.
 * Rejects only when the engine cannot be prepared at all (no tenant could run).
 */
export async function runFleet(options: FleetRunOptions): Promise<TenantReport[]> {
  const { command, engine, log } = options;
  const clock = options.clock ?? Date.now;
  log(`fleet ${command}: ${options.tenants.length} tenant(s), at most ${options.concurrency} at a time`);
  await engine.prepare();

  const opened: string[] = [];
  const reports = new Map<string, TenantReport>();
  const signal = options.signal;
  const running = new Set<string>();
  signal?.addEventListener(
    "abort",
    () =>
      options.onCancel?.(
        options.tenants.map(
          (tenant) =>
            reports.get(tenant) ??
            (running.has(tenant)
              ? { tenant, status: "interrupted", error: `still running when the run was cancelled; ${LOCK_ADVICE(tenant)}`, changes: NO_CHANGES }
              : { tenant, status: "not-started", error: "the run was cancelled before this tenant started", changes: NO_CHANGES }),
        ),
      ),
    { once: true },
  );
  const notStarted = (tenant: string): void => {
    reports.set(tenant, { tenant, status: "not-started", error: "the run was cancelled before this tenant started", changes: NO_CHANGES });
    log(`${tenant} | not started: the run was cancelled`);
  };
  for (const tenant of options.tenants) {
    if (signal?.aborted) break;
    try {
      const stack = await engine.openStack(tenant, createsMissingStack(command, options.backendUrl));
      const mismatch = tenantsDirMismatch(command, tenant, stack, options.tenantsDir);
      if (mismatch) {
        log(`${tenant} | NOT RUN: ${mismatch}`);
        reports.set(tenant, { tenant, status: "failed", error: mismatch, changes: NO_CHANGES });
        continue;
      }
      opened.push(tenant);
    } catch (error) {
      const refusal = /no stack named/i.test(String((error as Error)?.message ?? error)) ? missingStackRefusal(command, options.backendUrl) : undefined;
      const reason = refusal ?? `could not open the stack: ${failureReason(error, NO_CHANGES)}`;
      log(`${tenant} | FAILED: ${reason.replace(/\n/g, " ")}`);
      reports.set(tenant, { tenant, status: "failed", error: reason, changes: NO_CHANGES });
    }
  }

  await runPool(opened, options.concurrency, async (tenant) => {
    if (signal?.aborted) return notStarted(tenant);
    running.add(tenant);
    // Preview and drift jobs build the AWS provider with their own reader role (provider-credentials.ts).
    const collector = new ChangeCollector(command === "preview" || command === "drift");
    const started = clock();
    log(`${tenant} | ${command} started`);
    let error: unknown;
    let outputs: Readonly<Record<string, unknown>> = {};
    try {
      const result = await engine.run(tenant, command, {
        onEvent: (event) => {
          collector.add(event);
          const line = progressLine(tenant, event);
          if (line) log(line);
        },
        onOutput: (text) => {
          if (options.verbose) for (const line of outputLines(tenant, text)) log(line);
        },
        ...((options.interrupt ?? signal) ? { signal: (options.interrupt ?? signal)! } : {}),
      });
      outputs = result.outputs;
    } catch (caught) {
      error = caught ?? new Error("the operation failed without a message");
    }
    const changes = collector.changes();
    // An operation that completed despite the cancellation counts as it ended.
    const result = signal?.aborted && error !== undefined ? interrupted(tenant, error) : outcome(command, changes, error);
    const durationMs = clock() - started;
    const notes = collector.notes();
    reports.set(tenant, { tenant, ...result, changes, outputs, durationMs, ...(notes.length > 0 ? { notes } : {}) });
    running.delete(tenant);
    const seconds = `${(durationMs / 1000).toFixed(1)} s`;
    log(result.error ? `${tenant} | FAILED after ${seconds}: ${result.error.replace(/\n/g, " | ")}` : `${tenant} | ${result.status} after ${seconds}`);
  });
  for (const tenant of options.tenants) if (!reports.has(tenant)) notStarted(tenant);
  return options.tenants.map((tenant) => reports.get(tenant)!);
}
