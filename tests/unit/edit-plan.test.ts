/**
 * The plan-editing helper of the tests (tests/helpers/edit-plan.ts) on a hand-made plan: the edit
 * lands on a copy, and the copy's property dependencies and secret digests are those the engine
 * would record for the edited registration.
 */
import { describe, expect, it } from "vitest";
import type { TenantPlan } from "../../policies/plan-types";
import { editPlan } from "../helpers/edit-plan";
import { plan as handMade, resource, URN } from "../helpers/hand-made-plan";

const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const GROUP = "aws:ec2/securityGroup:SecurityGroup";
const DB = "aws:rds/instance:Instance";

/** Instances admitted from the load balancer's group; a database with a secret password and subnets. */
function sample(): TenantPlan {
  const base = handMade([
    resource(GROUP, "alb", {}),
    resource(GROUP, "instances", {}),
    resource(RULE, "instances-from-alb", { securityGroupId: "sg-instances", referencedSecurityGroupId: "sg-alb", ipProtocol: "tcp", fromPort: 80, toPort: 80 }),
    resource(DB, "db", { password: "[secret]", dbSubnetGroupName: "subnets", rules: [{ a: 1 }] }),
  ], {
    [URN(RULE, "instances-from-alb")]: { securityGroupId: [URN(GROUP, "instances")], referencedSecurityGroupId: [URN(GROUP, "alb")] },
    [URN(DB, "db")]: { dbSubnetGroupName: [URN("aws:rds/subnetGroup:SubnetGroup", "subnets")] },
  });
  return { ...base, secretDigests: { [URN(DB, "db")]: { password: "digest-1", "rules[0].a": "digest-2" } } };
}

const openToAll = (inputs: Record<string, unknown>) => ({ ...inputs, referencedSecurityGroupId: undefined, cidrIpv4: "0.0.0.0/0" });

describe("editPlan", () => {
  it("changes a copy: the original plan keeps its inputs and dependencies", () => {
    const original = sample();
    const before = structuredClone(original);
    const edited = editPlan(original, { type: RULE, name: "instances-from-alb" }, (inputs) => {
      inputs["fromPort"] = 22; // the edit may change what it is given
      return inputs;
    });
    expect(original).toEqual(before);
    expect(edited.resources.find((r) => r.name === "instances-from-alb")!.inputs["fromPort"]).toBe(22);
  });

  it("drops the dependencies of a property the edit no longer sets, and keeps the others", () => {
    const edited = editPlan(sample(), URN(RULE, "instances-from-alb"), openToAll);
    expect(edited.propertyDependencies[URN(RULE, "instances-from-alb")]).toEqual({ securityGroupId: [URN(GROUP, "instances")] });
    expect(edited.propertyDependencies[URN(DB, "db")]).toEqual(sample().propertyDependencies[URN(DB, "db")]);
  });

  it("drops the secret digests of a property the edit no longer sets", () => {
    const edited = editPlan(sample(), { type: DB, name: "db" }, (inputs) => ({ ...inputs, password: undefined, manageMasterUserPassword: true }));
    expect(edited.secretDigests?.[URN(DB, "db")]).toEqual({ "rules[0].a": "digest-2" });
    const noRules = editPlan(edited, { type: DB, name: "db" }, (inputs) => ({ ...inputs, rules: undefined }));
    expect(noRules.secretDigests?.[URN(DB, "db")]).toBeUndefined();
  });

  it("removes a resource with its own dependencies when the edit returns undefined", () => {
    const edited = editPlan(sample(), (r) => r.type === RULE, () => undefined);
    expect(edited.resources.map((r) => r.name)).toEqual(["alb", "instances", "db"]);
    expect(Object.keys(edited.propertyDependencies)).toEqual([URN(DB, "db")]);
  });

  it("adds an edited copy next to the original, depending on what the original depends on for what it still sets", () => {
    const edited = editPlan(sample(), { type: RULE, name: "instances-from-alb" }, openToAll, { copyAs: "instances-from-anywhere" });
    expect(edited.resources.map((r) => r.name)).toEqual(["alb", "instances", "instances-from-alb", "instances-from-anywhere", "db"]);
    const copy = edited.resources.find((r) => r.name === "instances-from-anywhere")!;
    expect(copy.urn).toBe(URN(RULE, "instances-from-anywhere"));
    expect(copy.inputs).toMatchObject({ cidrIpv4: "0.0.0.0/0", fromPort: 80 });
    expect(edited.propertyDependencies[copy.urn]).toEqual({ securityGroupId: [URN(GROUP, "instances")] });
    expect(edited.propertyDependencies[URN(RULE, "instances-from-alb")]).toEqual(sample().propertyDependencies[URN(RULE, "instances-from-alb")]);
  });

  it("edits every resource a test matches, and refuses a target that matches nothing or a copy of several", () => {
    const edited = editPlan(sample(), (r) => r.type === GROUP, (inputs, r) => ({ ...inputs, description: `the ${r.name} group` }));
    expect(edited.resources.filter((r) => r.type === GROUP).map((r) => r.inputs["description"])).toEqual(["the alb group", "the instances group"]);
    expect(() => editPlan(sample(), { type: GROUP, name: "cache" }, (inputs) => inputs)).toThrow(`no resource in the plan matches ${GROUP} cache`);
    expect(() => editPlan(sample(), (r) => r.type === GROUP, (inputs) => inputs, { copyAs: "copy" })).toThrow("copyAs needs one resource; the target matches alb, instances");
  });
});
