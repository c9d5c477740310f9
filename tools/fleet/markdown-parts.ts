/**
 * Small pieces of the fleet report's Markdown: money, code spans, table cells, the Cloudflare
 * plan's table, and one line per changed resource with its changed inputs `old => new`. Types
 * read as `pulumi preview` shows them (`displayType`); values as `field-values.ts` prints them.
 */
import { formatAmount, noTableNotice } from "../cost/render-cost";
import { formatValue } from "../plan/field-values";
import { displayType } from "../plan/plan-graph";
import { refusal, usedBy, usedFeatures } from "../plan/render-cloudflare-plan";
import type { CloudflarePlanReport } from "../../tenant-schema/rules/plan-features";
import type { ChangeKind, ResourceChange } from "./changes";
import type { GroupedStep } from "./group-changes";
import type { CostChange, CostRange } from "../cost/estimate-types";

const SYMBOL: Readonly<Record<ChangeKind, string>> = { create: "+", update: "~", replace: "+-", delete: "-", read: ">", import: "=", same: " " };

const dollars = (value: number) => `$${formatAmount(value)}`;

/** `$10.00`, `$10.00–$30.00`, `at least $10.00` (unknown prices), or `unknown`. */
function money(range: CostRange | null | undefined): string {
  if (!range || !Number.isFinite(range.min) || !Number.isFinite(range.max)) return "unknown";
  const amount = dollars(range.min) === dollars(range.max) ? dollars(range.min) : `${dollars(range.min)}–${dollars(range.max)}`;
  return range.unknownCount > 0 ? `at least ${amount}` : amount;
}

/** `+$2.50` or `-$2.50`. */
export function signed(value: number): string {
  return `${value >= 0 ? "+" : "-"}${dollars(Math.abs(value))}`;
}

/** The change of the monthly cost's low and high ends, or undefined when a side is unknown. */
export function costDeltas(cost: CostChange | undefined): { low: number; high: number } | undefined {
  if (!cost?.before || !cost.after) return undefined;
  return { low: cost.after.min - cost.before.min, high: cost.after.max - cost.before.max };
}

/** `$10.00 → $12.50 (+$2.50)`, the cost as a table cell; empty without a cost. */
export function costCell(cost: CostChange | undefined): string {
  if (!cost) return "";
  // A region without a price table: no amount (an "at least" total would mislead).
  if (noTableNotice(cost.after?.regionsWithoutTable)) return "not estimated (no price table)";
  if (cost.before === undefined) return money(cost.after);
  const delta = costDeltas(cost);
  const change = delta === undefined ? "" : dollars(delta.low) === dollars(delta.high) ? ` (${signed(delta.low)})` : ` (${signed(delta.low)} to ${signed(delta.high)})`;
  return `${money(cost.before)} → ${money(cost.after)}${change}`;
}

/**
 * `Estimated cost: $10.00–$30.00 → $12.50–$35.00 per month (+$2.50 to +$5.00)`: ranges run from
 * the scaling minimums to the maximums; unknown values read "unknown", lower bounds "at least".
 */
export function costLine(cost: CostChange): string {
  // A region without a price table: no amount, but the command that generates the table.
  const notice = noTableNotice(cost.after?.regionsWithoutTable);
  if (notice) return `Estimated cost: ${notice}`;
  // No comparison asked for (no base revision): the cost now only.
  if (cost.before === undefined) return `Estimated cost: ${money(cost.after)} per month`;
  const cell = costCell(cost);
  const arrow = cell.indexOf(" (");
  return arrow < 0 ? `Estimated cost: ${cell} per month` : `Estimated cost: ${cell.slice(0, arrow)} per month${cell.slice(arrow)}`;
}

/** A code span (backticks in the text become quotes). */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** Text safe in a table cell or a list item: pipes escaped, one line. */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** The zone's plan, how the zone is on it, and a table of the features the tenant file uses. */
export function cloudflarePlanLines(report: CloudflarePlanReport): string[] {
  const used = usedFeatures(report);
  const head = `**Cloudflare plan: ${report.plan}** (${escapeCell(report.basis)})`;
  if (used.length === 0) return [head];
  return [head, "", `| feature | used by the file | allowed on ${report.plan} |`, "|---|---|---|",
    ...used.map((row) => `| ${escapeCell(row.feature)} | ${escapeCell(usedBy(row))} | ${escapeCell(row.allowed)}${row.fits ? "" : ` **not allowed: ${refusal(row)}**`} |`)];
}

/** `field: "old" => "new"` as a code span. */
function valueChange(field: string, before: unknown, after: unknown): string {
  return code(`${field}: ${formatValue(before)} => ${formatValue(after)}`);
}

/** True for the steps a review must always see in full: stateful ones, replacements and deletions. */
export function mustShow(change: { readonly kind: ChangeKind; readonly stateful: boolean }): boolean {
  return change.stateful || change.kind === "replace" || change.kind === "delete";
}

function stepHead(step: { kind: ChangeKind; type: string; name: string; stateful: boolean; protect: boolean }): string {
  const flags = [step.stateful ? "stateful" : "", step.protect ? "protected" : ""].filter(Boolean).join(", ");
  return `${step.kind} ${code(displayType(step.type))} ${code(step.name)}${flags ? ` (${flags})` : ""}`;
}

/** The fields a change names, each with its values when the report has them. */
function fieldList(change: ResourceChange): string {
  if (change.keys.length === 0) return "";
  const byField = new Map((change.values ?? []).map((v) => [v.field, v]));
  const fields = change.keys.map((key) => {
    const value = byField.get(key);
    return value ? valueChange(key, value.before, value.after) : code(key);
  });
  return ` — ${change.kind === "replace" ? "forced by" : "keys"}: ${fields.join(", ")}`;
}

/** One changed resource of a tenant as a list item, stateful ones in bold. */
export function changeLine(change: ResourceChange, suffix = ""): string {
  const line = `${stepHead(change)}${fieldList(change)}`;
  return change.stateful ? `- **${line}**${suffix}` : `- ${line}${suffix}`;
}

/**
 * One step of a group as a list item: its fields with the values every tenant of the group has,
 * read relative to the tenant (`{tenant}`, `{zone}`, `{id of …}`).
 */
export function groupedStepLine(step: GroupedStep, suffix = ""): string {
  const fields = step.fields.length > 0 ? step.fields.map((f) => valueChange(f.field, f.before, f.after)) : step.keys.map(code);
  const line = `${stepHead(step)}${fields.length > 0 ? ` — ${step.kind === "replace" ? "forced by" : "keys"}: ${fields.join(", ")}` : ""}`;
  return step.stateful ? `- **${line}**${suffix}` : `- ${line}${suffix}`;
}

/** One line of the collapsed full list of changes. */
export function diffLine(change: ResourceChange): string {
  const keys = change.keys.length > 0 ? ` [${change.keys.join(", ")}]` : "";
  return `${SYMBOL[change.kind]} ${change.kind.padEnd(7)} ${displayType(change.type)} ${change.name}${keys}`;
}

/** `3 to update, 1 to replace`, the steps of one tenant counted as preview's summary words them. */
export function stepCounts(kinds: readonly ChangeKind[]): string {
  const order: ChangeKind[] = ["create", "update", "replace", "delete", "import", "read"];
  const parts = order.map((kind) => [kind, kinds.filter((k) => k === kind).length] as const).filter(([, n]) => n > 0).map(([kind, n]) => `${n} to ${kind}`);
  return parts.length > 0 ? parts.join(", ") : "no changes";
}
