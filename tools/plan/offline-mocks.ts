/**
 * The mocks of the offline plan: what the fixture answers for each invoke and resource, in the
 * region of the provider the program used. Shared by the offline plan and the harness that runs
 * the program as the Pulumi CLI does.
 */
import type { MockCallArgs, MockResourceArgs, Mocks } from "@pulumi/pulumi/runtime/mocks";
import { mockInvoke, mockResourceState, type MockOptions, type RdsSourceFacts } from "./mock-fixtures";
import { mockStackStateInvoke, READ_STACK_OUTPUTS, READ_STACK_RESOURCE_OUTPUTS } from "./mock-stack-state";
import type { Refusals } from "./refusals";

/** Region per provider name, learnt as the program registers its providers. */
class ProviderRegions {
  private readonly regions = new Map<string, string>();

  remember(args: MockResourceArgs): void {
    if (args.type === "pulumi:providers:aws" && typeof args.inputs["region"] === "string") {
      this.regions.set(args.name, args.inputs["region"]);
    }
  }

  /** The region of the provider a reference (`urn::id`) points at; us-east-1 like AWS when unset. */
  of(reference: string | undefined): string {
    const parts = (reference ?? "").split("::");
    const name = parts[parts.length - 2];
    return (name && this.regions.get(name)) ?? "us-east-1";
  }
}

/** The DB instances planned so far, by identifier and by ARN: what a read replica inherits from its source. */
class DbInstances {
  private readonly byReference = new Map<string, RdsSourceFacts>();

  remember(type: string, state: Record<string, unknown>): void {
    if (type !== "aws:rds/instance:Instance") return;
    const facts = { engine: state["engine"] as string | undefined, port: state["port"] as number | undefined };
    for (const reference of [state["identifier"], state["arn"]]) if (typeof reference === "string") this.byReference.set(reference, facts);
  }

  find(reference: string): RdsSourceFacts | undefined {
    return this.byReference.get(reference);
  }
}

/**
 * The offline plan's mocks: invokes and resource states from the fixture, per provider region;
 * what the provider would refuse (a physical name its type does not accept) goes to `refusals`.
 */
export function offlineMocks(refusals: Refusals, options: MockOptions = {}): Mocks {
  const regions = new ProviderRegions();
  const dbInstances = new DbInstances();
  return {
    call: (args: MockCallArgs) => (args.token === READ_STACK_OUTPUTS || args.token === READ_STACK_RESOURCE_OUTPUTS
      ? mockStackStateInvoke(args.token, args.inputs as Record<string, unknown>, options.deployedState)
      : mockInvoke(args.token, args.inputs as Record<string, unknown>, regions.of(args.provider))),
    newResource: (args: MockResourceArgs) => {
      regions.remember(args);
      const result = mockResourceState(
        args.type, args.name, args.inputs as Record<string, unknown>, regions.of(args.provider), (reason) => refusals.refuse(reason),
        { rdsSources: (reference) => dbInstances.find(reference), physicalNames: options.physicalNames },
      );
      dbInstances.remember(args.type, result.state);
      return result;
    },
  };
}
