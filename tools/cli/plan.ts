/**
 * `npm run plan -- <tenant id | file.yaml> [--json <file>] [--mermaid <file>] [--dir <folder>]`
 * `npm run plan -- --all [--dir <folder>] [--json-dir <folder>]`
 *
 * Validates the tenant files (all of them, before planning any), plans each offline and prints a
 * tree or a summary line per tenant. Exit 0 when every plan succeeded, 1 when a tenant file is
 * invalid or a plan failed, 2 for a wrong command line (options, paths), 70 for an internal error.
 */
import { CommandError, EXIT_CODES_HELP, parseCommandLine, runCommand, type Io } from "../command-line";
import { checkOutputs } from "../plan-command/check-outputs";
import type { PolicyConfig } from "../../policies/policy-config";
import type { PlanCommandLine } from "../plan-command/run-plan-command";

export { planJson } from "../plan-command/plan-json";

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

/**
 * Refuses option combinations the command does not take (exit 2). Checked after the paths and the
 * policy configuration, before any tenant file is read.
 */
function checkCombination(values: PlanCommandLine, positionals: readonly string[]): void {
  if (values.all) {
    if (positionals.length > 0 || values.json || values.mermaid) throw new CommandError(`--all takes no tenant, --json or --mermaid\n${USAGE}`, 2);
    if (values.affected && !values.base) throw new CommandError(`--affected needs --base <git ref>\n${USAGE}`, 2);
    if (values.destroy || values["exclude-protected"]) throw new CommandError(`--destroy plans one tenant\n${USAGE}`, 2);
  } else {
    if (positionals.length !== 1 || values["json-dir"]) throw new CommandError(`name one tenant, or use --all\n${USAGE}`, 2);
    if (values.affected) throw new CommandError(`--affected goes with --all\n${USAGE}`, 2);
    if (values.destroy && values.base) throw new CommandError(`--destroy simulates destroying the stack the tenant file deployed: it takes no --base\n${USAGE}`, 2);
    if (values["exclude-protected"] && !values.destroy) throw new CommandError(`--exclude-protected goes with --destroy\n${USAGE}`, 2);
  }
}

/**
 * The policy configuration `--policy-config` names, validated against the policy pack's rules
 * (loaded only then); undefined without one.
 */
async function policyConfigOption(file: string | undefined): Promise<PolicyConfig | undefined> {
  if (!file) return undefined;
  const { policyConfig } = await import("../plan-command/policy-config-option.js");
  return policyConfig(file);
}

/** A refused command line with --markdown still writes the report, saying why nothing was planned. */
async function writeRefusedReport(file: string, base: string | undefined, message: string): Promise<void> {
  const { OfflineFleetReport } = await import("../fleet/offline-summary.js");
  const report = new OfflineFleetReport(base);
  report.failRun(message);
  report.write(file);
}

/**
 * Runs the command line; returns the exit code. The command line is checked (options, paths, the
 * policy configuration) with light modules only; the planning is loaded once it is accepted.
 */
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
  let policies: PolicyConfig | undefined;
  try {
    checkOutputs(values, positionals);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    io.err(error.message);
    return error.exitCode;
  }
  try {
    policies = await policyConfigOption(values["policy-config"]);
    checkCombination(values, positionals);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (values.markdown) await writeRefusedReport(values.markdown, values.base, error.message);
    io.err(error.message);
    return error.exitCode;
  }
  const { runPlanCommand } = await import("../plan-command/run-plan-command.js");
  return runPlanCommand(values, positionals, policies, io);
}

if (require.main === module) runCommand("plan", main);
