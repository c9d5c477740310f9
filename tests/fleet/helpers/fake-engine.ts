/** A scripted {@link FleetEngine} that records what the driver asked of it. */
import type { FleetCommand, FleetEngine, OpenedStack, OperationListeners, OperationResult } from "../../../tools/fleet/engine";
import { numbered, type TestEvent } from "./events";

/** How one stack behaves in the fake. */
export interface FakeStack {
  /** Events the operation emits. */
  readonly events?: readonly TestEvent[];
  /** When set, the operation rejects with this message (after emitting its events). */
  readonly fail?: string;
  /** When set, opening the stack rejects with this message. */
  readonly failOpen?: string;
  /** Milliseconds the operation takes; default 5. */
  readonly delayMs?: number;
  readonly outputs?: Record<string, unknown>;
  /** The folder (absolute) the stack reads its tenant file from, as opening it reports; default: not reported. */
  readonly tenantsDir?: string;
}

/** A FleetEngine whose stacks do what the script says, counting operations in flight. */
export class FakeEngine implements FleetEngine {
  /** Calls in order, such as `open acme create`, `run acme preview`. */
  readonly calls: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  prepared = 0;
  private opening = 0;
  /** True if two stacks were ever opened at the same time. */
  overlappingOpens = false;

  constructor(private readonly script: Readonly<Record<string, FakeStack>> = {}, private readonly failPrepare?: string) {}

  async prepare(): Promise<void> {
    this.prepared++;
    this.calls.push("prepare");
    await Promise.resolve();
    if (this.failPrepare) throw new Error(this.failPrepare);
  }

  async openStack(stack: string, create: boolean): Promise<OpenedStack> {
    this.calls.push(`open ${stack}${create ? " create" : ""}`);
    if (this.opening > 0) this.overlappingOpens = true;
    this.opening++;
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.opening--;
    const failure = this.script[stack]?.failOpen;
    if (failure) throw new Error(failure);
    const tenantsDir = this.script[stack]?.tenantsDir;
    return tenantsDir === undefined ? {} : { tenantsDir };
  }

  async run(stack: string, command: FleetCommand, listeners: OperationListeners): Promise<OperationResult> {
    this.calls.push(`run ${stack} ${command}`);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const behaviour = this.script[stack] ?? {};
      for (const event of numbered(behaviour.events ?? [])) listeners.onEvent(event);
      listeners.onOutput(`${command} of ${stack}\n`);
      await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs ?? 5));
      if (behaviour.fail) throw new Error(behaviour.fail);
      return { outputs: behaviour.outputs ?? {} };
    } finally {
      this.inFlight--;
    }
  }
}
