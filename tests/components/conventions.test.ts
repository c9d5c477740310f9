/**
 * The component conventions check (conventions.ts) on two small components made here: one that
 * keeps every convention, one that breaks each of them. Each check can fail, and is seen failing.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { PlanRefusedError } from "../../tools/plan/refusals";
import { COMPONENT_STACK, planComponent } from "../helpers/component-plan";
import { conventionViolations } from "./conventions";

/** Keeps the conventions: children below it on the given provider, named after it, outputs registered. */
class Tidy extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:test:Tidy", name, {}, opts);
    const topic = new aws.sns.Topic(`${name}-alerts`, {}, { parent: this });
    const account = aws.getCallerIdentityOutput({}, { parent: this });
    this.registerOutputs({ topicArn: topic.arn, accountId: account.accountId });
  }
}

/** Breaks each convention once. */
class Sloppy extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:Sloppy", name, {}, opts);
    // Not below the component (no parent), on the default provider.
    new aws.sns.Topic(`${name}-orphan`, {});
    // Below it, but on a provider of its own and not named after it.
    const other = new aws.Provider(`${name}-other`, { region: "us-east-1" }, { parent: this });
    new aws.sns.Topic("alerts", {}, { parent: this, provider: other });
    // An invoke on the default provider.
    aws.getCallerIdentityOutput({});
    // No registerOutputs: the SDK registers {} on its own.
  }
}

describe("component conventions", () => {
  it("hold for a component that keeps them", async () => {
    const plan = await planComponent(({ opts }) => new Tidy("shop", opts));
    expect(conventionViolations(plan, { type: "tenant-platform:test:Tidy", name: "shop", outputs: ["topicArn", "accountId"] })).toEqual([]);
    expect(plan.componentOutputs).toEqual({ topicArn: expect.stringMatching(/^arn:aws:sns:eu-central-1:123456789012:shop-alerts-/), accountId: "123456789012" });
    // Under a stack of its own, with the explicit providers at the stack's root.
    expect(plan.component.urn).toBe(`urn:pulumi:${COMPONENT_STACK}::tenant-platform::tenant-platform:test:Tidy::shop`);
    // A different expectation is a violation: the check compares, it does not only run.
    expect(conventionViolations(plan, { type: "tenant-platform:test:Tidy", name: "shop", outputs: ["topicArn"] }))
      .toEqual(["registered outputs [accountId, topicArn], expected [topicArn]"]);
  });

  it("name every convention a component breaks", async () => {
    const plan = await planComponent(({ opts }) => new Sloppy("shop", opts));
    const violations = conventionViolations(plan, { type: "tenant-platform:test:Sloppy", name: "shop", outputs: ["topicArn"] });
    expect(violations).toEqual([
      "type token tenant-platform:Sloppy, expected tenant-platform:test:Sloppy",
      "type token tenant-platform:Sloppy is not <package>:<module>:<Name>",
      "aws:sns/topic:Topic shop-orphan is not below the component (parent urn:pulumi:components::tenant-platform::pulumi:pulumi:Stack::tenant-platform-components)",
      "pulumi:providers:aws shop-other is a provider of the component's own (providers arrive through options)",
      "aws:sns/topic:Topic alerts is not named after the component (shop-…)",
      `aws:sns/topic:Topic alerts uses provider urn:pulumi:components::tenant-platform::tenant-platform:Sloppy$pulumi:providers:aws::shop-other, not the one given (${plan.providers.aws})`,
      "invoke aws:index/getCallerIdentity:getCallerIdentity uses provider null, not the one given",
      "registered outputs [], expected [topicArn]",
    ]);
    // The orphan went to the engine's default provider (the program names none: the engine, not
    // the SDK, makes default providers, so none is registered).
    expect(plan.strays.map((r) => [`${r.type} ${r.name}`, r.provider])).toEqual([["aws:sns/topic:Topic shop-orphan", null]]);
  });

  it("run under the offline plan's engine checks: a component registering one URN twice is refused", async () => {
    const twice = planComponent(({ opts }) => {
      const component = new Tidy("shop", opts);
      new aws.sns.Topic("shop-alerts", {}, { parent: component });
      return component;
    });
    await expect(twice).rejects.toBeInstanceOf(PlanRefusedError);
    await expect(twice).rejects.toThrow("Duplicate resource URN 'urn:pulumi:components::tenant-platform::tenant-platform:test:Tidy$aws:sns/topic:Topic::shop-alerts'");
  });
});
