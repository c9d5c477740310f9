/**
 * One component in detail, as Mermaid flowcharts: every resource of the component with its type,
 * name, key properties and protection, laid out in a grid that fits a 1920 × 1080 screen; a
 * component with more resources than one screen holds is drawn in parts. The grid is made of
 * invisible links (`~~~`: Mermaid flowchart syntax, "Invisible links"), which place a column's
 * nodes one under the other without drawing anything; the overview (diagram-overview.ts) draws the
 * edges.
 */
import { keyProperties, displayType } from "./plan-graph";
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import { label } from "./mermaid-text";

/** Longest line of a node, in characters: longer values are cut with an ellipsis. */
export const MAX_LINE = 40;
/** Width a screen gives the diagram, in pixels. */
const SCREEN_WIDTH = 1880;
/** Rows of three-line nodes that fit the screen's height with the title. */
const MAX_ROWS = 7;
/** Pixels per character of Mermaid's default 14 px font, and per node of padding and spacing. */
const CHAR_WIDTH = 7.6;
const NODE_PADDING = 50;

function cut(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}

/** Custom resources under a component, at any depth, in registration order. */
export function resourcesUnder(plan: TenantPlan, component: PlannedResource): PlannedResource[] {
  const inside = new Set([component.urn]);
  const found: PlannedResource[] = [];
  for (const resource of plan.resources) {
    if (resource.parent === null || !inside.has(resource.parent)) continue;
    inside.add(resource.urn);
    if (resource.custom) found.push(resource);
  }
  return found;
}

/** A node's lines: type, name, then key properties and protection on one line. */
function nodeLines(resource: PlannedResource): string[] {
  const details = [...keyProperties(resource).slice(0, 2), ...(resource.options.protect ? ["protected"] : [])].join(", ");
  return [displayType(resource.type), resource.name, details].filter((line) => line !== "").map(cut);
}

/** The detail flowcharts of one component: one, or several parts when it does not fit a screen. */
export function renderComponentDetail(plan: TenantPlan, component: PlannedResource): string[] {
  const resources = resourcesUnder(plan, component);
  const nodes = resources.map(nodeLines);
  const widest = Math.max(1, ...nodes.flat().map((line) => line.length));
  const fitting = Math.max(1, Math.floor(SCREEN_WIDTH / (widest * CHAR_WIDTH + NODE_PADDING)));
  const columns = Math.min(fitting, Math.max(1, Math.ceil(Math.sqrt(resources.length * 1.3))));
  const perPart = columns * MAX_ROWS;
  const parts = Math.max(1, Math.ceil(resources.length / perPart));
  const kind = component.type.split(":").pop();
  const diagrams: string[] = [];
  for (let part = 0; part < parts; part++) {
    const indexes = resources.map((_, i) => i).slice(part * perPart, (part + 1) * perPart);
    const rows = Math.ceil(indexes.length / columns);
    const title = `${kind} ${component.name}: ${resources.length} resources${parts > 1 ? ` (part ${part + 1} of ${parts})` : ""}`;
    // Tighter spacing than Mermaid's defaults (50 px between nodes and ranks): the links are invisible.
    const lines = ["---", "config:", "  flowchart:", "    nodeSpacing: 20", "    rankSpacing: 20", "---", "flowchart TB", `  subgraph c[${label(title)}]`];
    for (const i of indexes) lines.push(`    r${i}[${label(...nodes[i]!)}]`);
    for (let column = 0; column < columns; column++) {
      const ids = indexes.slice(column * rows, (column + 1) * rows).map((i) => `r${i}`);
      if (ids.length > 1) lines.push(`    ${ids.join(" ~~~ ")}`);
    }
    lines.push("  end");
    diagrams.push(`${lines.join("\n")}\n`);
  }
  return diagrams;
}
