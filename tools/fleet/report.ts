/** The fleet report's data: per tenant, how the operation went and what it changes. */
import type { CloudflarePlanReport } from "../../tenant-schema/rules/plan-features";
import type { CostChange } from "../cost/estimate-types";
import type { TenantChanges } from "./changes";

/**
 * How one tenant's operation ended: `succeeded`; `failed` (see the error); `drifted` (a drift check
 * found the cloud differing from the state); `in-sync` (a drift check found nothing);
 * `interrupted` (the run was cancelled while this tenant's operation ran: the CLI was asked to stop
 * gracefully, and the stack may be left locked); `not-started` (the run was cancelled first).
 */
export type TenantStatus = "succeeded" | "failed" | "drifted" | "in-sync" | "interrupted" | "not-started";

/** A value that comes from the tenant (its zone, an id the cloud assigned one of its resources), and what it reads as in a group. */
export interface OwnValue {
  readonly value: string;
  /** What stands for it where tenants are compared: `{zone}`, `{id of LaunchTemplate {tenant}-web}`. */
  readonly placeholder: string;
}

/** One tenant in a report. */
export interface TenantReport {
  readonly tenant: string;
  readonly status: TenantStatus;
  /** Why the tenant failed, in a few lines; absent unless `status` is `failed`. */
  readonly error?: string;
  readonly changes: TenantChanges;
  /** Optional cost line; omitted from the report when absent. */
  readonly cost?: CostChange;
  /** The zone's Cloudflare plan and the features the tenant file uses; omitted when absent. */
  readonly cloudflare?: CloudflarePlanReport;
  /**
   * The values that are the tenant's own: where tenants are grouped (`group-changes.ts`), these
   * (and the tenant id) are replaced before values are compared; any other difference splits the
   * group. Offline plans only. @default none
   */
  readonly ownValues?: readonly OwnValue[];
  /** Further findings to show under the tenant (for example the replacement guard's). */
  readonly notes?: readonly string[];
  /** Stack outputs after `up`. */
  readonly outputs?: Readonly<Record<string, unknown>>;
  /** Wall time of the operation in milliseconds. */
  readonly durationMs?: number;
}

/** A whole report: what ran, over which tenants. */
export interface FleetReport {
  /** What ran: a fleet command, or `offline plan`. */
  readonly operation: string;
  readonly tenants: readonly TenantReport[];
  /** Tenants whose files were deleted in the change: offboardings, not deployed by the driver. */
  readonly offboarded?: readonly string[];
  /** Lines to show under the title (how tenants were selected, which shard). */
  readonly notes?: readonly string[];
}

/** Tenants that failed (or, for a drift check, drifted), or that a cancellation left undone. */
export function unsuccessful(report: FleetReport): TenantReport[] {
  return report.tenants.filter((t) => t.status !== "succeeded" && t.status !== "in-sync");
}
