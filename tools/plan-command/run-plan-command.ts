/**
 * The work of `npm run plan` once its command line is accepted: one tenant or the fleet planned,
 * the Markdown report written. Loaded by tools/cli/plan.ts only then, since it loads the Pulumi
 * program, the SDKs, the policies and the cost estimate.
 */
import { CommandError, type Io } from "../command-line";
import { NO_CONFIG, type PolicyConfig } from "../../policies/policy-config";
import { OfflineFleetReport } from "../fleet/offline-summary";
import { PlanRefusedError } from "../plan/refusals";
import { planAll } from "./plan-all";
import { planOne } from "./plan-one";

/** The options of a plan command line the command-line front accepted. */
export interface PlanCommandLine {
  readonly all?: boolean;
  readonly dir?: string;
  readonly json?: string;
  readonly "json-dir"?: string;
  readonly mermaid?: string;
  readonly base?: string;
  readonly "enforce-policies"?: boolean;
  readonly quiet?: boolean;
  readonly markdown?: string;
  readonly affected?: boolean;
  readonly destroy?: boolean;
  readonly "exclude-protected"?: boolean;
}

/**
 * Plans what an accepted command line names (`positionals`: the one tenant without `--all`) with
 * the policy configuration `--policy-config` named (undefined: none); returns the exit code.
 */
export async function runPlanCommand(values: PlanCommandLine, positionals: readonly string[], policyConfig: PolicyConfig | undefined, io: Io): Promise<number> {
  const policies = policyConfig ?? NO_CONFIG;
  const dir = values.dir ?? "tenants";
  const markdown = values.markdown || (values.all && values.base) ? new OfflineFleetReport(values.base) : undefined;
  try {
    if (values.all) {
      await planAll(dir, {
        jsonDir: values["json-dir"],
        base: values.base,
        affectedOnly: values.affected ?? false,
        enforce: values["enforce-policies"] ?? false,
        policies,
        markdown,
      }, io);
    } else {
      const destroy = values.destroy ? { excludeProtected: values["exclude-protected"] ?? false } : undefined;
      await planOne(positionals[0]!, dir, { json: values.json, mermaid: values.mermaid, quiet: values.quiet, base: values.base, enforce: values["enforce-policies"], policies, markdown, destroy }, io);
    }
    if (values.markdown) markdown?.write(values.markdown);
    return 0;
  } catch (error) {
    if (markdown && (error instanceof CommandError || error instanceof PlanRefusedError || (error as { __pulumiRunError?: boolean }).__pulumiRunError)) {
      markdown.failRun((error as Error).message);
      if (values.markdown) markdown.write(values.markdown);
    }
    if (error instanceof CommandError) {
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
