/**
 * `npm run plan -- <tenant id | file.yaml> [--json <file>] [--mermaid <file>] [--dir <folder>]`
 * `npm run plan -- --all [--dir <folder>] [--json-dir <folder>]`
 *
 * Validates the tenant files (all of them, before planning any), plans each offline and prints a
 * tree or a summary line per tenant. Exit 0 when every plan succeeded, 1 when a tenant file is
 * invalid or a plan failed, 2 for a wrong command line (options, paths), 70 for an internal error.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { EXIT_CODES_HELP, parseCommandLine, runCommand, type Io } from "../command-line";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { fleetConflicts, listTenantIds, loadFleet, loadTenantFolder, scanTenantFolder } from "../../tenant-schema/tenant-files";
import { changedSinceRevision, GitBaseError, readAtRevision } from "../../tenant-schema/git-base";
import { tenantIdOf } from "../../tenant-schema/load-tenant";
import { inputFolderProblem, isWithin, outputFileProblem, outputFolderProblem, realPathOf } from "../plan/output-paths";
import { loadTenantFile, parseTenant, type LoadedTenant } from "../../tenant-schema/load-tenant";
import { replacementIssues } from "../../tenant-schema/replacement-guard";
import type { SpecIssue } from "../../tenant-schema/spec-issue";
import { ALL_RULES } from "../../policies/all-rules";
import { declarationsFromSpec } from "../../policies/declarations";
import { formatFindingLine, summarizeFindings } from "../../policies/findings-summary";
import { loadPolicyConfig, NO_CONFIG, PolicyConfigError, type PolicyConfig } from "../../policies/policy-config";
import { runRules, type Violation } from "../../policies/run-offline";
import type { CostEstimate } from "../cost/estimate-types";
import { costChangeOf, costDelta } from "../cost/cost-change";
import { checkBudget } from "../cost/budget";
import { reportCost, type ReportedCost } from "../cost/report-cost";
import { planAtRevision } from "../plan/plan-at-revision";
import { defaultProviderUses } from "../plan/plan-graph";
import type { TenantPlan } from "../../policies/plan-types";
import { renderMermaid, renderMermaidMarkdown } from "../plan/render-mermaid";
import { renderReachability } from "../plan/render-reachability";
import { reportCloudflarePlan } from "../plan/render-cloudflare-plan";
import type { CloudflarePlanReport } from "../../tenant-schema/rules/plan-features";
import { renderSummary, renderTree } from "../plan/render-tree";
import { planTenant } from "../plan/run-plan";
import { OfflineFleetReport } from "../fleet/offline-summary";
import { renderFleetReview } from "../fleet/render-review-text";
import { affectedSince } from "../fleet/affected-selection";
import { GitDiffError, uncommittedFiles } from "../fleet/affected-tenants";
import { SAMPLES_DIR, sampleHint } from "../../tenant-schema/samples";
import { partnerListsOf } from "../fleet/exchange-dependents";
import { PlanRefusedError } from "../plan/refusals";
import { renderDiff, renderDiffSummary } from "../plan/render-diff";
import { disruptionWarnings } from "../plan/disruption-warnings";
import { simulationAgainst } from "../plan/simulate-base";
import type { UpdateSimulation } from "../plan/update-simulation";
import { simulateDestroy, type DestroySimulation } from "../plan/destroy-simulation";
import { renderDestroy } from "../cost/render-destroy";

const USAGE = `usage:
  npm run plan -- <tenant id | path/to/tenant.yaml> [--json <file>] [--mermaid <file>] [--dir <folder>] [--base <git ref>] [--enforce-policies] [--policy-config <file>] [--quiet] [--markdown <file>] [--destroy [--exclude-protected]]
  npm run plan -- --all [--dir <folder>] [--json-dir <folder>] [--base <git ref> [--affected]] [--enforce-policies] [--policy-config <file>] [--markdown <file>]

  --destroy         simulate pulumi destroy of the stack the tenant file deployed: what is deleted,
                    dropped from the state or kept, what AWS or the engine refuses, what remains
  --exclude-protected  with --destroy: as pulumi destroy --exclude-protected
  --base <git ref>  compare each tenant file with its version at that revision and refuse changes
                    that would replace or lose stateful resources (use the pull request's base);
                    also prints each tenant's estimated monthly cost there and now. For one tenant,
                    prints what pulumi up would change (each changed input old => new, stateful
                    resources first, the steps in order, disruptive in-place changes) instead of
                    the tree: run without --base to see the tree and the cost breakdown. With
                    --all, one review of the fleet: identical changes grouped, the others one by one
  --quiet           one line per part; with --base the changes as one line (counts, cost change)
  --affected        with --all and --base: plan only the tenants the changes since the base affect,
                    uncommitted ones included (their files, their exchange partners; shared code: all).
                    Every file is validated.
  --enforce-policies  exit 1 when a mandatory rule of the policy pack is violated (CI)
  --policy-config <file>  rule levels and settings, the JSON of pulumi's --policy-pack-config (policies/README.md)
  --markdown <file>   write the fleet report (changes against --base, policy findings, cost) as Markdown
  --dir <folder>      the tenant folder (default tenants): the fleet every plan is checked against

${EXIT_CODES_HELP}`;

/** A failure to report without a stack trace, with the exit code it maps to. */
class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

