/**
 * A generated fleet of tenant reports as an offline plan against a base makes them: every tenant
 * the same four updates (a launch template's type, the group's new template version, the
 * database's class, the web record's comment), with values of its own where a real fleet has them
 * (the template's id, the hostname in its zone), named as its own (`ownValues`) as the offline
 * report names them, and the disruption warnings they bring.
 */
import type { ResourceChange, TenantChanges } from "../../../tools/fleet/changes";
import type { OwnValue, TenantReport } from "../../../tools/fleet/report";
import type { FieldChange } from "../../../tools/plan/update-simulation";

/** `t000`, `t001`, …: ids in the order generated. */
export const idOf = (index: number): string => `t${String(index).padStart(3, "0")}`;

function change(tenant: string, kind: ResourceChange["kind"], type: string, name: string, stateful: boolean, values: FieldChange[], protect = false): ResourceChange {
  return { urn: `urn:pulumi:${tenant}::tenant-platform::${type}::${name}`, type, name, kind, stateful, protect, keys: values.map((v) => v.field), values };
}

/** The id the cloud gave the `index`-th tenant's launch template. */
const templateIdOf = (index: number): string => `lt-${(0x1000_0000 + index * 7919).toString(16)}a7c42`;

/** The zone of the `index`-th tenant. */
const zoneOf = (index: number): string => `shop-${index}.example`;

/** The values that are the `index`-th tenant's own, as `OfflineFleetReport` lists them (`own-values.ts`). */
export function ownValues(index: number): OwnValue[] {
  return [{ value: zoneOf(index), placeholder: "{zone}" }, { value: templateIdOf(index), placeholder: "{id of LaunchTemplate {tenant}-web}" }];
}

/** The four updates of the shared change, for one tenant (its own template id and hostname). */
export function sharedUpdates(tenant: string, index: number): ResourceChange[] {
  const templateId = templateIdOf(index);
  return [
    change(tenant, "update", "aws:rds/instance:Instance", `${tenant}-db`, true, [{ field: "instanceClass", before: "db.t4g.medium", after: "db.t4g.large" }], true),
    change(tenant, "update", "aws:autoscaling/group:Group", `${tenant}-web`, false, [{ field: "launchTemplate", before: { id: templateId, version: "1" }, after: "[unknown]" }]),
    change(tenant, "update", "aws:ec2/launchTemplate:LaunchTemplate", `${tenant}-web`, false, [{ field: "instanceType", before: "t4g.small", after: "t4g.medium" }]),
    change(tenant, "update", "cloudflare:index/dnsRecord:DnsRecord", `${tenant}-www`, false, [{ field: "comment", before: `www.${zoneOf(index)}: served by ${tenant}-alb`, after: `www.${zoneOf(index)}: served by ${tenant}-alb (tenant-platform)` }]),
  ];
}

/**
 * A tenant report of these changes (disruption warnings naming the tenant's resources), with the
 * own values of the `index`-th tenant (default: none).
 */
export function tenantReport(tenant: string, resources: ResourceChange[], extra: Partial<TenantChanges> = {}, index?: number): TenantReport {
  const counts: Record<string, number> = { same: 150 };
  for (const r of resources) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  const warnings = [`aws:autoscaling:Group ${tenant}-web: its launch template ${tenant}-web gets a new version (instanceType: "t4g.small" => "t4g.medium"), so pulumi up starts an instance refresh`];
  return {
    tenant,
    status: "succeeded",
    ...(index === undefined ? {} : { ownValues: ownValues(index) }),
    changes: { counts, resources, policies: [], errors: [], warnings, ...extra },
    cost: { before: { min: 300, max: 400, unknownCount: 0 }, after: { min: 420, max: 560, unknownCount: 0 }, currency: "USD" },
  };
}

/** The outlier's replacement: its database's engine changes, which forces a new instance. */
export function engineReplacement(tenant: string): ResourceChange {
  return change(tenant, "replace", "aws:rds/instance:Instance", `${tenant}-db`, true, [{ field: "engine", before: "mysql", after: "postgres" }], true);
}

/**
 * `size` tenants: all but `outlier` share the four updates; the outlier has the other three and
 * its database replaced instead of resized.
 */
export function generatedFleet(size: number, outlier: number): TenantReport[] {
  return Array.from({ length: size }, (_, i) => {
    const id = idOf(i);
    const updates = sharedUpdates(id, i);
    return tenantReport(id, i === outlier ? [engineReplacement(id), ...updates.slice(1)] : updates, {}, i);
  });
}
