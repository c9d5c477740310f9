/**
 * The fleet review in the terminal (`npm run plan -- --all --base <ref>`): the grouping of the
 * Markdown report (`group-changes.ts`) as text, in the style of the one-tenant review
 * (`render-diff.ts`: preview's symbols and type names, values as `old => new`). Every stateful,
 * replaced or deleted step first; then the failures and the
 * tenants with changes of their own, one by one; then each group with its steps once (values read
 * relative to the tenant), its warnings, findings and notes once. The stateful, replaced or deleted
 * steps are listed once, at the top; tenants and groups count them there.
 */
import { formatValue } from "../plan/field-values";
import { displayType } from "../plan/plan-graph";
import type { ChangeKind, ResourceChange } from "./changes";
import { groupFleet, type GroupedStep } from "./group-changes";
import { mustShow, stepCounts } from "./markdown-parts";
import { groupTitle, tenantList } from "./markdown-sections";
import type { TenantReport } from "./report";

const SYMBOL: Readonly<Record<ChangeKind, string>> = { create: "+", update: "~", replace: "+-", delete: "-", read: ">", import: "=", same: " " };

function head(step: { kind: ChangeKind; type: string; name: string; stateful: boolean; protect: boolean }, where: string): string {
  const flags = `${step.stateful ? " [stateful]" : ""}${step.protect ? " [protected]" : ""}`;
  return `  ${SYMBOL[step.kind].padEnd(2)} ${displayType(step.type)} ${step.name}  ${step.kind}${flags}${where}`;
}

function forces(kind: ChangeKind): string {
  return kind === "replace" ? "  (forces the replacement)" : "";
}

function changeLines(change: ResourceChange, where = ""): string[] {
  const byField = new Map((change.values ?? []).map((v) => [v.field, v]));
  const fields = change.keys.map((key) => {
    const value = byField.get(key);
    return `        ${value ? `${key}: ${formatValue(value.before)} => ${formatValue(value.after)}` : key}${forces(change.kind)}`;
  });
  return [head(change, where), ...fields];
}

function stepLines(step: GroupedStep, where: string): string[] {
  const fields = step.fields.length > 0
    ? step.fields.map((f) => `        ${f.field}: ${formatValue(f.before)} => ${formatValue(f.after)}${forces(step.kind)}`)
    : step.keys.map((k) => `        ${k}${forces(step.kind)}`);
  return [head(step, where), ...fields];
}

/** Stands for the stateful, replaced or deleted steps of a tenant or group: listed once, at the top. */
function listedAbove(count: number): string[] {
  return count > 0 ? [`  ${count} stateful, replaced or deleted: listed above`] : [];
}

function tenantLines(tenant: TenantReport): string[] {
  const counts = stepCounts(tenant.changes.resources.map((c) => c.kind));
  const lines = [` ${tenant.tenant}: ${tenant.status === "succeeded" ? "" : `${tenant.status}: `}${counts}`];
  if (tenant.error) lines.push(...tenant.error.trim().split("\n").map((l) => `  ${l}`));
  lines.push(...listedAbove(tenant.changes.resources.filter(mustShow).length));
  lines.push(...tenant.changes.resources.filter((c) => !mustShow(c)).flatMap((c) => changeLines(c)));
  lines.push(...(tenant.changes.warnings ?? []).map((w) => `  warning: ${w}`));
  if (!tenant.error) lines.push(...tenant.changes.errors.map((e) => `  error: ${e}`));
  for (const p of tenant.changes.policies.filter((f) => f.level === "mandatory")) lines.push(`  mandatory: ${p.policy}${p.urn ? ` on ${p.urn.split("::").pop()}` : ""}: ${p.message}`);
  return lines;
}

/** The grouped review of the fleet's changes since `base`, as lines of text. */
export function renderFleetReview(base: string, tenants: readonly TenantReport[]): string {
  const fleet = groupFleet(tenants);
  const grouped = fleet.groups.reduce((n, g) => n + g.tenants.length, 0);
  const lines = [`fleet: pulumi up after ${base}: ${tenants.length} tenant(s): ${grouped} in ${fleet.groups.length} group(s) of identical changes, ${fleet.outliers.length} with changes of their own, ${fleet.failed.length} failed, ${fleet.unchanged.length} without changes`];
  const shown: string[] = [];
  fleet.groups.forEach((group, index) => {
    for (const step of group.steps.filter(mustShow)) shown.push(...stepLines(step, `  in the ${group.tenants.length} tenants of group ${index + 1}`));
  });
  for (const tenant of [...fleet.failed, ...fleet.outliers]) {
    for (const change of tenant.changes.resources.filter(mustShow)) shown.push(...changeLines(change, `  in ${tenant.tenant}`));
  }
  if (shown.length > 0) lines.push(" stateful, replaced or deleted (they hold data or go away):", ...shown);
  if (fleet.failed.length > 0) lines.push(" failed:", ...fleet.failed.flatMap(tenantLines));
  if (fleet.outliers.length > 0) lines.push(" changes of their own:", ...fleet.outliers.flatMap(tenantLines));
  fleet.groups.forEach((group, index) => {
    lines.push(` group ${index + 1}: ${groupTitle(group)}: ${tenantList(group.tenants)}`);
    lines.push(...listedAbove(group.steps.filter(mustShow).length));
    for (const step of group.steps.filter((s) => !mustShow(s))) lines.push(...stepLines(step, ""));
    const which = (ids: readonly string[]) => (ids.length === group.tenants.length ? "" : ` (in ${tenantList(ids)}: ${ids.length} of ${group.tenants.length})`);
    for (const warning of group.warnings) lines.push(`  warning: ${warning.text}${which(warning.tenants)}`);
    // Mandatory findings only: every tenant's findings are printed with its plan above.
    for (const finding of group.policies.filter((p) => p.level === "mandatory")) lines.push(`  ${finding.level}: ${finding.policy} ${finding.text}${which(finding.tenants)}`);
    for (const note of group.notes) lines.push(`  note: ${note.text}${which(note.tenants)}`);
  });
  if (fleet.unchanged.length > 0) lines.push(` without changes: ${tenantList(fleet.unchanged)}`);
  return lines.join("\n");
}
