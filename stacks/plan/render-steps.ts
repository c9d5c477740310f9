/** The update simulation as the terminal shows it: one line per step, in the order they run. */
import { displayType } from "./plan-graph";
import type { UpdateSimulation } from "./update-simulation";

const SYMBOL: Readonly<Record<string, string>> = { create: "+", update: "~", "create-replacement": "++", "delete-replaced": "--", delete: "-" };

/**
 * Lines describing what `pulumi up` would do, refusals marked; `detailed: false` lists only
 * replacements, deletions and refusals.
 */
export function renderSteps(tenant: string, base: string, simulation: UpdateSimulation, detailed = true): string {
  const byUrn = new Map(simulation.changes.map((c) => [c.urn, c]));
  const lines = [`${tenant}: pulumi up after ${base}: ${simulation.steps.length} steps, ${simulation.same} unchanged${simulation.errors.length > 0 ? `, ${simulation.errors.length} refused` : ""}`];
  simulation.steps.forEach((step, i) => {
    const change = byUrn.get(step.urn)!;
    if (!detailed && (step.op === "create" || step.op === "update") && !change.error) return;
    const fields = change.fields.length > 0 ? ` [${change.fields.join(", ")}]` : "";
    const mode = change.mode && step.op === "create-replacement" ? ` (${change.mode})` : "";
    const flag = change.error && change.refusedAt === step.op ? "  REFUSED" : "";
    lines.push(`  ${String(i + 1).padStart(3)}. ${(SYMBOL[step.op] ?? "?").padEnd(2)} ${step.op.padEnd(18)} ${displayType(change.type)} ${change.name}${fields}${mode}${change.stateful ? " [stateful]" : ""}${flag}`);
  });
  if (!detailed) return [...lines, ...simulation.errors.map((e) => `  error: ${e}`)].join("\n");
  for (const hidden of simulation.hidden) lines.push(`       ignoreChanges keeps ${hidden.ignored.join(", ")} of ${displayType(hidden.type)} ${hidden.urn.split("::").pop()} as deployed`);
  for (const change of simulation.changes) if (change.ignored.length > 0) lines.push(`       ignoreChanges keeps ${change.ignored.join(", ")} of ${displayType(change.type)} ${change.name} as deployed`);
  for (const error of simulation.errors) lines.push(`  error: ${error}`);
  return lines.join("\n");
}
