/** The cost estimate as text: one summary line, or a breakdown by component and resource. */
import { displayType } from "../plan/plan-graph";
import type { CostEstimate } from "./estimate-types";
import { pricesUpdateCommand } from "./pricing-context";

/** Two decimals and thousands separators; one formatter (`toLocaleString` with options makes a new one per call). */
const AMOUNT = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** An amount with two decimals and thousands separators. */
export function formatAmount(amount: number): string {
  return AMOUNT.format(amount);
}

/** "12.00" or "12.00–30.00". */
export function formatRange(min: number, max: number): string {
  return formatAmount(min) === formatAmount(max) ? formatAmount(min) : `${formatAmount(min)}–${formatAmount(max)}`;
}

/**
 * Why there is no total: "not estimated: no price table for us-west-2 (generate it: npm run
 * prices:update -- --region us-west-2)"; undefined when every region has a table.
 */
export function noTableNotice(regions: readonly string[] | undefined): string | undefined {
  if (!regions || regions.length === 0) return undefined;
  return `not estimated: no price table for ${regions.join(", ")} (generate it: ${regions.map(pricesUpdateCommand).join("; ")})`;
}

/**
 * The total as printed: "USD 12.00–30.00/month", prefixed "at least" when prices are unknown; the
 * no-table notice instead of a total when a region has no price table.
 */
export function formatTotal(estimate: Pick<CostEstimate, "currency" | "monthlyMin" | "monthlyMax" | "unknownCount"> & { readonly regionsWithoutTable?: readonly string[] }): string {
  const notice = noTableNotice(estimate.regionsWithoutTable);
  if (notice) return notice;
  const atLeast = estimate.unknownCount > 0 ? "at least " : "";
  return `${atLeast}${estimate.currency} ${formatRange(estimate.monthlyMin, estimate.monthlyMax)}/month`;
}

/** One line: tenant, total range and unknown count. */
export function renderCostSummary(estimate: CostEstimate): string {
  const notice = noTableNotice(estimate.regionsWithoutTable);
  if (notice) return `${estimate.tenant}: cost ${notice}`;
  const unknown = estimate.unknownCount > 0 ? ` (${estimate.unknownCount} unknown price${estimate.unknownCount === 1 ? "" : "s"})` : "";
  return `${estimate.tenant}: estimated cost ${formatTotal(estimate)}${unknown}`;
}

function row(indent: number, label: string, amount: string): string {
  const left = `${" ".repeat(indent)}${label}`;
  return `${left.padEnd(72)} ${amount.padStart(21)}`;
}

/** The breakdown: components, their resources and each resource's priced items, unknowns, assumptions. */
export function renderCost(estimate: CostEstimate): string {
  // Without a table the parts would be mostly unknown: one line says so and how to fix it.
  if (estimate.regionsWithoutTable.length > 0) return renderCostSummary(estimate);
  const lines = [
    `Estimated monthly cost (${estimate.currency}, list prices of ${estimate.priceTableDate}; low end at scaling minimums, high end at maximums):`,
  ];
  for (const component of estimate.components) {
    const resources = estimate.resources.filter((r) => r.component === component.urn);
    if (resources.length === 0) continue;
    const unknown = component.unknownCount > 0 ? " + unknown" : "";
    lines.push(row(2, `${displayType(component.type)} ${component.name}`, `${formatRange(component.monthlyMin, component.monthlyMax)}${unknown}`));
    for (const resource of resources) {
      // A line the component itself carries (the Cloudflare plan) shows its items directly.
      const own = resource.urn === component.urn;
      if (!own) lines.push(row(4, `${displayType(resource.type)} ${resource.name}`, formatRange(resource.monthlyMin, resource.monthlyMax)));
      for (const part of resource.parts) {
        lines.push(row(own ? 4 : 6, part.label, part.unknown === undefined ? formatRange(part.monthlyMin, part.monthlyMax) : "unknown"));
      }
    }
  }
  lines.push(row(2, "Total", formatTotal(estimate)));
  if (estimate.unknowns.length > 0) {
    lines.push("  Unknown prices (not counted; the total is a lower bound):");
    for (const u of estimate.unknowns) lines.push(`    ${displayType(u.type)} ${u.name}: ${u.item}: ${u.reason}`);
  }
  const overridden = new Set(estimate.assumptionsOverridden);
  const assumptions = Object.entries(estimate.assumptions).map(([key, value]) => `${key} ${value}${overridden.has(key) ? " (tenant file)" : ""}`);
  lines.push(`  Assumptions (per month; override under cost.assumptions): ${assumptions.join(", ")}`);
  lines.push(`  Not included: ${estimate.leftOut.join("; ")}`);
  return lines.join("\n");
}
