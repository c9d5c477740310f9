/** The destroy simulation as the terminal shows it: the steps in order, refusals, what remains and what it costs. */
import type { CostEstimate } from "./estimate-types";
import type { DestroySimulation } from "../plan/destroy-simulation";

const SYMBOL: Readonly<Record<string, string>> = { delete: "-", drop: "x", keep: "=" };

/** The monthly cost of each remaining resource the estimate prices, by URN (what deletions leave is not priced). */
function costsOf(simulation: DestroySimulation, cost: CostEstimate | undefined): Map<string, number> {
  const urns = new Set(simulation.remains.filter((r) => r.source === "resource").map((r) => r.urn));
  return new Map((cost?.resources ?? []).filter((r) => urns.has(r.urn) && r.monthlyMax > 0).map((r) => [r.urn, r.monthlyMax]));
}

/**
 * Lines describing what `pulumi destroy` would do; `detailed: false` lists only refusals and what
 * remains. The cost, when given, prices what remains (the plan's estimate per resource).
 */
export function renderDestroy(tenant: string, command: string, simulation: DestroySimulation, cost?: CostEstimate, detailed = true): string {
  const count = (step: string) => simulation.changes.filter((c) => c.step === step && !c.error).length;
  const lines = [`${tenant}: ${command}: ${count("delete")} deleted, ${count("drop")} dropped from the state, ${count("keep")} kept in the stack${simulation.errors.length > 0 ? `, ${simulation.errors.length} refused` : ""}`];
  simulation.changes.forEach((change, i) => {
    if (!detailed && !change.error) return;
    lines.push(`  ${String(i + 1).padStart(3)}. ${SYMBOL[change.step]} ${change.step.padEnd(6)} ${change.type} ${change.name}${change.stateful ? " [stateful]" : ""}${change.error ? "  REFUSED" : ""}`);
  });
  for (const error of simulation.errors) lines.push(`  error: ${error}`);
  const costs = costsOf(simulation, cost);
  lines.push(`${tenant}: afterwards, in the account:${simulation.remains.length === 0 ? " nothing" : ""}`);
  for (const remainder of simulation.remains) {
    const monthly = remainder.source === "resource" ? costs.get(remainder.urn) : undefined;
    lines.push(`  ${remainder.running ? "RUNNING " : ""}${remainder.what}: ${remainder.why}${monthly !== undefined ? ` (about ${monthly.toFixed(2)} ${cost!.currency}/month)` : ""}`);
  }
  const running = simulation.remains.filter((r) => r.running);
  const total = [...costs.values()].reduce((sum, value) => sum + value, 0);
  lines.push(`${tenant}: still running afterwards: ${running.length === 0 ? "nothing" : running.map((r) => r.what).join(", ")}${cost ? `; the resources that remain cost about ${total.toFixed(2)} ${cost.currency}/month (estimate${cost.unknownCount > 0 ? ", at least" : ""}; snapshots and recovery points besides)` : ""}`);
  return lines.join("\n");
}
