/**
 * The fleet review's grouping: tenants whose changes are identical form one group, listed once;
 * the rest are outliers, listed one by one. Both the Markdown report (offline plan and cloud
 * preview) and the terminal review of `plan --all --base` read this.
 *
 * Two tenants' changes are identical when they have the same steps: per changed resource the same
 * kind, type, logical name relative to the tenant (the tenant id in it read as `{tenant}`),
 * stateful and protected flags and changed fields, and per field the same deployed and new value,
 * read relative to the tenant: only what comes from the tenant itself is replaced before values
 * are compared: its id (`{tenant}`), the values its report names as its own
 * ({@link TenantReport.ownValues}: its zone, the ids the cloud assigned its resources). Any other
 * difference splits the group, so a group never hides a value (an address, a size) of one tenant.
 * The cloud preview's report never reads property values (`changes.ts`), so there groups compare
 * fields only. Disruption warnings, policy findings and notes are not part of the identity: the
 * group lists each one once, with the tenants it concerns. Tenants that failed (or did not run),
 * tenants with errors, and tenants without changes (no steps, no errors, no mandatory finding) are
 * never grouped.
 */
import { hasChanges, type ChangeKind, type PolicyFinding, type ResourceChange } from "./changes";
import type { TenantReport } from "./report";

/** What stands for the tenant's id in a name, value or message shared by several tenants. */
export const TENANT_PLACEHOLDER = "{tenant}";

/** One changed field of a grouped step with the values every tenant of the group has, read relative to the tenant. */
export interface GroupedField {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
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
  /** The tenants' notes (how each was compared), each once. */
  readonly notes: readonly SharedText[];
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

/**
 * `text` with the tenant id as {@link TENANT_PLACEHOLDER} where it starts a name: the components
 * prefix every name with `<id>-`, so the id is replaced where no letter, digit or hyphen comes
 * before it and none of letters or digits after (tenant `web`: `web-web` reads `{tenant}-web`).
 */
export function relativeToTenant(text: string, tenant: string): string {
  return text.replace(new RegExp(`(?<![a-z0-9-])${escapeRegExp(tenant)}(?![a-z0-9])`, "g"), TENANT_PLACEHOLDER);
}

/** `text` with the tenant's own values (longest first), then its id, read relative to it. */
function relativeText(text: string, tenant: TenantReport): string {
  let out = text;
  for (const own of [...(tenant.ownValues ?? [])].sort((a, b) => b.value.length - a.value.length)) {
    out = out.replace(new RegExp(`(?<![A-Za-z0-9_-])${escapeRegExp(own.value)}(?![A-Za-z0-9_-])`, "g"), own.placeholder);
  }
  return relativeToTenant(out, tenant.tenant);
}

/** A value with the tenant's own values and id replaced in every string it holds. */
function relativeValue(value: unknown, tenant: TenantReport): unknown {
  if (typeof value === "string") return relativeText(value, tenant);
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

/** The groupable tenants: ran, and changed something. */
function canGroup(tenant: TenantReport): boolean {
  return tenant.status !== "failed" && tenant.status !== "interrupted" && tenant.status !== "not-started";
}

/** A tenant's identity: its steps with their values read relative to it. */
function signature(tenant: TenantReport): string {
  // Sorted, so the order the report lists a tenant's changes in (by URN) cannot tell tenants apart.
  return JSON.stringify(tenant.changes.resources.map((change) => {
    const values = (change.values ?? []).map((value) => [value.field, identity(relativeValue(value.before, tenant)), identity(relativeValue(value.after, tenant))]);
    return JSON.stringify([stepShape(change, tenant.tenant), values]);
  }).sort());
}

/** The texts of a group's tenants, each once with the tenants that report it. */
function sharedTexts<T>(tenants: readonly TenantReport[], items: (tenant: TenantReport) => readonly T[], text: (item: T) => string): (SharedText & { item: T })[] {
  const byText = new Map<string, SharedText & { item: T; tenants: string[] }>();
  for (const tenant of tenants) {
    for (const item of items(tenant)) {
      const relative = relativeText(text(item), tenant);
      const known = byText.get(relative);
      if (known) {
        if (!known.tenants.includes(tenant.tenant)) known.tenants.push(tenant.tenant);
      } else byText.set(relative, { text: relative, tenants: [tenant.tenant], item });
    }
  }
  return [...byText.values()];
}

/** The steps of a group, from its first tenant (every tenant's read the same relative to it). */
function groupedSteps(first: TenantReport): GroupedStep[] {
  return first.changes.resources.map((change) => {
    const fields = (change.values ?? []).map((value): GroupedField => ({ field: value.field, before: relativeValue(value.before, first), after: relativeValue(value.after, first) }));
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
  const bySignature = new Map<string, TenantReport[]>();
  for (const tenant of changed) {
    // A tenant with errors (a drift check that drifted and failed) is shown on its own, errors in full.
    const key = tenant.changes.errors.length > 0 ? `errors of ${tenant.tenant}` : signature(tenant);
    bySignature.set(key, [...(bySignature.get(key) ?? []), tenant]);
  }
  const sets = [...bySignature.values()];
  const groups = sets.filter((set) => set.length > 1).sort((a, b) => b.length - a.length).map((members): ChangeGroup => ({
    tenants: members,
    steps: groupedSteps(members[0]!),
    warnings: sharedTexts(members, (t) => t.changes.warnings ?? [], (w) => w).map(({ text, tenants: ids }) => ({ text, tenants: ids })),
    policies: sharedTexts(members, (t) => t.changes.policies, (p) => `${p.level}\u0000${p.policy}\u0000${p.urn ? p.urn.split("::").pop() : ""}\u0000${p.message}`)
      .map(({ tenants: ids, item }) => ({ text: relativeToTenant(`${item.urn ? `on ${item.urn.split("::").pop()}: ` : ""}${item.message}`, ids[0]!), tenants: ids, level: item.level, policy: item.policy })),
    notes: sharedTexts(members, (t) => t.notes ?? [], (n) => n).map(({ text, tenants: ids }) => ({ text, tenants: ids })),
  }));
  const outliers = changed.filter((t) => sets.some((set) => set.length === 1 && set[0] === t));
  return { groups, outliers, failed, unchanged };
}
