/** The steps the plan command takes for each tenant, whether it plans one or the whole fleet. */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { CommandError, type Io } from "../command-line";
import { ALL_RULES } from "../../policies/all-rules";
import { declarationsFromSpec } from "../../policies/declarations";
import { formatFindingLine, summarizeFindings } from "../../policies/findings-summary";
import type { PolicyConfig } from "../../policies/policy-config";
import type { TenantPlan } from "../../policies/plan-types";
import { runRules, type Violation } from "../../policies/run-offline";
import { GitBaseError, readAtRevision } from "../../tenant-schema/git-base";
import { parseTenant, type LoadedTenant } from "../../tenant-schema/load-tenant";
import { replacementIssues } from "../../tenant-schema/replacement-guard";
import type { SpecIssue } from "../../tenant-schema/spec-issue";
import { checkBudget } from "../cost/budget";
import type { ReportedCost } from "../cost/report-cost";
import { planAtRevision } from "../plan/plan-at-revision";
import { defaultProviderUses } from "../plan/plan-graph";
import { planTenant } from "../plan/run-plan";
import type { UpdateSimulation } from "../plan/update-simulation";

/** The simulated update's refusals as one failure message. */
export function refusedMessage(file: string, simulation: UpdateSimulation | undefined): string | undefined {
  if (!simulation || simulation.errors.length === 0) return undefined;
  return `${file}: pulumi up would fail:\n  ${simulation.errors.join("\n  ")}`;
}

/** Writes an output file whose path `checkOutputs` accepted. */
export function writeFile(file: string, content: string): void {
  writeFileSync(file, content);
}

/** Issues for changes since `base` that would replace or lose stateful resources. */
export function changeIssues(tenants: readonly LoadedTenant[], base: string | undefined): SpecIssue[] {
  if (!base) return [];
  return tenants.flatMap((tenant) => {
    let bytes: Buffer | undefined;
    try {
      bytes = readAtRevision(base, tenant.file);
    } catch (error) {
      if (error instanceof GitBaseError) throw new CommandError(error.message, 2);
      throw error;
    }
    if (!bytes) return []; // a new tenant: nothing to compare with
    const before = parseTenant(tenant.file, bytes);
    return before.ok ? replacementIssues(before.tenant.spec, tenant) : [];
  });
}

/** The policy pack's findings for a plan, printed; true when a mandatory rule is violated. */
export function reportPolicies(plan: TenantPlan, tenant: LoadedTenant, config: PolicyConfig, io: Io, extra: readonly Violation[] = []): boolean {
  const findings = summarizeFindings([...runRules(plan, ALL_RULES, { config, declared: declarationsFromSpec(tenant.spec) }), ...extra]);
  const mandatory = findings.filter((f) => f.level === "mandatory").length;
  io.out(`${plan.tenant}: policies: ${mandatory} mandatory, ${findings.length - mandatory} advisory violations`);
  for (const finding of findings) io.out(`  ${formatFindingLine(finding)}`);
  return mandatory > 0;
}

/** The budget check of the tenant file's `cost.monthlyBudget`: prints its note; returns its finding, if any. */
export function reportBudget(plan: TenantPlan, tenant: LoadedTenant, cost: ReportedCost, io: Io): Violation[] {
  const check = checkBudget(plan, tenant.spec.cost, cost.estimate, cost.base);
  if (check.note) io.out(check.note);
  return check.finding ? [check.finding] : [];
}

/** The tenant's offline plan among `fleet`, refused when it uses a default provider. */
export async function planChecked(tenant: LoadedTenant, fleet: readonly LoadedTenant[]): Promise<TenantPlan> {
  const plan = await planTenant(tenant.spec.id, path.dirname(tenant.file), { fleet });
  const defaults = defaultProviderUses(plan);
  if (defaults.length > 0) {
    throw new CommandError(`${tenant.file}: the plan uses a default provider (a platform bug):\n  ${defaults.join("\n  ")}`, 1);
  }
  return plan;
}

/**
 * The tenant file's version at `base`, planned once among the fleet, for the cost before and the
 * report's comparison; undefined without a base.
 */
export async function baseOf(tenant: LoadedTenant, fleet: readonly LoadedTenant[], base: string | undefined) {
  if (!base) return undefined;
  try {
    return { revision: base, version: await planAtRevision(base, tenant, fleet) };
  } catch (error) {
    if (error instanceof GitBaseError) throw new CommandError(error.message, 2);
    throw error;
  }
}
