/**
 * The sections of the fleet report's Markdown (`render-markdown.ts` puts them in order and keeps
 * the comment within its size budget): every stateful, replaced or deleted step of the fleet; one
 * tenant in full (failures and outliers); one group of tenants with identical changes; the
 * per-tenant table. Each takes the level of detail the budget leaves it.
 */
import type { ChangeKind } from "./changes";
import type { ChangeGroup, FleetGroups } from "./group-changes";
import { changeLine, cloudflarePlanLines, code, costCell, costDeltas, costLine, diffLine, escapeCell, groupedStepLine, mustShow, signed, stepCounts } from "./markdown-parts";
import type { TenantReport } from "./report";

/** How much of the report a rendering keeps. */
export interface Detail {
  /** The per-tenant table at the end. */
  readonly table: boolean;
  /** The steps of groups that are neither stateful, nor replacements, nor deletions (else counted). */
  readonly routineSteps: boolean;
  /** Each tenant section's collapsed full list of changes. */
  readonly changeBlocks: boolean;
}

const SHOWN_KINDS: readonly ChangeKind[] = ["create", "update", "replace", "delete", "same"];
const STATUS: Readonly<Record<TenantReport["status"], string>> = {
  succeeded: "ok",
  failed: "**failed**",
  drifted: "**drifted**",
  "in-sync": "in sync",
  interrupted: "**interrupted**",
  "not-started": "**not started** (cancelled)",
};

/** Tenant ids in one line: `a, b, c`. */
export function tenantList(tenants: readonly { readonly tenant: string }[] | readonly string[]): string {
  return tenants.map((t) => (typeof t === "string" ? t : t.tenant)).join(", ");
}

const NOUNS: Readonly<Record<Exclude<ChangeKind, "same">, readonly [string, string]>> = {
  create: ["creation", "creations"], update: ["update", "updates"], replace: ["replacement", "replacements"],
  delete: ["deletion", "deletions"], import: ["import", "imports"], read: ["read", "reads"],
};

/**
 * The group's heading: `the same 4 updates in 37 tenants`, `the same 1 creation and 2 updates in 5 tenants`;
 * marked when the steps' values were not compared (a cloud preview's report has fields only).
 */
export function groupTitle(group: ChangeGroup): string {
  const kinds = (Object.keys(NOUNS) as (keyof typeof NOUNS)[]).map((kind) => [kind, group.steps.filter((s) => s.kind === kind).length] as const).filter(([, n]) => n > 0);
  const parts = kinds.map(([kind, n]) => `${n} ${NOUNS[kind][n === 1 ? 0 : 1]}`);
  if (parts.length === 0) return `no changes in ${group.tenants.length} tenants, the same findings`;
  const words = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0]!;
  // A cloud preview's steps carry changed fields without values (changes.ts): the group is the same
  // fields changed, and a tenant's different value cannot be seen, so the title says so.
  const valuesUnseen = group.steps.some((step) => step.keys.length > 0 && step.fields.length === 0);
  return `the same ${words} in ${group.tenants.length} tenants${valuesUnseen ? " (the same fields; values not compared in a cloud preview)" : ""}`;
}

/** The heading of the fleet-wide list of stateful, replaced or deleted steps (then its count). */
export const MUST_SHOW_HEADING = "### Stateful, replaced or deleted";

/** Every stateful, replaced or deleted step of the fleet, each with where it happens. */
export function mustShowSection(fleet: FleetGroups): string[] {
  const lines: string[] = [];
  fleet.groups.forEach((group, index) => {
    for (const step of group.steps.filter(mustShow)) lines.push(groupedStepLine(step, ` — in the ${group.tenants.length} tenants of group ${index + 1}`));
  });
  for (const tenant of [...fleet.failed, ...fleet.outliers]) {
    for (const change of tenant.changes.resources.filter(mustShow)) lines.push(changeLine(change, ` — in ${code(tenant.tenant)}`));
  }
  if (lines.length === 0) return ["**Stateful, replaced or deleted:** none."];
  return [`${MUST_SHOW_HEADING} (${lines.filter((l) => l.startsWith("- ")).length})`, "", ...lines];
}

/** The line that points at the fleet-wide list instead of repeating its steps (they are listed once). */
function listedAbove(count: number): string[] {
  return count > 0 ? ["", `**Stateful, replaced or deleted (${count}):** listed above, under "Stateful, replaced or deleted".`] : [];
}

