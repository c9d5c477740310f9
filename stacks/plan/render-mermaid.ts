/** The plan as a Mermaid flowchart: components as nested subgraphs, resources as nodes. */
import { childrenByParent, keyProperties, shortType } from "./plan-graph";
import type { PlannedResource, TenantPlan } from "./plan-types";

function escape(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

export function renderMermaid(plan: TenantPlan): string {
  const children = childrenByParent(plan);
  const ids = new Map<string, string>();
  plan.resources.forEach((resource, i) => ids.set(resource.urn, `r${i}`));
  const lines = ["flowchart TB"];
  const nodeText = (resource: PlannedResource): string =>
    escape([`${shortType(resource.type)}`, resource.name, ...keyProperties(resource).slice(0, 2)].join("<br/>"));
  const walk = (resource: PlannedResource, indent: string): void => {
    const id = ids.get(resource.urn)!;
    const kids = (children.get(resource.urn) ?? []).filter((child) => !child.type.startsWith("pulumi:providers:"));
    if (!resource.custom && resource.type !== "pulumi:pulumi:Stack") {
      lines.push(`${indent}subgraph ${id}["${escape(`${shortType(resource.type)} ${resource.name}`)}"]`);
      for (const child of kids) walk(child, `${indent}  `);
      lines.push(`${indent}end`);
    } else if (resource.custom) {
      lines.push(`${indent}${id}["${nodeText(resource)}"]`);
    } else {
      for (const child of kids) walk(child, indent);
    }
  };
  for (const root of children.get(null) ?? []) walk(root, "  ");
  return `${lines.join("\n")}\n`;
}
