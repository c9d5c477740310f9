/**
 * The update simulation for a plan compared with its tenant file's version at a base revision
 * (`--base`): what `pulumi up` would do to the stack that version deployed.
 */
import type { LoadedTenant } from "../../tenant-schema/load-tenant";
import { changedPaths } from "../../tenant-schema/spec-diff";
import type { BaseVersion } from "./plan-at-revision";
import type { TenantPlan } from "../../policies/plan-types";
import { simulateUpdate, type UpdateSimulation } from "./update-simulation";

/**
 * The simulation against `base`: a new tenant is created whole, an unchanged file changes
 * nothing; undefined without a base, or when the base version could not be planned.
 */
export function simulationAgainst(base: { readonly version: BaseVersion } | undefined, tenant: LoadedTenant, plan: TenantPlan): UpdateSimulation | undefined {
  switch (base?.version.kind) {
    case "planned": return simulateUpdate(base.version.plan, plan, { changedFields: changedPaths(base.version.tenant.spec, tenant.spec) });
    case "unchanged": return simulateUpdate(plan, plan);
    case "new": return simulateUpdate({ ...plan, resources: [], propertyDependencies: {} }, plan);
    default: return undefined;
  }
}
