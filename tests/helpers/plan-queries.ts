/** Looking things up in a plan, for graph tests. */
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";

/** The resource of a type with a logical name; throws when there is none. */
export function named(plan: TenantPlan, type: string, name: string): PlannedResource {
  const found = plan.resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found;
}

/** The id the mocks gave a resource. */
export function idOf(plan: TenantPlan, resource: PlannedResource): string {
  return plan.ids[resource.urn]!;
}

/** The text of a launch template's user data (cloud-config, decoded from base64). */
export function userDataText(plan: TenantPlan, templateName: string): string {
  const template = plan.resources.find((r) => r.type === "aws:ec2/launchTemplate:LaunchTemplate" && r.name === templateName);
  if (!template) throw new Error(`no launch template named ${templateName}`);
  return Buffer.from(template.inputs["userData"] as string, "base64").toString("utf8");
}
