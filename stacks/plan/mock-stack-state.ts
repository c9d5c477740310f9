/**
 * The offline plan's answers to the engine's builtin invokes that read a stack's last deployment
 * (pulumi/pulumi pkg/resource/deploy/builtins.go): by default a stack never deployed, whose
 * outputs are empty and whose resources the engine cannot list (no snapshot: see
 * stacks/tenant/stack-state.ts); a test gives the state an earlier deployment left.
 */

/** What an earlier deployment of the stack left: its outputs and its resources by URN. */
export interface DeployedState {
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly resources: Readonly<Record<string, { readonly type: string; readonly outputs: Readonly<Record<string, unknown>> }>>;
}

export const READ_STACK_OUTPUTS = "pulumi:pulumi:readStackOutputs";
export const READ_STACK_RESOURCE_OUTPUTS = "pulumi:pulumi:readStackResourceOutputs";

/** The builtin provider's answer, shaped as `readStackReference` and `readStackResourceOutputs` return it. */
export function mockStackStateInvoke(token: string, inputs: Record<string, unknown>, deployed: DeployedState | undefined): Record<string, unknown> {
  if (token === READ_STACK_OUTPUTS) {
    return { name: inputs["name"], outputs: { ...(deployed?.outputs ?? {}) }, secretOutputNames: [] };
  }
  if (!deployed) {
    throw new Error(`${READ_STACK_RESOURCE_OUTPUTS}: stack ${String(inputs["stackName"])} has no deployment, so no snapshot to list (the engine would dereference a nil snapshot)`);
  }
  return { name: inputs["stackName"], outputs: deployed.resources };
}
