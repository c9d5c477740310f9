/**
 * The estimated monthly cost of each previewed tenant, before and after the change, for the
 * pull-request report: the tenant is planned offline (the cloud preview says what changes, not
 * what it costs) and priced with the price table; "before" is the tenant file at the base
 * revision, priced with this revision's code.
 */
import * as path from "node:path";
import { costAtRevision, costChangeOf } from "../cost/cost-change";
import { estimateTenantCost } from "../cost/tenant-cost";
import { planTenant } from "../plan/run-plan";
import { listTenantFiles, loadFleet } from "../../tenant-schema/tenant-files";
import type { CostChange } from "../cost/estimate-types";

/**
 * Costs by tenant id for `tenants` of the project at `cwd` (tenant files in `dir`), compared with
 * `base` when given. A tenant whose file is invalid or whose offline plan fails gets no cost (the
 * report then shows none); nothing here stops the run.
 */
export async function previewCosts(tenants: readonly string[], cwd: string, dir: string, base: string | undefined): Promise<Map<string, CostChange>> {
  const costs = new Map<string, CostChange>();
  const tenantsDir = path.resolve(cwd, dir);
  const fleet = loadFleet(listTenantFiles(tenantsDir)).tenants;
  for (const id of tenants) {
    const tenant = fleet.find((t) => t.spec.id === id);
    if (!tenant) continue;
    try {
      const estimate = estimateTenantCost(await planTenant(id, tenantsDir, { fleet }), tenant.spec);
      const before = base ? await costAtRevision(base, tenant, fleet) : undefined;
      costs.set(id, costChangeOf(estimate, before));
    } catch {
      // No cost for this tenant: the preview's own result says what went wrong, if anything did.
    }
  }
  return costs;
}
