/**
 * The real {@link AcceptanceEngine}: the fleet's {@link AutomationEngine} for opening stacks and
 * running operations, plus `state unprotect --all` and `stack rm` for the final cleanup.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { AutomationEngine, workspaceOptions, type AutomationEngineSettings } from "../fleet/automation-engine";
import type { AcceptanceEngine, RetainedResource } from "./ports";

const run = promisify(execFile);

export class AcceptanceAutomationEngine extends AutomationEngine implements AcceptanceEngine {
  constructor(private readonly acceptanceSettings: AutomationEngineSettings) {
    super(acceptanceSettings);
  }

  /**
   * The Automation API has no unprotect; the CLI's `pulumi state unprotect --all --yes --stack`
   * (pulumi/pulumi pkg/cmd/pulumi/state/state_unprotect.go: `--all` "Unprotect all resources in
   * the checkpoint", `--yes` skips the prompt) with the same CLI and environment.
   */
  async unprotectAll(stack: string): Promise<void> {
    const { pulumiCommand, workDir, envVars } = this.acceptanceSettings;
    await run(pulumiCommand.command, ["state", "unprotect", "--all", "--yes", "--stack", stack, "--non-interactive"], { cwd: workDir, env: { ...process.env, ...envVars } });
  }

  /** `LocalWorkspace.removeStack` (`pulumi stack rm --yes`); refuses while the stack still has resources. */
  async removeStack(stack: string): Promise<void> {
    const workspace = await LocalWorkspace.create({ ...workspaceOptions(this.acceptanceSettings), workDir: this.acceptanceSettings.workDir });
    await workspace.removeStack(stack);
  }

  /** The state's resources with `retainOnDelete` (apitype ResourceV3: `urn`, `type`, `id`, `outputs`, `retainOnDelete`). */
  async retainedResources(stack: string): Promise<RetainedResource[]> {
    const workspace = await LocalWorkspace.create({ ...workspaceOptions(this.acceptanceSettings), workDir: this.acceptanceSettings.workDir });
    const state = (await workspace.exportStack(stack)) as { deployment?: { resources?: { urn: string; type: string; id?: string; outputs?: Record<string, unknown>; retainOnDelete?: boolean }[] } };
    return (state.deployment?.resources ?? [])
      .filter((r) => r.retainOnDelete === true && r.id)
      .map((r) => ({ urn: r.urn, type: r.type, id: r.id!, outputs: r.outputs ?? {} }));
  }
}
