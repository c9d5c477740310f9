/**
 * The plan as Mermaid: the tenant's overview alone (a `.mmd` file), or a Markdown document with the
 * overview and one detail diagram per component (a `.md` file, which GitHub renders).
 */
import { renderComponentDetail } from "./diagram-detail";
import { renderOverview } from "./diagram-overview";
import type { TenantPlan } from "../../policies/plan-types";

/** The overview flowchart (diagram-overview.ts). */
export function renderMermaid(plan: TenantPlan): string {
  return renderOverview(plan);
}

/** Components a detail diagram is drawn for: the tenant's own components, in registration order. */
function tenantComponents(plan: TenantPlan) {
  const tenant = plan.resources.find((resource) => resource.type === "tenant-platform:tenant:Tenant");
  return plan.resources.filter((resource) => !resource.custom && tenant !== undefined && resource.parent === tenant.urn);
}

/** A Markdown document: the overview, then each component in detail. */
export function renderMermaidMarkdown(plan: TenantPlan): string {
  const fence = (diagram: string): string => `\`\`\`mermaid\n${diagram}\`\`\`\n`;
  const sections = [`# ${plan.tenant}\n\n${fence(renderOverview(plan))}`];
  for (const component of tenantComponents(plan)) {
    sections.push(`## ${component.type.split(":").pop()} ${component.name}\n\n${renderComponentDetail(plan, component).map(fence).join("\n")}`);
  }
  return sections.join("\n");
}
