/**
 * The fleet review's grouping: tenants whose changes are identical form one group, listed once;
 * the rest are outliers, listed one by one. Both the Markdown report (offline plan and cloud
 * preview) and the terminal review of `plan --all --base` read this.
 *
 * Two tenants' changes are identical when they have the same steps: per changed resource the same
 * kind, type, logical name relative to the tenant (the tenant id in it read as `{tenant}`),
 * stateful and protected flags and changed fields, and per field the same deployed and new value,
 * again with the tenant id read as `{tenant}`. A value no other tenant has for that step and field
 * (a hostname, an id the cloud assigned, an address) is the tenant's own: it does not split
 * groups, and the group shows it per tenant. The cloud preview's report never reads property
 * values (`changes.ts`), so there groups compare fields only. Disruption warnings and policy
 * findings are not part of the identity: the group lists each one once, with the tenants it
 * concerns. Tenants that failed (or did not run) and tenants without changes (no steps, no errors,
 * no mandatory finding) are never grouped.
 */
import type { FieldChange } from "../plan/update-simulation";
import { hasChanges, type ChangeKind, type PolicyFinding, type ResourceChange } from "./changes";
import type { TenantReport } from "./report";

/** What stands for the tenant's id in a name, value or message shared by several tenants. */
export const TENANT_PLACEHOLDER = "{tenant}";

/** One changed field of a grouped step: its values when the group shares them, else per tenant. */
export interface GroupedField {
  readonly field: string;
  /** The values, tenant id as {@link TENANT_PLACEHOLDER}, when every tenant of the group has them; else undefined. */
  readonly shared?: { readonly before: unknown; readonly after: unknown };
  /** Each tenant's own values (when not {@link shared}); empty when the report carries no values. */
  readonly perTenant: readonly { readonly tenant: string; readonly before: unknown; readonly after: unknown }[];
}

/** One step as a group has it, with the name relative to the tenant. */
export interface GroupedStep {
  readonly kind: Exclude<ChangeKind, "same">;
  readonly type: string;
  /** The logical name with the tenant id as {@link TENANT_PLACEHOLDER}. */
  readonly name: string;
  readonly stateful: boolean;
  readonly protect: boolean;
  readonly keys: readonly string[];
  /** The changed fields with values; empty when the report carries no values (cloud preview). */
  readonly fields: readonly GroupedField[];
}

/** A text several tenants of a group report (a warning, a finding), tenant id as {@link TENANT_PLACEHOLDER}. */
export interface SharedText {
  readonly text: string;
  /** The tenants that report it, in the report's order. */
  readonly tenants: readonly string[];
}

/** Tenants with identical changes. */
export interface ChangeGroup {
  /** The tenants, in the report's order (at least two). */
  readonly tenants: readonly TenantReport[];
  /** The steps, listed once, in the report's order (dangerous kinds first). */
  readonly steps: readonly GroupedStep[];
  readonly warnings: readonly SharedText[];
  readonly policies: readonly (SharedText & { readonly level: PolicyFinding["level"]; readonly policy: string })[];
}

/** The fleet sorted for review. */
export interface FleetGroups {
  /** Groups of two or more tenants, largest first. */
  readonly groups: readonly ChangeGroup[];
  /** Tenants whose changes no other tenant shares, shown one by one. */
  readonly outliers: readonly TenantReport[];
  /** Tenants that failed, were interrupted or did not start, shown one by one. */
  readonly failed: readonly TenantReport[];
  /** Tenants without changes, errors or mandatory findings. */
  readonly unchanged: readonly TenantReport[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `text` with the tenant id (where it stands as a word of letters and digits) as {@link TENANT_PLACEHOLDER}. */
export function relativeToTenant(text: string, tenant: string): string {
  return text.replace(new RegExp(`(?<![a-z0-9])${escapeRegExp(tenant)}(?![a-z0-9])`, "g"), TENANT_PLACEHOLDER);
}

/** A value with the tenant id replaced in every string it holds. */
function relativeValue(value: unknown, tenant: string): unknown {
  if (typeof value === "string") return relativeToTenant(value, tenant);
  if (Array.isArray(value)) return value.map((v) => relativeValue(v, tenant));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, relativeValue((value as Record<string, unknown>)[key], tenant)]));
}

/** A value's identity: its whole JSON text (never cut, unlike the display). */
function identity(value: unknown): string {
  return value === undefined ? "(not set)" : JSON.stringify(value);
}

/** A step's identity without values. */
function stepShape(change: ResourceChange, tenant: string): string {
  return JSON.stringify([change.kind, change.type, relativeToTenant(change.name, tenant), change.stateful, change.protect, change.keys]);
}

function valueOf(change: ResourceChange, field: string): FieldChange | undefined {
  return change.values?.find((v) => v.field === field);
}

/** The groupable tenants: ran, and changed something. */
function canGroup(tenant: TenantReport): boolean {
  return tenant.status !== "failed" && tenant.status !== "interrupted" && tenant.status !== "not-started";
}

/**
 * How many tenants hold each value: keyed by step shape, field, side (`before`/`after`) and the
 * value relative to its tenant.
 */
