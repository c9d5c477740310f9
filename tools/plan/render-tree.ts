/** The plan as a readable tree: component → resources, with key properties and safety flags. */
import { childrenByParent, countPlan, keyProperties, optionFlags, displayType } from "./plan-graph";
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";

function label(resource: PlannedResource): string {
  const details = [...keyProperties(resource), ...optionFlags(resource).map((flag) => `[${flag}]`)];
  return `${displayType(resource.type)} ${resource.name}${details.length > 0 ? `  ${details.join(" ")}` : ""}`;
}

/** One line: tenant, resource counts, protected count. */
export function renderSummary(plan: TenantPlan): string {
  const c = countPlan(plan);
  return `${plan.tenant}: ${c.total} resources (${c.custom} cloud resources, ${c.components} components with the stack, ${c.providers} providers), ${c.protected} protected`;
}

/** The full tree with the summary and stack outputs. */
export function renderTree(plan: TenantPlan): string {
  const children = childrenByParent(plan);
  const lines: string[] = [`Plan of tenant ${plan.tenant} (stack ${plan.stack}), offline`];
  const walk = (urn: string, prefix: string): void => {
    const list = children.get(urn) ?? [];
    list.forEach((child, i) => {
      const last = i === list.length - 1;
      lines.push(`${prefix}${last ? "└─ " : "├─ "}${label(child)}`);
      walk(child.urn, `${prefix}${last ? "   " : "│  "}`);
    });
  };
  for (const root of children.get(null) ?? []) walk(root.urn, "");
  lines.push("", renderSummary(plan), "", "Outputs:");
  for (const [key, value] of Object.entries(plan.outputs)) {
    lines.push(`  ${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  }
  return lines.join("\n");
}
