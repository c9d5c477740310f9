/** What the plan command prints about the tenant's Cloudflare plan: the zone's plan, and per used feature the fields and the plan's allowance. */
import type { Io } from "../command-line";
import type { LoadedTenant } from "../../tenant-schema/load-tenant";
import { cloudflarePlanReport, type CloudflarePlanReport, type PlanFeatureRow } from "../../tenant-schema/rules/plan-features";

/** The features the tenant file uses. */
export function usedFeatures(report: CloudflarePlanReport): PlanFeatureRow[] {
  return report.features.filter((row) => row.fields.length > 0);
}

/** `on (edge.waf.managedRules)`: the uses and the key paths that ask for them. */
export function usedBy(row: PlanFeatureRow): string {
  return `${row.used} (${row.fields.join(", ")})`;
}

/** `needs pro`, or nothing when the plan allows the uses. */
export function refusal(row: PlanFeatureRow): string {
  if (row.fits) return "";
  return row.requires ? `needs ${row.requires}` : "no plan allows it";
}

/**
 * `<tenant>: Cloudflare plan: <plan> (<how the zone is on it>); N features used, all allowed`,
 * then (when `detailed`) one line per used feature: what the file uses, where, and what the plan
 * allows.
 */
export function renderCloudflarePlan(tenant: string, report: CloudflarePlanReport, detailed: boolean): string {
  const used = usedFeatures(report);
  const refused = used.filter((row) => !row.fits);
  const verdict = refused.length === 0 ? "all allowed" : `${refused.length} not allowed: ${refused.map((row) => row.feature).join(", ")}`;
  const summary = `${tenant}: Cloudflare plan: ${report.plan} (${report.basis}); ${used.length} features used, ${verdict}`;
  if (!detailed || used.length === 0) return summary;
  const header = { feature: "feature", usedBy: "used by the file", allowed: `allowed on ${report.plan}` };
  const rows = used.map((row) => ({ feature: row.feature, usedBy: usedBy(row), allowed: row.allowed, refusal: refusal(row) }));
  const featureWidth = Math.max(header.feature.length, ...rows.map((row) => row.feature.length));
  const usedWidth = Math.max(header.usedBy.length, ...rows.map((row) => row.usedBy.length));
  const line = (row: { feature: string; usedBy: string; allowed: string; refusal?: string }) =>
    `  ${row.feature.padEnd(featureWidth)}  ${row.usedBy.padEnd(usedWidth)}  ${row.allowed}${row.refusal ? `  NOT ALLOWED: ${row.refusal}` : ""}`;
  return [summary, line(header), ...rows.map(line)].join("\n");
}

/** Prints the tenant's Cloudflare plan section and returns it (for the JSON and the Markdown report). */
export function reportCloudflarePlan(tenant: LoadedTenant, detailed: boolean, io: Io): CloudflarePlanReport {
  const report = cloudflarePlanReport(tenant.spec);
  io.out(renderCloudflarePlan(tenant.spec.id, report, detailed));
  return report;
}
