/**
 * A tenant file's version at a git revision, planned with this revision's code and within the
 * current fleet (so its exchange partners and fleet checks resolve as they do now). What the cost
 * before and the offline report's comparison both start from, read and planned once.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { readAtRevision } from "../../tenant-schema/git-base";
import { parseTenant, type LoadedTenant } from "../../tenant-schema/load-tenant";
import type { TenantPlan } from "../../policies/plan-types";
import { planTenant } from "./run-plan";

/** What a tenant file was at the base revision. */
export type BaseVersion =
  /** No such file there: a new tenant. */
  | { readonly kind: "new" }
  /** The same bytes: its plan is today's plan. */
  | { readonly kind: "unchanged" }
  /** The file did not validate there. */
  | { readonly kind: "invalid" }
  /** The file planned; the tenant as it was, and its plan. */
  | { readonly kind: "planned"; readonly tenant: LoadedTenant; readonly plan: TenantPlan }
  /** The file validated but did not plan (the first line of why). */
  | { readonly kind: "failed"; readonly message: string };

/**
 * Reads `tenant`'s file at `base` and plans it in place of today's version among `fleet` (the
 * other tenants as they are now). Throws `GitBaseError` when git cannot answer.
 */
export async function planAtRevision(base: string, tenant: LoadedTenant, fleet: readonly LoadedTenant[]): Promise<BaseVersion> {
  const bytes = readAtRevision(base, tenant.file);
  if (!bytes) return { kind: "new" };
  if (bytes.equals(readFileSync(tenant.file))) return { kind: "unchanged" };
  const parsed = parseTenant(tenant.file, bytes);
  if (!parsed.ok) return { kind: "invalid" };
  const others = fleet.filter((other) => path.resolve(other.file) !== path.resolve(tenant.file));
  try {
    const plan = await planTenant(tenant.spec.id, path.dirname(tenant.file), { fleet: [parsed.tenant, ...others] });
    return { kind: "planned", tenant: parsed.tenant, plan };
  } catch (error) {
    return { kind: "failed", message: (error as Error).message.split("\n")[0] ?? String(error) };
  }
}
