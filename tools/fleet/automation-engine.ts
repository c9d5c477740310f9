/**
 * The real {@link FleetEngine}: Pulumi's Automation API over this project's folder.
 *
 * - One `PulumiCommand` (found once) is shared by every stack.
 * - Each stack gets its own `LocalWorkspace` over the project folder. No project or stack settings
 *   are written: the project's Pulumi.yaml is used as it is, and configuration comes from the
 *   environment (see `environment.ts`).
 * - Opening a stack (`createOrSelect` / `select`) runs `pulumi stack select`, which rewrites the
 *   project's current-stack file under PULUMI_HOME; the driver opens stacks one at a time, before
 *   any operation starts. Every operation passes `--stack <tenant>`, so operations never read that
 *   file and run concurrently without sharing mutable state. docs/fleet.md has the references.
 */
import {
  LocalWorkspace,
  type DestroyOptions,
  type LocalWorkspaceOptions,
  type OutputMap,
  type PreviewOptions,
  type PulumiCommand,
  type RefreshOptions,
  type Stack,
  type UpOptions,
} from "@pulumi/pulumi/automation";
import * as path from "node:path";
import { CONFIG_KEYS, DEFAULT_TENANTS_DIR } from "../../program/program-config";
import type { FleetCommand, FleetEngine, OpenedStack, OperationListeners, OperationResult } from "./engine";
import { isDiyBackend } from "./environment";

/** How to reach the project and the CLI. */
export interface AutomationEngineSettings {
  /** The project folder (holding Pulumi.yaml). */
  readonly workDir: string;
  /** The CLI, found once by `findPulumiCli` and shared by every stack. */
  readonly pulumiCommand: PulumiCommand;
  /** Variables added to the environment of every CLI call (the rest is inherited). */
  readonly envVars: Readonly<Record<string, string>>;
  /**
   * Secrets provider for stacks the driver creates (`awskms://…`, `passphrase`). Required to
   * create a stack on a DIY backend (see {@link AutomationEngine.openStack}). @default the backend's
   */
  readonly secretsProvider?: string;
  /** The state backend (PULUMI_BACKEND_URL). @default undefined (the CLI's login) */
  readonly backendUrl?: string;
  /** The policy pack(s) previews and updates run, and their configuration files. @default none */
  readonly policy?: PolicyPackOptions;
}

/** CrossGuard policy packs for `preview` and `up` (`--policy-pack`, `--policy-pack-config`). */
export interface PolicyPackOptions {
  /** Folders of policy packs. */
  readonly policyPacks: readonly string[];
  /** JSON files configuring them (levels, settings). @default [] */
  readonly policyPackConfigs?: readonly string[];
}

function policyFlags(policy: PolicyPackOptions | undefined): { policyPacks?: string[]; policyPackConfigs?: string[] } {
  if (!policy || policy.policyPacks.length === 0) return {};
  return { policyPacks: [...policy.policyPacks], ...(policy.policyPackConfigs?.length ? { policyPackConfigs: [...policy.policyPackConfigs] } : {}) };
}

/** Options for every stack's workspace; exported so the contract test can check them. */
export function workspaceOptions(settings: AutomationEngineSettings): LocalWorkspaceOptions {
  return {
    pulumiCommand: settings.pulumiCommand,
    envVars: { ...settings.envVars },
    ...(settings.secretsProvider ? { secretsProvider: settings.secretsProvider } : {}),
  };
}

/**
 * The options each command passes to the SDK: events and output to the listeners, no colours, and
 * no secrets in the summary the SDK reads after an operation (`showSecrets: false`).
 */
export const commandOptions = {
  /** Preview and up also run the policy pack, when one is given. */
  preview: (l: OperationListeners, policy?: PolicyPackOptions) => ({ ...listen(l), color: "never", ...policyFlags(policy) }) satisfies PreviewOptions,
  up: (l: OperationListeners, policy?: PolicyPackOptions) => ({ ...listen(l), color: "never", showSecrets: false, ...policyFlags(policy) }) satisfies UpOptions,
  refresh: (l: OperationListeners) => ({ ...listen(l), color: "never", showSecrets: false }) satisfies RefreshOptions,
  /**
   * Drift: `previewRefresh` (`refresh --preview-only`; the SDK deprecates `previewOnly` for it),
   * running the program (`--run-program`, pulumi/pulumi pkg/cmd/pulumi/operations/refresh.go:
   * "Run the program to determine up-to-date state for providers") so that each tenant's AWS
   * provider is the one the program builds, assuming the reader role the drift job names
   * (program/provider-role.ts), not the deploy role saved in the state's provider inputs.
   * No `--expect-no-changes`: the engine would count that provider's `assumeRoles` update as a
   * change (`HasChanges`, pkg/engine/update.go); the driver decides drift from the step events
   * instead (run-fleet.ts, provider-credentials.ts).
   */
  drift: (l: OperationListeners) => ({ runProgram: true, ...listen(l), color: "never", showSecrets: false }) satisfies RefreshOptions,
  /**
   * Destroy leaves protected resources (and what they depend on) in place (`--exclude-protected`);
   * nothing here unprotects anything, and the stack itself is kept (no `remove`).
   */
  destroy: (l: OperationListeners) => ({ excludeProtected: true, ...listen(l), color: "never", showSecrets: false }) satisfies DestroyOptions,
} as const satisfies Record<FleetCommand, (l: OperationListeners) => object>;

