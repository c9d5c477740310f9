/**
 * The offline plan of a tenant: the real program (the same function `pulumi up` runs) under the
 * Pulumi runtime's mocks, recorded into a resource graph. No CLI, no cloud, no credentials.
 */
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { CONFIG_KEYS, contextFromStack, tenantProgram } from "../../program/program";
import type { LoadedTenant } from "../../tenant-schema/load-tenant";
import type { DeployedState } from "./mock-stack-state";
import { offlineMocks } from "./offline-mocks";
import type { TenantPlan } from "../../policies/plan-types";
import { RecordingMonitor } from "./recording-monitor";
import { Refusals } from "./refusals";

/** The Pulumi project name, as in Pulumi.yaml. */
export const PROJECT = "tenant-platform";

/** The token the offline plan configures, so the program sees a secret as it would in a stack. */
/** The organization of the offline plan's stacks: a self-managed backend's fixed one. */
export const OFFLINE_ORGANIZATION = "organization";

export const OFFLINE_CLOUDFLARE_TOKEN = "offline-plan-token-not-a-real-secret";

/**
 * The environment variable that keeps stack traces while a plan runs (for debugging a failed
 * plan): set it to 1.
 */
export const STACK_TRACES_ENV = "PLAN_STACK_TRACES";

/**
 * Runs `work` with stack traces off. The Pulumi runtime captures a stack trace for every promise
 * it creates (for its leak report at the end of a real deployment), and formatting them through
 * source maps is most of a plan's time; the offline plan never prints them. Errors thrown
 * meanwhile carry their message without a stack unless {@link STACK_TRACES_ENV} is 1.
 */
