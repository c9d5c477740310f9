/**
 * What `npm run plan -- <tenant> --base <ref>` prints for a review: every change with its changed
 * inputs as `old => new`, stateful resources first, the order `pulumi up` runs the steps in, the
 * disruptive in-place changes, and the refusals; or, with `--quiet`, one line. Types and symbols
 * as `pulumi preview` shows them: `displayType`, and `+` create, `~` update, `+-` replace, `-`
 * delete, `++` and `--` for a replacement's create and delete (pulumi/pulumi
 * pkg/resource/deploy/step.go, `RawPrefix`); the counts as its summary words them ("to create",
 * "to update", "to replace", "to delete", "unchanged": pkg/backend/display/diff.go, the summary).
 */
import type { DisruptionWarning } from "./disruption-warnings";
import { formatFieldChange } from "./field-values";
import { displayType } from "./plan-graph";
import type { SimulatedChange, StepKind, UpdateSimulation } from "./update-simulation";

const KIND_SYMBOL: Readonly<Record<StepKind, string>> = { create: "+", update: "~", replace: "+-", delete: "-" };
const STEP_SYMBOL: Readonly<Record<string, string>> = { create: "+", update: "~", "create-replacement": "++", "delete-replaced": "--", delete: "-" };
/** The order kinds are listed in within each group: the dangerous ones first. */
const KIND_ORDER: readonly StepKind[] = ["replace", "delete", "update", "create"];

/** `2 to create, 3 to update, 1 to replace (stateful: 1), 150 unchanged`, as preview's summary counts them. */
export function changeCounts(simulation: UpdateSimulation): string {
  const count = (kind: StepKind) => simulation.changes.filter((c) => c.step === kind).length;
  const kinds = (["create", "update", "replace", "delete"] as const).filter((k) => count(k) > 0).map((k) => `${count(k)} to ${k}`);
  const stateful = simulation.changes.filter((c) => c.stateful).length;
  return `${kinds.length > 0 ? kinds.join(", ") : "no changes"} (stateful: ${stateful}), ${simulation.same} unchanged`;
}

/** One line for `--quiet`: the counts, refusals, warnings and the cost change. */
export function renderDiffSummary(tenant: string, base: string, simulation: UpdateSimulation, warnings: readonly DisruptionWarning[], cost: string): string {
  const refused = simulation.errors.length > 0 ? `, ${simulation.errors.length} refused` : "";
  const warned = warnings.length > 0 ? `, ${warnings.length} disruptive` : "";
  return `${tenant}: pulumi up after ${base}: ${changeCounts(simulation)}${refused}${warned}; cost ${cost}`;
}

function changeLines(change: SimulatedChange): string[] {
  const mode = change.mode ? ` (${change.mode})` : "";
  const refused = change.error ? "  REFUSED" : "";
  const head = `  ${KIND_SYMBOL[change.step].padEnd(2)} ${displayType(change.type)} ${change.name}  ${change.step}${mode}${change.stateful ? " [stateful]" : ""}${refused}`;
  const values = (change.values ?? []).map((v) => `        ${formatFieldChange(v)}${change.step === "replace" ? "  (forces the replacement)" : ""}`);
  const ignored = change.ignored.length > 0 ? [`        ignoreChanges keeps ${change.ignored.join(", ")} as deployed`] : [];
  return [head, ...values, ...ignored];
}

function byKind(a: SimulatedChange, b: SimulatedChange): number {
  return KIND_ORDER.indexOf(a.step) - KIND_ORDER.indexOf(b.step);
}

/** The review of an update: changes (stateful first), the steps in order, warnings, refusals. */
export function renderDiff(tenant: string, base: string, simulation: UpdateSimulation, warnings: readonly DisruptionWarning[]): string {
  const lines = [`${tenant}: pulumi up after ${base}: ${changeCounts(simulation)}${simulation.errors.length > 0 ? `, ${simulation.errors.length} refused` : ""}`];
  // A stable sort keeps the simulation's order (the order of the steps) within a kind.
  const stateful = simulation.changes.filter((c) => c.stateful).sort(byKind);
  const others = simulation.changes.filter((c) => !c.stateful).sort(byKind);
  if (stateful.length > 0) lines.push(" stateful (they hold data):", ...stateful.flatMap(changeLines));
  if (others.length > 0) lines.push(`${stateful.length > 0 ? " others" : " changes"}:`, ...others.flatMap(changeLines));
  for (const hidden of simulation.hidden) lines.push(`  ignoreChanges keeps ${hidden.ignored.join(", ")} of ${displayType(hidden.type)} ${hidden.urn.split("::").pop()} as deployed: no change`);
  if (simulation.steps.length > 0) {
    const byUrn = new Map(simulation.changes.map((c) => [c.urn, c]));
    lines.push(" the steps in the order pulumi up runs them:");
    simulation.steps.forEach((step, i) => {
      const change = byUrn.get(step.urn)!;
      const flag = change.error && change.refusedAt === step.op ? "  REFUSED" : "";
      lines.push(`  ${String(i + 1).padStart(3)}. ${(STEP_SYMBOL[step.op] ?? "?").padEnd(2)} ${step.op.padEnd(18)} ${displayType(change.type)} ${change.name}${flag}`);
    });
  }
  if (warnings.length > 0) lines.push(` disruptive changes (${warnings.length}):`, ...warnings.map((w) => `  warning: ${w.message}`));
  for (const error of simulation.errors) lines.push(`  error: ${error}`);
  return lines.join("\n");
}
