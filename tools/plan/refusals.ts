/**
 * What a real deployment would refuse: the engine (a duplicate URN) or the provider (a physical
 * name its type does not accept). The offline plan collects them while the program runs and fails
 * with all of them at the end, as `pulumi preview` would fail.
 */

/** The plan of a program that a real deployment would refuse. */
export class PlanRefusedError extends Error {
  constructor(readonly reasons: readonly string[]) {
    super(`a real deployment would refuse this program:\n${reasons.map((r) => `  - ${r}`).join("\n")}`);
    this.name = "PlanRefusedError";
  }
}

/** Refusals collected during one plan, in the order they happened, each once. */
export class Refusals {
  private readonly reasons: string[] = [];

  refuse(reason: string): void {
    if (!this.reasons.includes(reason)) this.reasons.push(reason);
  }

  /** What was refused so far. */
  list(): readonly string[] {
    return [...this.reasons];
  }

  /** Throws {@link PlanRefusedError} when anything was refused. */
  throwIfAny(): void {
    if (this.reasons.length > 0) throw new PlanRefusedError(this.reasons);
  }
}
