/** Who a tenant exchanges data with, read from the fleet's tenant files. */
import type { ExchangeParty } from "../../components/data-exchange";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";

/** A tenant's exchange links: the partners it exports to, and the tenants that export to it. */
export interface ExchangeLinks {
  /** Partners granted read access to this tenant's export location. */
  readonly exportsTo: ExchangeParty[];
  /** Tenants whose export locations this tenant's app may read. */
  readonly importsFrom: ExchangeParty[];
}

/** The exchange party of a tenant (its account id is required by validation when it exchanges). */
export function partyOf(spec: TenantSpec): ExchangeParty | undefined {
  return spec.aws.accountId ? { tenantId: spec.id, accountId: spec.aws.accountId, region: spec.aws.region } : undefined;
}

/**
 * The links of `spec` within `fleet` (every other tenant). Partners the fleet does not know are
 * left out here: validation has already refused them with the list of known tenants.
 */
export function exchangeLinks(spec: TenantSpec, fleet: readonly TenantSpec[]): ExchangeLinks {
  const byId = new Map(fleet.map((other) => [other.id, other]));
  const exportsTo = (spec.exchange?.partners ?? [])
    .map((id) => byId.get(id))
    .map((other) => (other ? partyOf(other) : undefined))
    .filter((party): party is ExchangeParty => party !== undefined);
  const importsFrom = fleet
    .filter((other) => other.id !== spec.id && (other.exchange?.partners ?? []).includes(spec.id))
    .map(partyOf)
    .filter((party): party is ExchangeParty => party !== undefined)
    .sort((a, b) => a.tenantId.localeCompare(b.tenantId));
  return { exportsTo, importsFrom };
}