/** The listeners and cancellation signal, as the SDK's options name them. */
function listen(l: OperationListeners): { onEvent: OperationListeners["onEvent"]; onOutput: OperationListeners["onOutput"]; signal?: AbortSignal } {
  return { onEvent: l.onEvent, onOutput: l.onOutput, ...(l.signal ? { signal: l.signal } : {}) };
}

/**
 * The stack's `tenantsDir` as the CLI resolves it: `pulumi config get tenantsDir --json` applies
 * the stack's settings (wherever they live: `stackConfigDir`, service-stored config), the
 * project's defaults and ESC environments (`getConfig` in pulumi/pulumi
 * pkg/cmd/pulumi/config/config.go, via `ApplyProjectConfig`). A key set nowhere is an error there
 * ("configuration key … not found"); the program then falls back to `tenants`
 * (program/program.ts), and so does this.
 */
const TENANTS_DIR_KEY = CONFIG_KEYS.tenantsDir;

async function tenantsDirOf(stack: Stack): Promise<string> {
  try {
    const { value } = await stack.getConfig(TENANTS_DIR_KEY);
    return value;
  } catch (error) {
    if (/configuration key .* not found/i.test(String((error as Error)?.message ?? error))) return DEFAULT_TENANTS_DIR;
    throw error;
  }
}

/** Stack outputs as plain values, secrets masked. */
export function plainOutputs(outputs: OutputMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([key, { value, secret }]) => [key, secret ? "[secret]" : value]));
}

/** {@link FleetEngine} on `@pulumi/pulumi/automation`. */
export class AutomationEngine implements FleetEngine {
  private readonly stacks = new Map<string, Stack>();
  /** Stack opening is serialized even if callers overlap: `stack select` writes shared state. */
  private opening: Promise<unknown> = Promise.resolve();

  constructor(private readonly settings: AutomationEngineSettings) {}

  /** Installs the project's plugins once (`pulumi install --no-dependencies`; npm ci ran before). */
  async prepare(): Promise<void> {
    const workspace = await LocalWorkspace.create({ ...workspaceOptions(this.settings), workDir: this.settings.workDir });
    await workspace.install({ noDependencies: true });
  }

  /**
   * Selects the stack; with `create`, creates a missing one. On a DIY backend (state in a bucket
   * or folder) a stack is created only with an explicit secrets provider: the backend's default
   * is the passphrase provider, chosen silently, and a KMS key must be named to be used at all.
   */
  async openStack(stack: string, create: boolean): Promise<OpenedStack> {
    const open = async (): Promise<OpenedStack> => {
      const args = { stackName: stack, workDir: this.settings.workDir };
      const options = workspaceOptions(this.settings);
      let opened: Stack;
      try {
        opened = await LocalWorkspace.selectStack(args, options);
      } catch (error) {
        if (!create || !/no stack named/i.test(String((error as Error)?.message ?? error))) throw error;
        if (isDiyBackend(this.settings.backendUrl) && !this.settings.secretsProvider) {
          throw new Error(
            `stack ${stack} does not exist, and on a DIY backend (${this.settings.backendUrl}) the driver creates stacks only with an explicit ` +
              "--secrets-provider (awskms://… or passphrase): the backend's default would be chosen silently",
            { cause: error },
          );
        }
        opened = await LocalWorkspace.createStack(args, options);
      }
      this.stacks.set(stack, opened);
      return { tenantsDir: path.resolve(this.settings.workDir, await tenantsDirOf(opened)) };
    };
    const turn = this.opening.then(open, open);
    this.opening = turn.catch(() => undefined);
    return await turn;
  }

  async run(stack: string, command: FleetCommand, listeners: OperationListeners): Promise<OperationResult> {
    const target = this.stacks.get(stack);
    if (!target) throw new Error(`stack ${stack} was not opened`);
    switch (command) {
      case "preview":
        await target.preview(commandOptions.preview(listeners, this.settings.policy));
        return { outputs: {} };
      case "up":
        return { outputs: plainOutputs((await target.up(commandOptions.up(listeners, this.settings.policy))).outputs) };
      case "refresh":
        await target.refresh(commandOptions.refresh(listeners));
        return { outputs: {} };
      case "drift":
        await target.previewRefresh(commandOptions.drift(listeners));
        return { outputs: {} };
      case "destroy":
        await target.destroy(commandOptions.destroy(listeners));
        return { outputs: {} };
    }
  }
}

