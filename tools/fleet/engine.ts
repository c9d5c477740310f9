/**
 * The fleet driver's view of Pulumi: a small interface over the Automation API, so the driver
 * (selection, concurrency, failure isolation, reports) is tested with a fake and the real adapter
 * (`automation-engine.ts`) stays thin.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation";

import { isDiyBackend } from "./environment";

/** What the fleet driver can do to each selected tenant's stack. */
export type FleetCommand = "preview" | "up" | "refresh" | "drift" | "destroy";

/** Every command, in the order `--help` lists them. */
export const FLEET_COMMANDS: readonly FleetCommand[] = ["preview", "up", "refresh", "drift", "destroy"];

/**
 * Why `command` may not create a missing stack on the backend `backendUrl`, if it may not. Creating
 * a stack writes its checkpoint; on a DIY backend the state bucket is written by the production
 * role only, the preview role reads it (docs/bootstrap.md, tools/bootstrap/program.ts
 * `stateAccessPolicy`), so a preview of a new tenant cannot create its stack there.
 */
export function missingStackRefusal(command: FleetCommand, backendUrl: string | undefined): string | undefined {
  if (command !== "preview" || !isDiyBackend(backendUrl)) return undefined;
  return `the stack does not exist yet, and on a DIY backend (${backendUrl}) a preview cannot create it: the preview role only reads the state. ` +
    "A new tenant's stack is created by its first production deploy (or `pulumi stack init <tenant>` by an administrator); until then its pull request is reviewed with the offline plan";
}

/** Commands that create a missing stack (a new tenant) on this backend; the others need the stack to exist. */
export function createsMissingStack(command: FleetCommand, backendUrl?: string): boolean {
  return (command === "preview" || command === "up") && missingStackRefusal(command, backendUrl) === undefined;
}

/** Where an operation reports while it runs. */
export interface OperationListeners {
  /** Each engine event (resource steps, diagnostics, policy findings, the summary), in order. */
  readonly onEvent: (event: EngineEvent) => void;
  /** Chunks of the Pulumi CLI's own text output. */
  readonly onOutput: (text: string) => void;
  /**
   * Aborted when the run is cancelled: the operation asks the CLI to stop gracefully (the
   * Automation API sends it SIGINT: in-flight resource operations finish, no new ones start).
   * @default never aborted
   */
  readonly signal?: AbortSignal;
}

/** What an operation returns besides its events. */
export interface OperationResult {
  /** Stack outputs after `up` (secret values masked as `[secret]`); empty for other commands. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** The operations the fleet driver needs from Pulumi, per stack (stack name = tenant id). */
/** What the driver learns of a stack when it opens it. */
export interface OpenedStack {
  /**
   * The folder (absolute) the stack's program reads its tenant file from: the stack's `tenantsDir`
   * as the CLI resolves it (stack settings, project defaults, environments). Undefined when the
   * engine cannot tell; the driver then checks nothing.
   */
  readonly tenantsDir?: string;
}

export interface FleetEngine {
  /**
   * Runs once, before any stack is opened: the real engine installs the project's plugins here,
   * so that stacks never download the same plugin at the same time.
   */
  prepare(): Promise<void>;
  /**
   * Makes a stack ready for {@link run}. With `create`, a missing stack is created; otherwise a
   * missing stack is an error. The driver opens stacks one at a time, never concurrently.
   */
  openStack(stack: string, create: boolean): Promise<OpenedStack>;
  /**
   * Runs `command` on an opened stack, reporting through `listeners`. Rejects when the command
   * fails; a drift check that finds drift does not fail (the driver reads drift from the events).
   */
  run(stack: string, command: FleetCommand, listeners: OperationListeners): Promise<OperationResult>;
}
