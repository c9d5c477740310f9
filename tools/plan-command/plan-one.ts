/** `npm run plan -- <tenant>`: one tenant planned, reviewed and written. */
import { CommandError, type Io } from "../command-line";
import type { PolicyConfig } from "../../policies/policy-config";
import { loadTenantFile } from "../../tenant-schema/load-tenant";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { fleetConflicts } from "../../tenant-schema/tenant-files";
import { reportCloudflarePlan } from "../plan/render-cloudflare-plan";
import { costChangeOf, costDelta } from "../cost/cost-change";
import { reportCost } from "../cost/report-cost";
import { renderDestroy } from "../cost/render-destroy";
import type { OfflineFleetReport } from "../fleet/offline-summary";
import { simulateDestroy } from "../plan/destroy-simulation";
import { disruptionWarnings } from "../plan/disruption-warnings";
import { renderDiff, renderDiffSummary } from "../plan/render-diff";
import { renderMermaid, renderMermaidMarkdown } from "../plan/render-mermaid";
import { renderReachability } from "../plan/render-reachability";
import { renderSummary, renderTree } from "../plan/render-tree";
import { simulationAgainst } from "../plan/simulate-base";
import { planJson } from "./plan-json";
import { baseOf, changeIssues, planChecked, refusedMessage, reportBudget, reportPolicies, writeFile } from "./plan-steps";
import { fleetAround, targetFile } from "./tenant-target";

/** What planning one tenant does besides printing its tree. */
export interface PlanOneOptions {
  /** Where to write the plan JSON. @default not written */
  readonly json?: string;
  /** Where to write the Mermaid diagram (Markdown when the name ends in .md). @default not written */
  readonly mermaid?: string;
  /** One line per part instead of the tree and the breakdowns. @default false */
  readonly quiet?: boolean;
  /** Git revision to compare with: the diff replaces the tree. @default none */
  readonly base?: string;
  /** Fail when a mandatory rule of the policy pack is violated. @default false */
  readonly enforce?: boolean;
  readonly policies: PolicyConfig;
  /** Collects the tenant's changes for --markdown. @default none */
  readonly markdown?: OfflineFleetReport;
  /** Simulate destroying the stack the tenant file deployed. @default not simulated */
  readonly destroy?: { excludeProtected: boolean };
}

export async function planOne(target: string, dir: string, options: PlanOneOptions, io: Io): Promise<void> {
  const file = targetFile(target, dir);
  const loaded = loadTenantFile(file);
  if (!loaded.ok) throw new CommandError(formatIssues(loaded.issues), 1);
  const fleet = fleetAround(loaded.tenant, dir, io);
  const conflicts = [...fleetConflicts(loaded.tenant, fleet), ...changeIssues([loaded.tenant], options.base)];
  if (conflicts.length > 0) throw new CommandError(formatIssues(conflicts), 1);

  const plan = await planChecked(loaded.tenant, [loaded.tenant, ...fleet]);
  // With a base the review is the diff: the tree is printed without --base.
  io.out(options.quiet || options.base ? renderSummary(plan) : renderTree(plan));
  const base = await baseOf(loaded.tenant, [loaded.tenant, ...fleet], options.base);
  const simulation = simulationAgainst(base, loaded.tenant, plan);
  const warnings = simulation ? disruptionWarnings({ base: base?.version.kind === "planned" ? base.version.plan : plan, plan, changes: simulation.changes }) : [];
  if (simulation && !options.quiet) io.out(renderDiff(plan.tenant, options.base!, simulation, warnings));
  // --quiet with a diff: the cost change goes into its one line.
  const quietDiff = simulation && options.quiet;
  const cost = reportCost(plan, loaded.tenant, { detailed: !options.quiet && !options.base, base }, quietDiff ? { out: () => undefined, err: (text) => io.err(text) } : io);
  if (quietDiff) io.out(renderDiffSummary(plan.tenant, options.base!, simulation, warnings, cost.base ? costDelta(cost.base, cost.estimate) : "unknown"));
  const budget = reportBudget(plan, loaded.tenant, cost, io);
  const cloudflare = reportCloudflarePlan(loaded.tenant, !options.quiet, io);
  io.out(renderReachability(plan, !options.quiet));
  const violated = reportPolicies(plan, loaded.tenant, options.policies, io, budget);
  options.markdown?.add(loaded.tenant, plan, options.policies, costChangeOf(cost.estimate, cost.base), base?.version, budget);
  const destroy = options.destroy && simulateDestroy(plan, options.destroy);
  if (destroy) io.out(renderDestroy(plan.tenant, `pulumi destroy${options.destroy.excludeProtected ? " --exclude-protected" : ""}`, destroy, cost.estimate, !options.quiet));
  if (options.json) {
    writeFile(options.json, planJson(plan, cost.estimate, { cloudflare, changes: simulation?.changes, destroy }));
    io.out(`wrote ${options.json}`);
  }
  if (options.mermaid) {
    writeFile(options.mermaid, options.mermaid.endsWith(".md") ? renderMermaidMarkdown(plan) : renderMermaid(plan));
    io.out(`wrote ${options.mermaid}`);
  }
  const refused = refusedMessage(file, simulation) ?? (destroy && destroy.errors.length > 0 ? `${file}: pulumi destroy would fail:\n  ${destroy.errors.join("\n  ")}` : undefined);
  if (refused) throw new CommandError(refused, 1);
  if (violated && options.enforce) throw new CommandError(`${plan.tenant}: mandatory policies violated`, 1);
}