/**
 * Serializes a plan the way `--json` writes it, with its cost estimate, the Cloudflare plan's
 * features (what the file uses, what the zone's plan allows) and the simulated update's steps
 * (with `--base`) when given.
 */
export function planJson(plan: TenantPlan, cost?: CostEstimate, extras: { cloudflare?: CloudflarePlanReport; changes?: UpdateSimulation["changes"]; destroy?: DestroySimulation } = {}): string {
  const { tenant, stack, resources, outputs } = plan;
  const { cloudflare, changes, destroy } = extras;
  return `${JSON.stringify({ tenant, stack, resources, outputs, ...(cost ? { cost } : {}), ...(cloudflare ? { cloudflare } : {}), ...(changes ? { changes } : {}), ...(destroy ? { destroy } : {}) }, null, 2)}\n`;
}

/** The simulated update's refusals as one failure message. */
function refusedMessage(file: string, simulation: UpdateSimulation | undefined): string | undefined {
  if (!simulation || simulation.errors.length === 0) return undefined;
  return `${file}: pulumi up would fail:\n  ${simulation.errors.join("\n  ")}`;
}

/** Writes an output file whose path {@link checkOutputs} accepted. */
function writeFile(file: string, content: string): void {
  writeFileSync(file, content);
}

/**
 * Refuses, before any work, output paths the command could not write and a tenant folder it could
 * not read; and any output that would land (through links too) on an input, the tenant file or the
 * policy configuration, or in the tenant folder, whose every entry must be a tenant file.
 */
function checkOutputs(values: { dir?: string; json?: string; mermaid?: string; markdown?: string; "json-dir"?: string; "policy-config"?: string }, positionals: readonly string[]): void {
  const problems: string[] = [];
  const dir = values.dir ?? "tenants";
  const realDir = realPathOf(dir) ?? path.resolve(dir);
  const inputs = [
    ...positionals.map((target) => ({ file: isPathTarget(target) ? target : path.join(dir, `${target}.yaml`), what: "the tenant file" })),
    ...(values["policy-config"] === undefined ? [] : [{ file: values["policy-config"], what: "the policy configuration (--policy-config)" }]),
  ];
  const collision = (output: string): string | undefined => {
    const real = realPathOf(output);
    if (real === undefined) return undefined;
    const input = inputs.find(({ file }) => realPathOf(file) === real);
    if (input) return `is ${input.what} ${input.file}; write the output elsewhere`;
    if (isWithin(real, realDir)) return `is inside the tenant folder ${dir}, which holds only tenant files; write the output elsewhere`;
    return undefined;
  };
  const jsonDir = values["json-dir"];
  const folderProblem = jsonDir === undefined ? undefined : outputFolderProblem(jsonDir) ?? collision(jsonDir);
  if (folderProblem) problems.push(`--json-dir ${jsonDir}: ${folderProblem}`);
  // The folder --json-dir names is created by the run, so a file may go into it (CI: --markdown .plan/summary.md).
  const intoJsonDir = (file: string) => jsonDir !== undefined && !folderProblem && path.resolve(path.dirname(file)) === path.resolve(jsonDir);
  for (const flag of ["json", "mermaid", "markdown"] as const) {
    const file = values[flag];
    const problem = file === undefined ? undefined : (intoJsonDir(file) && !existsSync(jsonDir!) ? undefined : outputFileProblem(file)) ?? collision(file);
    if (problem) problems.push(`--${flag} ${file}: ${problem}`);
  }
  const dirProblem = values.dir === undefined ? undefined : inputFolderProblem(values.dir);
  if (dirProblem) problems.push(`--dir ${values.dir}: ${dirProblem}; it names the tenant folder`);
  if (problems.length > 0) throw new CliError(`${problems.join("\n")}\nnothing planned`, 2);
}

