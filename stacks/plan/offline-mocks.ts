/**
 * The mocks of the offline plan: what the fixture answers for each invoke and resource, in the
 * region of the provider the program used. Shared by the offline plan and the harness that runs
 * the program as the Pulumi CLI does.
 */
import type { MockCallArgs, MockResourceArgs, Mocks } from "@pulumi/pulumi/runtime/mocks";
import { mockInvoke, mockResourceState } from "./mock-fixtures";
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

/**
 * The offline plan's mocks: invokes and resource states from the fixture, per provider region;
 * what the provider would refuse (a physical name its type does not accept) goes to `refusals`.
 */
export function offlineMocks(refusals: Refusals): Mocks {
  const regions = new ProviderRegions();
  return {
    call: (args: MockCallArgs) => mockInvoke(args.token, args.inputs as Record<string, unknown>, regions.of(args.provider)),
    newResource: (args: MockResourceArgs) => {
      regions.remember(args);
      return mockResourceState(args.type, args.name, args.inputs as Record<string, unknown>, regions.of(args.provider), (reason) => refusals.refuse(reason));
    },
  };
}
