/** `npm run plan -- --all`: every tenant of the folder validated, then each planned and reviewed. */
import { existsSync, mkdirSync } from "node:fs";
import * as path from "node:path";
import { CommandError, type Io } from "../command-line";
import type { PolicyConfig } from "../../policies/policy-config";
import { changedSinceRevision } from "../../tenant-schema/git-base";
import type { LoadedTenant } from "../../tenant-schema/load-tenant";
import { SAMPLES_DIR } from "../../tenant-schema/samples";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { loadTenantFolder } from "../../tenant-schema/tenant-files";
import { costChangeOf } from "../cost/cost-change";
import { reportCost } from "../cost/report-cost";
import { affectedSince } from "../fleet/affected-selection";
import { GitDiffError, uncommittedFiles } from "../fleet/affected-tenants";
import { partnerListsOf } from "../fleet/exchange-dependents";
import type { OfflineFleetReport } from "../fleet/offline-summary";
import { renderFleetReview } from "../fleet/render-review-text";
import { reportCloudflarePlan } from "../plan/render-cloudflare-plan";
import { renderReachability } from "../plan/render-reachability";
import { renderSummary } from "../plan/render-tree";
import { simulationAgainst } from "../plan/simulate-base";
import { planJson } from "./plan-json";
import { baseOf, changeIssues, planChecked, refusedMessage, reportBudget, reportPolicies, writeFile } from "./plan-steps";

/** What `--all` does besides planning. */
export interface PlanAllOptions {
  readonly jsonDir?: string;
  /** Git revision to compare with (replacement guard, cost before). */
  readonly base?: string;
  /** Plan only the tenants the commits since `base` affect (every file is still validated). */
  readonly affectedOnly: boolean;
  readonly enforce: boolean;
  readonly policies: PolicyConfig;
  /** Collects the tenants' changes: for --markdown, and with a base for the grouped review. */
  readonly markdown?: OfflineFleetReport;
}

/** The tenants to plan: all, or those the commits since `base` affect. */
function tenantsToPlan(fleet: readonly LoadedTenant[], dir: string, options: PlanAllOptions, io: Io): LoadedTenant[] {
  if (!options.affectedOnly || !options.base) return [...fleet];
  let selection;
  try {
    // The project folder holding the tenant folder is where git paths (tenants/<id>.yaml) start.
    const project = path.dirname(path.resolve(dir));
    selection = affectedSince(options.base, project, path.basename(dir), fleet.map((t) => t.spec.id), partnerListsOf(fleet), { uncommitted: true });
    const uncommitted = uncommittedFiles(project);
    if (uncommitted.length > 0) io.out(`selection: counts uncommitted changes to ${uncommitted.map((change) => change.path).join(", ")}`);
  } catch (error) {
    if (error instanceof GitDiffError) throw new CommandError(error.message, 2);
    throw error;
  }
  for (const reason of selection.reasons) io.out(`selection: ${reason}`);
  io.out(selection.all ? `shared code changed since ${options.base}: every tenant` : `tenants affected since ${options.base}: ${selection.tenants.join(", ") || "none"}`);
  return fleet.filter((t) => selection.tenants.includes(t.spec.id));
}

export async function planAll(dir: string, options: PlanAllOptions, io: Io): Promise<void> {
  const { jsonDir, base, enforce, policies, markdown } = options;
  if (!existsSync(dir)) throw new CommandError(`--dir ${dir}: does not exist; it names the tenant folder`, 2);
  // Of two files that clash, the one changed since the base (or the last commit) is blamed.
  const changed = changedSinceRevision(base ?? "HEAD", dir);
  const fleet = loadTenantFolder(dir, changed);
  if (fleet.tenants.length + fleet.invalidIds.length === 0 && fleet.issues.length === 0) {
    // A new fleet starts empty (the samples live apart, in samples/): nothing to plan is not a failure.
    io.out(`no tenant files (*.yaml) in ${dir}/: nothing to plan${path.resolve(dir) === path.resolve(SAMPLES_DIR) ? "" : ` (the sample tenants are planned with --dir ${SAMPLES_DIR})`}`);
    return;
  }
  const issues = [...fleet.issues, ...changeIssues(fleet.tenants, base)];
  if (issues.length > 0) {
    throw new CommandError(`${formatIssues(issues)}\nnothing planned: fix the files above first`, 1);
  }
  const failures: string[] = [];
  const planned = tenantsToPlan(fleet.tenants, dir, options, io);
  for (const tenant of planned) {
    try {
      const plan = await planChecked(tenant, fleet.tenants);
      io.out(renderSummary(plan));
      const baseVersion = await baseOf(tenant, fleet.tenants, base);
      const simulation = simulationAgainst(baseVersion, tenant, plan);
      const cost = reportCost(plan, tenant, { detailed: false, base: baseVersion }, io);
      const budget = reportBudget(plan, tenant, cost, io);
      const cloudflare = reportCloudflarePlan(tenant, false, io);
      io.out(renderReachability(plan, false));
      if (jsonDir) {
        mkdirSync(jsonDir, { recursive: true });
        writeFile(path.join(jsonDir, `${tenant.spec.id}.json`), planJson(plan, cost.estimate, { cloudflare, changes: simulation?.changes }));
      }
      markdown?.add(tenant, plan, policies, costChangeOf(cost.estimate, cost.base), baseVersion?.version, budget);
      const refused = refusedMessage(tenant.file, simulation);
      if (refused) {
        failures.push(refused);
        io.err(refused);
      }
      if (reportPolicies(plan, tenant, policies, io, budget) && enforce) failures.push(`${tenant.file}: mandatory policies violated`);
    } catch (error) {
      failures.push(`${tenant.file}: ${(error as Error).message}`);
      markdown?.fail(tenant.spec.id, (error as Error).message);
      io.err(`${tenant.spec.id}: FAILED`);
    }
  }
  // With a base: the changes of the whole fleet, identical ones grouped (the review a pull request needs).
  if (base && markdown) io.out(renderFleetReview(base, markdown.reports()));
  io.out(`${planned.length - failures.length} planned, ${failures.length} failed${jsonDir ? `; plans in ${jsonDir}/` : ""}`);
  if (failures.length > 0) throw new CommandError(failures.join("\n"), 1);
}