function valueHolders(tenants: readonly TenantReport[]): Map<string, number> {
  const holders = new Map<string, number>();
  for (const tenant of tenants) {
    for (const change of tenant.changes.resources) {
      for (const value of change.values ?? []) {
        for (const side of ["before", "after"] as const) {
          const key = JSON.stringify([stepShape(change, tenant.tenant), value.field, side, identity(relativeValue(value[side], tenant.tenant))]);
          holders.set(key, (holders.get(key) ?? 0) + 1);
        }
      }
    }
  }
  return holders;
}

/** A tenant's identity: its steps with their values, a value only it holds read as its own. */
function signature(tenant: TenantReport, holders: ReadonlyMap<string, number>): string {
  // Sorted, so the order the report lists a tenant's changes in (by URN) cannot tell tenants apart.
  return JSON.stringify(tenant.changes.resources.map((change) => {
    const shape = stepShape(change, tenant.tenant);
    const values = (change.values ?? []).map((value) => [value.field, ...(["before", "after"] as const).map((side) => {
      const text = identity(relativeValue(value[side], tenant.tenant));
      return (holders.get(JSON.stringify([shape, value.field, side, text])) ?? 0) > 1 ? text : "(its own)";
    })]);
    return JSON.stringify([shape, values]);
  }).sort());
}

/** The texts of a group's tenants, each once with the tenants that report it. */
function sharedTexts<T>(tenants: readonly TenantReport[], items: (tenant: TenantReport) => readonly T[], text: (item: T) => string): (SharedText & { item: T })[] {
  const byText = new Map<string, SharedText & { item: T; tenants: string[] }>();
  for (const tenant of tenants) {
    for (const item of items(tenant)) {
      const relative = relativeToTenant(text(item), tenant.tenant);
      const known = byText.get(relative);
      if (known) {
        if (!known.tenants.includes(tenant.tenant)) known.tenants.push(tenant.tenant);
      } else byText.set(relative, { text: relative, tenants: [tenant.tenant], item });
    }
  }
  return [...byText.values()];
}

function groupedSteps(tenants: readonly TenantReport[]): GroupedStep[] {
  const first = tenants[0]!;
  // The same step of each tenant: the one of the same shape (kind, type, relative name, fields).
  const sameStep = (tenant: TenantReport, change: ResourceChange) => tenant.changes.resources.find((c) => stepShape(c, tenant.tenant) === stepShape(change, first.tenant))!;
  return first.changes.resources.map((change) => {
    const fields = (change.values ?? []).map((value): GroupedField => {
      const all = tenants.map((t) => ({ tenant: t.tenant, value: valueOf(sameStep(t, change), value.field) }));
      const relative = all.map(({ tenant, value: v }) => identity(relativeValue(v?.before, tenant)) + "=>" + identity(relativeValue(v?.after, tenant)));
      if (relative.every((r) => r === relative[0])) {
        return { field: value.field, shared: { before: relativeValue(value.before, first.tenant), after: relativeValue(value.after, first.tenant) }, perTenant: [] };
      }
      return { field: value.field, perTenant: all.map(({ tenant, value: v }) => ({ tenant, before: v?.before, after: v?.after })) };
    });
    return { kind: change.kind, type: change.type, name: relativeToTenant(change.name, first.tenant), stateful: change.stateful, protect: change.protect, keys: change.keys, fields };
  });
}

/** Sorts the fleet's tenants into groups of identical changes, outliers, failures and tenants without changes. */
export function groupFleet(tenants: readonly TenantReport[]): FleetGroups {
  const failed = tenants.filter((t) => !canGroup(t));
  // Advisory findings alone do not take a tenant out of this list (the table counts them); mandatory ones do.
  const quiet = (t: TenantReport) => !hasChanges(t.changes) && t.changes.resources.length === 0 && t.changes.errors.length === 0 && !t.changes.policies.some((p) => p.level === "mandatory");
  const unchanged = tenants.filter((t) => canGroup(t) && quiet(t));
  const changed = tenants.filter((t) => canGroup(t) && !quiet(t));
  const holders = valueHolders(changed);
  const bySignature = new Map<string, TenantReport[]>();
  for (const tenant of changed) {
    const key = signature(tenant, holders);
    bySignature.set(key, [...(bySignature.get(key) ?? []), tenant]);
  }
  const sets = [...bySignature.values()];
  const groups = sets.filter((set) => set.length > 1).sort((a, b) => b.length - a.length).map((members): ChangeGroup => ({
    tenants: members,
    steps: groupedSteps(members),
    warnings: sharedTexts(members, (t) => t.changes.warnings ?? [], (w) => w).map(({ text, tenants: ids }) => ({ text, tenants: ids })),
    policies: sharedTexts(members, (t) => t.changes.policies, (p) => `${p.level}\u0000${p.policy}\u0000${p.urn ? p.urn.split("::").pop() : ""}\u0000${p.message}`)
      .map(({ tenants: ids, item }) => ({ text: relativeToTenant(`${item.urn ? `on ${item.urn.split("::").pop()}: ` : ""}${item.message}`, ids[0]!), tenants: ids, level: item.level, policy: item.policy })),
  }));
  const outliers = changed.filter((t) => sets.some((set) => set.length === 1 && set[0] === t));
  return { groups, outliers, failed, unchanged };
}