/** One tenant in full: its error, its stateful, replaced or deleted steps (counted: listed above), warnings, findings, notes, cost, Cloudflare plan, all changes. */
export function tenantSection(tenant: TenantReport, detail: Detail): string[] {
  const out = [`### ${tenant.tenant}: ${STATUS[tenant.status]}`];
  if (tenant.error) out.push("", "```", tenant.error.trim(), "```");
  const shown = tenant.changes.resources.filter(mustShow);
  out.push(...listedAbove(shown.length));
  const warnings = tenant.changes.warnings ?? [];
  if (warnings.length > 0) out.push("", `**Disruptive changes (${warnings.length}):**`, "", ...warnings.map((w) => `- ${escapeCell(w)}`));
  if (tenant.changes.policies.length > 0) {
    out.push("", `**Policy findings (${tenant.changes.policies.length}):**`, "");
    for (const p of tenant.changes.policies) {
      out.push(`- [${p.level}] ${code(p.policy)}${p.urn ? ` on ${code(p.urn.split("::").pop() ?? p.urn)}` : ""}: ${escapeCell(p.message)}`);
    }
  }
  if (tenant.changes.errors.length > 0 && !tenant.error) out.push("", "**Errors:**", "", ...tenant.changes.errors.map((e) => `- ${escapeCell(e)}`));
  for (const note of tenant.notes ?? []) out.push("", `> ${escapeCell(note)}`);
  if (tenant.cost) out.push("", costLine(tenant.cost));
  if (tenant.cloudflare) out.push("", ...cloudflarePlanLines(tenant.cloudflare));
  const lines = tenant.changes.resources.map(diffLine);
  if (lines.length > 0 && detail.changeBlocks) out.push("", `<details><summary>All changes (${lines.length})</summary>`, "", "```diff", ...lines, "```", "", "</details>");
  else if (lines.length > shown.length) out.push("", `_${lines.length - shown.length} other change(s): in the full report._`);
  return out;
}

/** `(all)` or `(in a, b: 2 of 37)`. */
function whichTenants(tenants: readonly string[], group: ChangeGroup): string {
  return tenants.length === group.tenants.length ? "" : ` (in ${tenantList(tenants)}: ${tenants.length} of ${group.tenants.length})`;
}

/** One group: its tenants, the steps once (the stateful, replaced or deleted ones counted: listed above), the warnings, findings and notes once each with the tenants they concern, and the cost change. */
export function groupSection(group: ChangeGroup, index: number, detail: Detail): string[] {
  const out = [`### Group ${index + 1}: ${groupTitle(group)}`, "", `Tenants: ${tenantList(group.tenants)}`];
  const routine = group.steps.filter((s) => !mustShow(s));
  out.push(...listedAbove(group.steps.length - routine.length));
  if (routine.length > 0) out.push("");
  if (detail.routineSteps) out.push(...routine.map((step) => groupedStepLine(step)));
  else if (routine.length > 0) out.push(`- _${stepCounts(routine.map((s) => s.kind))}, neither stateful nor replacements: in the full report._`);
  if (group.warnings.length > 0) out.push("", `**Disruptive changes (${group.warnings.length}):**`, "", ...group.warnings.map((w) => `- ${escapeCell(w.text)}${whichTenants(w.tenants, group)}`));
  if (group.policies.length > 0) {
    out.push("", `**Policy findings (${group.policies.length}):**`, "", ...group.policies.map((p) => `- [${p.level}] ${code(p.policy)} ${escapeCell(p.text)}${whichTenants(p.tenants, group)}`));
  }
  if (group.notes.length > 0) out.push("", ...group.notes.map((n) => `> ${escapeCell(n.text)}${whichTenants(n.tenants, group)}  `));
  const deltas = group.tenants.map((t) => costDeltas(t.cost)).filter((d) => d !== undefined);
  if (deltas.length > 0) {
    const low = Math.min(...deltas.map((d) => d.low));
    const high = Math.max(...deltas.map((d) => d.high));
    out.push("", `Estimated cost change per tenant: ${signed(low)}${signed(low) === signed(high) ? "" : ` to ${signed(high)}`} per month${deltas.length < group.tenants.length ? ` (${group.tenants.length - deltas.length} unknown)` : ""}`);
  }
  return out;
}

/** One row per tenant: result, steps per kind, policy findings, cost. */
export function tenantTable(tenants: readonly TenantReport[]): string[] {
  const header = `| tenant | result | ${SHOWN_KINDS.join(" | ")} | policies | cost per month |`;
  const rule = `|---|---|${SHOWN_KINDS.map(() => "--:").join("|")}|--:|---|`;
  const rows = tenants.map((t) => {
    const counts = SHOWN_KINDS.map((kind) => String(t.changes.counts[kind] ?? 0));
    const mandatory = t.changes.policies.filter((p) => p.level === "mandatory").length;
    const policies = t.changes.policies.length === 0 ? "0" : `${t.changes.policies.length}${mandatory > 0 ? ` (${mandatory} mandatory)` : ""}`;
    return `| ${escapeCell(t.tenant)} | ${STATUS[t.status]} | ${counts.join(" | ")} | ${policies} | ${costCell(t.cost)} |`;
  });
  return [header, rule, ...rows];
}