/** True when a command-line target is a path to a file rather than a tenant id. */
function isPathTarget(target: string): boolean {
  return target.endsWith(".yaml") || target.endsWith(".yml") || target.includes("/");
}

/** The tenant file a command-line target names: an id in `dir`, or a path to a .yaml file. */
function targetFile(target: string, dir: string): string {
  if (isPathTarget(target)) return target;
  const file = path.join(dir, `${target}.yaml`);
  if (!existsSync(file)) {
    const known = listTenantIds(dir);
    throw new CliError(`no tenant "${target}" in ${dir}/; known tenants: ${known.length > 0 ? known.join(", ") : "none"}.${sampleHint(target, dir)}`, 1);
  }
  return file;
}

/**
 * The other tenants of the fleet in the tenant folder `dir` that `tenant` is checked and planned
 * with. A file outside the folder is a new version of the tenant of its id there (if any), and
 * the output says which fleet it was checked against. Entries of the folder that are not tenant
 * files are errors; other tenants' invalid files are named, since their hostnames and zones
 * cannot be checked.
 */
function fleetAround(tenant: LoadedTenant, dir: string, io: Io): LoadedTenant[] {
  if (!existsSync(dir)) {
    io.out(`fleet: no tenant folder ${dir}/; ${tenant.file} was checked against no other tenant`);
    return [];
  }
  const scan = scanTenantFolder(dir);
  if (scan.issues.length > 0) throw new CliError(`${formatIssues(scan.issues)}\nnothing planned: the tenant folder holds entries that are not tenant files`, 1);
  const inFolder = path.resolve(path.dirname(tenant.file)) === path.resolve(dir);
  const others = scan.files.filter((f) => tenantIdOf(f) !== tenant.spec.id);
  const fleet = loadFleet(others);
  if (fleet.invalidIds.length > 0) {
    io.err(`warning: fleet: not checked against ${fleet.invalidIds.join(", ")} (their files have errors; npm run plan -- --all lists them)`);
  }
  if (!inFolder) {
    const replaces = scan.files.length > others.length ? `, in place of ${path.join(dir, `${tenant.spec.id}.yaml`)}` : "";
    io.out(`fleet: ${tenant.file} was checked against the ${fleet.tenants.length} other tenants in ${dir}/${replaces}`);
  }
  return fleet.tenants;
}

/** Issues for changes since `base` that would replace or lose stateful resources. */
function changeIssues(tenants: readonly LoadedTenant[], base: string | undefined): SpecIssue[] {
  if (!base) return [];
  return tenants.flatMap((tenant) => {
    let bytes: Buffer | undefined;
    try {
      bytes = readAtRevision(base, tenant.file);
    } catch (error) {
      if (error instanceof GitBaseError) throw new CliError(error.message, 2);
      throw error;
    }
    if (!bytes) return []; // a new tenant: nothing to compare with
    const before = parseTenant(tenant.file, bytes);
    return before.ok ? replacementIssues(before.tenant.spec, tenant) : [];
  });
}

