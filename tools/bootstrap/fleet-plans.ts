/**
 * The offline plans the bootstrap's policies are derived from: every tenant of each given tenant
 * folder, planned as `npm run plan -- --all --dir <folder>` plans it.
 */
import { formatIssues } from "../../tenant-schema/spec-issue";
import { loadTenantFolder } from "../../tenant-schema/tenant-files";
import type { TenantPlan } from "../../policies/plan-types";
import { planTenant } from "../plan/run-plan";

/** A tenant folder that cannot be planned: its files' problems, as the plan prints them. */
export class FleetPlanError extends Error {}

/**
 * Plans every tenant file of `dirs` (in order, each folder checked as a fleet). Rejects with a
 * {@link FleetPlanError} naming each invalid file; a folder without tenant files adds no plan.
 */
export async function planFleets(dirs: readonly string[]): Promise<TenantPlan[]> {
  const plans: TenantPlan[] = [];
  for (const dir of dirs) {
    const fleet = loadTenantFolder(dir);
    if (fleet.issues.length > 0) throw new FleetPlanError(formatIssues(fleet.issues));
    for (const tenant of fleet.tenants) plans.push(await planTenant(tenant.spec.id, dir, { fleet: fleet.tenants }));
  }
  return plans;
}
