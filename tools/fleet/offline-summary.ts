/**
 * `npm run plan -- … --markdown <file>`: the fleet report for offline plans, so pull requests from
 * forks (no cloud credentials) still get a summary. With `--base <ref>`, each tenant file's
 * version at that revision (planned once by the caller, with the current code) is compared.
 */
import { declarationsFromSpec } from "../../policies/declarations";
import type { PolicyConfig } from "../../policies/policy-config";
import type { Violation } from "../../policies/run-offline";
import type { CostChange } from "../cost/estimate-types";
import * as path from "node:path";
import type { LoadedTenant } from "../../tenant-schema/load-tenant";
import type { BaseVersion } from "../plan/plan-at-revision";
import type { TenantPlan } from "../../policies/plan-types";
import { cloudflarePlanReport } from "../../tenant-schema/rules/plan-features";
import { NO_CHANGES } from "./changes";
import { changedPaths } from "../../tenant-schema/spec-diff";
import { offlineChanges } from "./offline-changes";
import { ownValuesOf } from "./own-values";
import { writeMarkdownReport } from "./markdown-files";
import { OFFLINE_MARKER } from "./render-markdown";
import type { TenantReport } from "./report";

/** The plan to compare `plan` with, from the tenant file's version at `base`, and a note on it. */
function baseline(plan: TenantPlan, file: string, base: string | undefined, version: BaseVersion | undefined): { plan?: TenantPlan; note: string } {
  const name = path.basename(file);
  if (base === undefined || version === undefined) return { note: "no base revision: every resource is shown as new" };
  switch (version.kind) {
    case "new": return { note: `new tenant: no ${name} at ${base}` };
    case "unchanged": return { plan, note: `${name} unchanged since ${base}` };
    case "invalid": return { note: `${name} did not validate at ${base}; every resource is shown as new` };
    case "failed": return { note: `the version at ${base} could not be planned (${version.message}); every resource is shown as new` };
    case "planned": return { plan: version.plan, note: `compared with ${name} at ${base} (planned with the current code)` };
  }
}

/** Collects offline plans into one fleet report: the Markdown written at the end, the terminal's grouped review. */
export class OfflineFleetReport {
  private readonly tenants: TenantReport[] = [];

  /** @param base git revision to compare each tenant file with; default: none (every resource new). */
  constructor(readonly base?: string) {}

  /**
   * Adds a planned tenant, compared with its file's version at the base (planned once by the
   * caller, see `planAtRevision`). `extraFindings` are findings from outside the policy pack
   * (the budget check), listed with its findings; default none.
   */
  add(tenant: LoadedTenant, plan: TenantPlan, policies?: PolicyConfig, cost?: CostChange, baseVersion?: BaseVersion, extraFindings: readonly Violation[] = []): void {
    const before = baseline(plan, tenant.file, this.base, baseVersion);
    const options = { config: policies, declared: declarationsFromSpec(tenant.spec) };
    const context = baseVersion?.kind === "planned" ? { changedFields: changedPaths(baseVersion.tenant.spec, tenant.spec) } : {};
    const planned = offlineChanges(plan, before.plan, options, context);
    // Findings computed outside the policy pack (the budget's) are listed with the pack's.
    const changes = { ...planned, policies: [...planned.policies, ...extraFindings.map((v) => ({ policy: v.rule, level: v.enforcementLevel, message: v.message, urn: v.urn }))] };
    // A step the engine or AWS would refuse fails the update.
    this.tenants.push({ tenant: tenant.spec.id, status: changes.errors.length > 0 ? "failed" : "succeeded", changes, ownValues: ownValuesOf(tenant.spec.id, tenant.spec.edge.zone, [before.plan, plan]), notes: [before.note, ...(cost?.before !== undefined && this.base ? [`cost before: the tenant file at ${this.base}, estimated with this revision's code (the change priced is the file's)`] : [])], ...(cost ? { cost } : {}), cloudflare: cloudflarePlanReport(tenant.spec) });
  }

  /** Adds a tenant whose plan failed. */
  fail(tenant: string, message: string): void {
    this.tenants.push({ tenant, status: "failed", error: message, changes: NO_CHANGES });
  }

  /** Records a failure of the whole run (listed as `plan`) unless a tenant's failure already explains it. */
  failRun(message: string): void {
    if (!this.tenants.some((t) => t.status === "failed")) this.fail("plan", message);
  }

  /** The tenants added so far. */
  reports(): readonly TenantReport[] {
    return this.tenants;
  }

  /** Writes the report as Markdown to `file` (and, when the comment is shortened, the full report beside it). */
  write(file: string): void {
    writeMarkdownReport(file, { operation: "offline plan", tenants: this.tenants }, OFFLINE_MARKER);
  }
}