/** The policy pack's findings for a plan, printed; true when a mandatory rule is violated. */
function reportPolicies(plan: TenantPlan, tenant: LoadedTenant, config: PolicyConfig, io: Io, extra: readonly Violation[] = []): boolean {
  const findings = summarizeFindings([...runRules(plan, ALL_RULES, { config, declared: declarationsFromSpec(tenant.spec) }), ...extra]);
  const mandatory = findings.filter((f) => f.level === "mandatory").length;
  io.out(`${plan.tenant}: policies: ${mandatory} mandatory, ${findings.length - mandatory} advisory violations`);
  for (const finding of findings) io.out(`  ${formatFindingLine(finding)}`);
  return mandatory > 0;
}

/** The budget check of the tenant file's `cost.monthlyBudget`: prints its note; returns its finding, if any. */
function reportBudget(plan: TenantPlan, tenant: LoadedTenant, cost: ReportedCost, io: Io): Violation[] {
  const check = checkBudget(plan, tenant.spec.cost, cost.estimate, cost.base);
  if (check.note) io.out(check.note);
  return check.finding ? [check.finding] : [];
}

/** The policy configuration a command line names, validated. */
function policyConfig(file: string | undefined): PolicyConfig {
  if (!file) return NO_CONFIG;
  try {
    return loadPolicyConfig(file, ALL_RULES);
  } catch (error) {
    if (error instanceof PolicyConfigError) throw new CliError(error.message, 2);
    throw error;
  }
}

async function planChecked(tenant: LoadedTenant, fleet: readonly LoadedTenant[]): Promise<TenantPlan> {
  const plan = await planTenant(tenant.spec.id, path.dirname(tenant.file), { fleet });
  const defaults = defaultProviderUses(plan);
  if (defaults.length > 0) {
    throw new CliError(`${tenant.file}: the plan uses a default provider (a platform bug):\n  ${defaults.join("\n  ")}`, 1);
  }
  return plan;
}

/**
 * The tenant file's version at `base`, planned once among the fleet, for the cost before and the
 * report's comparison; undefined without a base.
 */
async function baseOf(tenant: LoadedTenant, fleet: readonly LoadedTenant[], base: string | undefined) {
  if (!base) return undefined;
  try {
    return { revision: base, version: await planAtRevision(base, tenant, fleet) };
  } catch (error) {
    if (error instanceof GitBaseError) throw new CliError(error.message, 2);
    throw error;
  }
}

async function planOne(target: string, dir: string, options: { json?: string; mermaid?: string; quiet?: boolean; base?: string; enforce?: boolean; policies: PolicyConfig; markdown?: OfflineFleetReport; destroy?: { excludeProtected: boolean } }, io: Io): Promise<void> {
  const file = targetFile(target, dir);
  const loaded = loadTenantFile(file);
  if (!loaded.ok) throw new CliError(formatIssues(loaded.issues), 1);
  const fleet = fleetAround(loaded.tenant, dir, io);
  const conflicts = [...fleetConflicts(loaded.tenant, fleet), ...changeIssues([loaded.tenant], options.base)];
  if (conflicts.length > 0) throw new CliError(formatIssues(conflicts), 1);

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
  if (destroy) io.out(renderDestroy(plan.tenant, `pulumi destroy${options.destroy!.excludeProtected ? " --exclude-protected" : ""}`, destroy, cost.estimate, !options.quiet));
  if (options.json) {
    writeFile(options.json, planJson(plan, cost.estimate, { cloudflare, changes: simulation?.changes, destroy }));
    io.out(`wrote ${options.json}`);
  }
  if (options.mermaid) {
    writeFile(options.mermaid, options.mermaid.endsWith(".md") ? renderMermaidMarkdown(plan) : renderMermaid(plan));
    io.out(`wrote ${options.mermaid}`);
  }
  const refused = refusedMessage(file, simulation) ?? (destroy && destroy.errors.length > 0 ? `${file}: pulumi destroy would fail:\n  ${destroy.errors.join("\n  ")}` : undefined);
  if (refused) throw new CliError(refused, 1);
  if (violated && options.enforce) throw new CliError(`${plan.tenant}: mandatory policies violated`, 1);
}