async function withoutStackTraces<T>(work: () => Promise<T>): Promise<T> {
  if (process.env[STACK_TRACES_ENV] === "1") return work();
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return await work();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Waits until every registration the program started has been answered. */
async function settle(): Promise<void> {
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

/** What a caller planning many tenants already knows. */
export interface PlanOptions {
  /**
   * The tenant files of `tenantsDir`, already loaded and validated: the program then reads no file
   * (planning a fleet stays linear in its size). @default undefined (the program reads the folder)
   */
  readonly fleet?: readonly LoadedTenant[];
  /**
   * Run the edge preflight against Cloudflare's API (CLOUDFLARE_API_BASE, for a test's local
   * server). @default false: the offline plan needs no network
   */
  readonly preflightEdge?: boolean;
  /** The state an earlier deployment of the stack left, as the engine's builtin invokes read it. @default a stack never deployed */
  readonly deployedState?: DeployedState;
  /**
   * Refuse what the engine and the provider would refuse: a URN registered twice, a physical name
   * the resource type does not accept. @default true; false only to measure what these checks
   * cost (`npm run bench`)
   */
  readonly engineChecks?: boolean;
}

/**
 * Plans one tenant from `tenantsDir/<id>.yaml`. Rejects with the program's error (a
 * `pulumi.RunError` for an invalid or unknown tenant file), or with a `PlanRefusedError`
 * (`refusals.ts`) listing what the engine or the provider would refuse (a duplicate URN, a
 * physical name its type does not accept).
 */
export async function planTenant(id: string, tenantsDir: string, options: PlanOptions = {}): Promise<TenantPlan> {
  const config = {
    values: {
      [`${PROJECT}:${CONFIG_KEYS.tenantsDir}`]: tenantsDir,
      [`${PROJECT}:${CONFIG_KEYS.cloudflareApiToken}`]: OFFLINE_CLOUDFLARE_TOKEN,
    },
    secretKeys: [`${PROJECT}:${CONFIG_KEYS.cloudflareApiToken}`],
  };
  return planProgram(id, () => tenantProgram({ ...contextFromStack(), fleet: options.fleet, preflightEdge: options.preflightEdge ?? false }), { ...options, config });
}

/**
 * Runs `program` as stack `stack` of project `options.project` (@default this project,
 * {@link PROJECT}) under the offline plan's mocks and records it, refusing what the engine or the
 * provider would refuse, as {@link planTenant} does. The stack's configuration is `options.config`
 * alone (@default none), as the engine gives each run its stack's configuration.
 */
export async function planProgram(stack: string, program: () => Promise<Record<string, unknown>>, options: RecordOptions = {}): Promise<TenantPlan> {
  return recordedPlan(stack, await recordProgram(stack, program, options));
}

/** The plan of stack `stack` that `monitor` recorded. */
export function recordedPlan(stack: string, monitor: RecordingMonitor): TenantPlan {
  return {
    tenant: stack,
    stack,
    resources: monitor.registrations,
    outputs: monitor.stackOutputs,
    invokes: monitor.invokes,
    ids: monitor.ids,
    propertyDependencies: monitor.propertyDependencies,
    secretDigests: monitor.secretDigests,
  };
}

/** How {@link recordProgram} runs a program. */
export type RecordOptions = Pick<PlanOptions, "engineChecks" | "deployedState"> & {
  /** The Pulumi project the program runs in. @default {@link PROJECT} */
  readonly project?: string;
  /**
   * The stack's configuration (`<namespace>:<key>` → value) and which keys are secrets. It
   * replaces whatever configuration an earlier plan in this process set. @default none
   */
  readonly config?: { readonly values: Readonly<Record<string, string>>; readonly secretKeys?: readonly string[] };
};

/**
 * Runs `program` as {@link planProgram} does and returns the monitor that recorded it, for what a
 * plan leaves out (the outputs each component registered). Rejects as {@link planProgram} does.
 */
export async function recordProgram(stack: string, program: () => Promise<Record<string, unknown>>, options: RecordOptions = {}): Promise<RecordingMonitor> {
  // The mock monitor is the runtime's process-wide setting: a second plan started before the first
  // ends would record into the same monitor, and both graphs would be wrong without an error.
  if (planRunning !== undefined) throw new Error(`one offline plan at a time per process: '${stack}' was started while '${planRunning}' is still running (await each plan before starting the next; a plan that never ended also leaves this set)`);
  planRunning = stack;
  try {
    return await recordAlone(stack, program, options);
  } finally {
    planRunning = undefined;
  }
}

/** The stack whose plan {@link recordProgram} is running, if any. */
let planRunning: string | undefined;

async function recordAlone(stack: string, program: () => Promise<Record<string, unknown>>, options: RecordOptions): Promise<RecordingMonitor> {
  const checks = options.engineChecks ?? true;
  const refusals = new Refusals();
  const monitor = new RecordingMonitor(offlineMocks(refusals, { physicalNames: checks, deployedState: options.deployedState }), refusals, checks);
  // The organization the CLI gives a program on a self-managed backend, which names the stack
  // "organization/<project>/<stack>" (pulumi/pulumi pkg/backend/diy/backend.go).
  pulumi.runtime.setMockOptions(monitor, options.project ?? PROJECT, stack, false, OFFLINE_ORGANIZATION);
  // The runtime keeps the configuration in a process-wide store: each plan sets its own, whole.
  pulumi.runtime.setAllConfig({ ...options.config?.values }, [...(options.config?.secretKeys ?? [])]);
  // The program's error is caught inside the stack so that the runtime's own promises settle
  // normally (a rejection there would surface as an unhandled rejection), then re-thrown.
  let failure: { error: unknown } | undefined;
  // A rejection nobody awaits (an `apply` that throws while a resource's inputs are prepared, so
  // the resource is never registered) fails the program under the CLI: the Node.js host's handler
  // reports "Running program ... failed with an unhandled exception" and exits (pulumi/pulumi
  // sdk/nodejs/cmd/run/run.ts, `unhandledRejection`). The plan fails the same way instead of
  // returning a plan without that resource.
  const unhandled: unknown[] = [];
  const previous = process.listeners("unhandledRejection");
  const collect = (reason: unknown) => void unhandled.push(reason);
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", collect);
  try {
    await withoutStackTraces(async () => {
      await pulumi.runtime.runInPulumiStack(async () => {
        try {
          return await program();
        } catch (error) {
          failure = { error };
          return {};
        }
      });
      await settle();
      // Node reports unhandled rejections after the microtask queue drains.
      await new Promise((resolve) => setImmediate(resolve));
    });
  } finally {
    process.removeListener("unhandledRejection", collect);
    for (const listener of previous) process.on("unhandledRejection", listener);
  }
  if (failure) throw failure.error;
  if (unhandled.length > 0) {
    const reason = unhandled[0];
    throw new Error(`the program failed with an unhandled exception: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
  refusals.throwIfAny();
  return monitor;
}
