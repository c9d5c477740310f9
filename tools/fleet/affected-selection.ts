/**
 * The tenants a change since a git revision affects, exchange links included: what
 * `npm run fleet -- … --changed-since <ref>` runs and `npm run plan -- --all --affected --base
 * <ref>` plans.
 */
import * as path from "node:path";
import { affectedTenants, changedFiles, uncommittedFiles } from "./affected-tenants";
import { basePartners, headPartners, withExchangeDependents, type PartnerLists } from "./exchange-dependents";

/** The selection, with why each tenant is in it. */
export interface AffectedSelection {
  /** True when shared code changed: every tenant. */
  readonly all: boolean;
  /** The selected tenants among `known` (every known tenant when `all`), sorted. */
  readonly tenants: string[];
  /** Tenants whose file was deleted since `ref` (offboardings), sorted. */
  readonly deleted: string[];
  /** One line per deciding file and per tenant added through an exchange. */
  readonly reasons: string[];
}

/**
 * Tenants of `known` affected by the commits since `ref` in the repository at `cwd` (tenant files in
 * `tenantsDir`, relative to `cwd`). `partners` are the fleet's partner lists now, when the caller
 * has loaded the fleet already (default: read from the files). With `uncommitted`, changes not
 * yet committed count too (a local plan); a deploy counts commits only. Throws `GitDiffError`
 * when git cannot answer.
 */
export function affectedSince(ref: string, cwd: string, tenantsDir: string, known: readonly string[], partners?: PartnerLists, options: { uncommitted?: boolean } = {}): AffectedSelection {
  // A file both committed since `ref` and changed again since counts once, as it is now.
  const changes = new Map([...changedFiles(ref, cwd), ...(options.uncommitted ? uncommittedFiles(cwd) : [])].map((change) => [change.path, change]));
  const affected = affectedTenants([...changes.values()]);
  if (affected.all) return { all: true, tenants: [...known].sort(), deleted: [...affected.deleted], reasons: [...affected.reasons] };
  const selected = affected.tenants.filter((id) => known.includes(id));
  if (selected.length === 0) return { all: false, tenants: [], deleted: [...affected.deleted], reasons: [...affected.reasons] };
  const dir = path.resolve(cwd, tenantsDir);
  const linked = withExchangeDependents(selected, partners ?? headPartners(dir), basePartners(ref, dir, selected), known);
  return { all: false, tenants: linked.tenants, deleted: [...affected.deleted], reasons: [...affected.reasons, ...linked.reasons] };
}
