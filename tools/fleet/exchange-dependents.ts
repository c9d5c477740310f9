/**
 * Tenants that a change to other tenants' files affects through data exchange. An exchange's
 * grants live on the exporter (naming each partner's account and region) and its read policies
 * on the partners (naming each exporter's bucket), so a changed tenant file also affects:
 *
 * - its partners now and at the base revision (added partners gain a read policy, removed ones
 *   lose it);
 * - the tenants that name it as a partner (their grants name its account and region).
 */
import * as path from "node:path";
import { parse } from "yaml";
import { readAtRevision } from "../../tenant-schema/git-base";
import type { LoadedTenant } from "../../tenant-schema/load-tenant";
import { listTenantFiles, loadFleet } from "../../tenant-schema/tenant-files";

/** Partner lists by tenant id. */
export type PartnerLists = ReadonlyMap<string, readonly string[]>;

/** The selection grown by exchange links, with a reason per added tenant. */
export interface ExchangeExpansion {
  readonly tenants: string[];
  readonly reasons: string[];
}

/**
 * `selected` plus every tenant linked to one of them by an exchange, in `head` (the partner lists
 * now) or `base` (the selected tenants' partner lists at the base revision). Sorted; only tenants
 * in `known` are added.
 */
export function withExchangeDependents(selected: readonly string[], head: PartnerLists, base: PartnerLists, known: readonly string[]): ExchangeExpansion {
  const result = new Set(selected);
  const reasons: string[] = [];
  const add = (id: string, why: string) => {
    if (result.has(id) || !known.includes(id)) return;
    result.add(id);
    reasons.push(`tenant ${id}: ${why}`);
  };
  for (const id of selected) {
    for (const partner of head.get(id) ?? []) add(partner, `partner of ${id}, whose file changed (its read access follows ${id}'s grants)`);
    for (const partner of base.get(id) ?? []) add(partner, `was a partner of ${id} at the base revision (its read access is revoked)`);
    for (const [exporter, partners] of head) {
      if (partners.includes(id)) add(exporter, `names ${id} as a partner (its grants name ${id}'s account and region)`);
    }
  }
  return { tenants: [...result].sort(), reasons };
}

function partnersIn(data: unknown): string[] {
  const exchange = (data as { exchange?: { partners?: unknown } } | null)?.exchange;
  return Array.isArray(exchange?.partners) ? exchange.partners.filter((p): p is string => typeof p === "string") : [];
}

/** Partner lists of loaded tenants, by id. */
export function partnerListsOf(tenants: readonly LoadedTenant[]): Map<string, string[]> {
  return new Map(tenants.map((t) => [t.spec.id, t.spec.exchange?.partners ?? []]));
}

/** Partner lists of the valid tenant files in `dir` now. */
export function headPartners(dir: string): Map<string, string[]> {
  return partnerListsOf(loadFleet(listTenantFiles(dir)).tenants);
}

/**
 * Partner lists of `ids` as their files were at `ref` (read loosely: an old file that no longer
 * validates still tells whom it shared with). Tenants new since `ref` have none.
 */
export function basePartners(ref: string, dir: string, ids: readonly string[]): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const id of ids) {
    const bytes = readAtRevision(ref, path.join(dir, `${id}.yaml`));
    if (!bytes) continue;
    try {
      lists.set(id, partnersIn(parse(bytes.toString("utf8"))));
    } catch {
      lists.set(id, []);
    }
  }
  return lists;
}
