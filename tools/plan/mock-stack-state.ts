/**
 * The offline plan's answers to the engine's builtin invokes that read a stack's last deployment
 * (pulumi/pulumi pkg/resource/deploy/builtins.go): by default a stack never deployed, whose
 * outputs are empty and whose resources the engine cannot list (no snapshot: see
 * program/tenant/stack-state.ts); a test gives the state an earlier deployment left.
 */

/** What an earlier deployment of the stack left: its outputs and its resources by URN. */
export interface DeployedState {
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly resources: Readonly<Record<string, { readonly type: string; readonly outputs: Readonly<Record<string, unknown>> }>>;
  /**
   * The backend's layout: "project" (Pulumi Cloud, or a self-managed backend with project-scoped
   * stacks) takes `organization/<project>/<stack>`; "legacy" (a self-managed backend never
   * upgraded) parses every name as a bare stack name and refuses a `/`. @default "project"
   */
  readonly layout?: "project" | "legacy";
}

/**
 * An error as the engine's resource monitor answers a failed invoke: a gRPC status UNKNOWN (2)
 * whose `details` is the Go error's text, which the SDK rethrows as `new Error(err.details)`
 * (@pulumi/pulumi runtime/invoke.js).
 */
function engineError(message: string): Error {
  return Object.assign(new Error(message), { code: 2, details: message });
}

/** Where a name has a character `tokens.ParseStackName` refuses (pulumi/pulumi sdk/go/common/tokens/stack_name.go: `^[A-Za-z0-9_.-]*`), or -1. */
function invalidStackNameAt(name: string): number {
  const valid = /^[A-Za-z0-9_.-]*/.exec(name)![0].length;
  return valid === name.length ? -1 : valid;
}

export const READ_STACK_OUTPUTS = "pulumi:pulumi:readStackOutputs";
export const READ_STACK_RESOURCE_OUTPUTS = "pulumi:pulumi:readStackResourceOutputs";

/** The builtin provider's answer, shaped as `readStackReference` and `readStackResourceOutputs` return it. */
export function mockStackStateInvoke(token: string, inputs: Record<string, unknown>, deployed: DeployedState | undefined): Record<string, unknown> {
  const name = String(inputs[token === READ_STACK_OUTPUTS ? "name" : "stackName"]);
  const at = invalidStackNameAt(name);
  if (deployed?.layout === "legacy" && at !== -1) {
    // The engine's error, through source_eval.go Invoke ("invocation of %v returned an error: %w")
    // and the legacy store's tokens.ParseStackName (Go %q of the byte: '/').
    throw engineError(`invocation of ${token} returned an error: a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character '${name[at]}' at position ${at}`);
  }
  if (token === READ_STACK_OUTPUTS) {
    return { name: inputs["name"], outputs: { ...(deployed?.outputs ?? {}) }, secretOutputNames: [] };
  }
  if (!deployed) {
    throw engineError(`${READ_STACK_RESOURCE_OUTPUTS}: stack ${String(inputs["stackName"])} has no deployment, so no snapshot to list (the engine would dereference a nil snapshot)`);
  }
  return { name: inputs["stackName"], outputs: deployed.resources };
}