/** What `--all` does besides planning. */
interface PlanAllOptions {
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
    if (error instanceof GitDiffError) throw new CliError(error.message, 2);
    throw error;
  }
  for (const reason of selection.reasons) io.out(`selection: ${reason}`);
  io.out(selection.all ? `shared code changed since ${options.base}: every tenant` : `tenants affected since ${options.base}: ${selection.tenants.join(", ") || "none"}`);
  return fleet.filter((t) => selection.tenants.includes(t.spec.id));
}

async function planAll(dir: string, options: PlanAllOptions, io: Io): Promise<void> {
  const { jsonDir, base, enforce, policies, markdown } = options;
  if (!existsSync(dir)) throw new CliError(`--dir ${dir}: does not exist; it names the tenant folder`, 2);
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
    throw new CliError(`${formatIssues(issues)}\nnothing planned: fix the files above first`, 1);
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
  if (failures.length > 0) throw new CliError(failures.join("\n"), 1);
}

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(argv, {
    all: { type: "boolean" },
    dir: { type: "string" },
    json: { type: "string" },
    "json-dir": { type: "string" },
    mermaid: { type: "string" },
    base: { type: "string" },
    "enforce-policies": { type: "boolean" },
    "policy-config": { type: "string" },
    quiet: { type: "boolean" },
    markdown: { type: "string" },
    affected: { type: "boolean" },
    destroy: { type: "boolean" },
    "exclude-protected": { type: "boolean" },
  }, USAGE, io);
  if ("exit" in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const dir = values.dir ?? "tenants";
  let markdown: OfflineFleetReport | undefined;
  try {
    checkOutputs(values, positionals);
    markdown = values.markdown || (values.all && values.base) ? new OfflineFleetReport(values.base) : undefined;
    const policies = policyConfig(values["policy-config"]);
    if (values.all) {
      if (positionals.length > 0 || values.json || values.mermaid) throw new CliError(`--all takes no tenant, --json or --mermaid\n${USAGE}`, 2);
      if (values.affected && !values.base) throw new CliError(`--affected needs --base <git ref>\n${USAGE}`, 2);
      if (values.destroy || values["exclude-protected"]) throw new CliError(`--destroy plans one tenant\n${USAGE}`, 2);
      await planAll(dir, {
        jsonDir: values["json-dir"],
        base: values.base,
        affectedOnly: values.affected ?? false,
        enforce: values["enforce-policies"] ?? false,
        policies,
        markdown,
      }, io);
    } else {
      if (positionals.length !== 1 || values["json-dir"]) throw new CliError(`name one tenant, or use --all\n${USAGE}`, 2);
      if (values.affected) throw new CliError(`--affected goes with --all\n${USAGE}`, 2);
      if (values.destroy && values.base) throw new CliError(`--destroy simulates destroying the stack the tenant file deployed: it takes no --base\n${USAGE}`, 2);
      if (values["exclude-protected"] && !values.destroy) throw new CliError(`--exclude-protected goes with --destroy\n${USAGE}`, 2);
      const destroy = values.destroy ? { excludeProtected: values["exclude-protected"] ?? false } : undefined;
      await planOne(positionals[0]!, dir, { json: values.json, mermaid: values.mermaid, quiet: values.quiet, base: values.base, enforce: values["enforce-policies"], policies, markdown, destroy }, io);
    }
    if (values.markdown) markdown?.write(values.markdown);
    return 0;
  } catch (error) {
    if (markdown && (error instanceof CliError || error instanceof PlanRefusedError || (error as { __pulumiRunError?: boolean }).__pulumiRunError)) {
      markdown.failRun((error as Error).message);
      if (values.markdown) markdown.write(values.markdown);
    }
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    // A RunError is the program refusing input, a PlanRefusedError what the engine or provider
    // would refuse: their message is the whole story.
    if ((error as { __pulumiRunError?: boolean }).__pulumiRunError || error instanceof PlanRefusedError) {
      io.err((error as Error).message);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) runCommand("plan", main);
