/**
 * The values of an offline plan that are the tenant's own, for grouping the fleet review
 * (`group-changes.ts`): its zone (hostnames are relative to it, `edge.hostnames`) and the ids the
 * cloud assigned its resources (in offline plans the mocks' ids, `TenantPlan.ids`, of the plan and
 * of its base). Each reads as a placeholder naming what it is, so two tenants compare equal only
 * when their values are the same relative to themselves: `{zone}`, `www.{zone}`,
 * `{id of LaunchTemplate {tenant}-web}`.
 */
import type { TenantPlan } from "../../policies/plan-types";
import { nameOfUrn } from "./urn-name";
import { relativeToTenant } from "./group-changes";
import type { OwnValue } from "./report";

/**
 * Ids shorter than this are constants every tenant shares, not ids the cloud generates: the
 * random provider's password id is "a static value" (terraform-provider-random
 * internal/provider/resource_password.go, the `id` attribute), `none` in the mocks
 * (`tools/plan/mock-fixtures.ts`); they keep their text.
 */
const MIN_ID_LENGTH = 8;

/** The tenant's own values: `zone` as `{zone}`, each resource id of `plans` as `{id of <Type> <name>}`. */
export function ownValuesOf(tenant: string, zone: string, plans: readonly (TenantPlan | undefined)[]): OwnValue[] {
  const byValue = new Map<string, string>([[zone, "{zone}"]]);
  for (const plan of plans) {
    for (const urn of Object.keys(plan?.ids ?? {}).sort()) {
      const id = plan!.ids[urn]!;
      if (id.length < MIN_ID_LENGTH || byValue.has(id)) continue;
      const type = urn.split("::").at(-2)?.split(":").pop() ?? "resource";
      byValue.set(id, `{id of ${type} ${relativeToTenant(nameOfUrn(urn), tenant)}}`);
    }
  }
  return [...byValue].map(([value, placeholder]) => ({ value, placeholder }));
}
