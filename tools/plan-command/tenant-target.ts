/** The tenant file a plan command names and the fleet it is checked and planned with. */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { CommandError, type Io } from "../command-line";
import type { LoadedTenant } from "../../tenant-schema/load-tenant";
import { tenantIdOf } from "../../tenant-schema/load-tenant";
import { sampleHint } from "../../tenant-schema/samples";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { listTenantIds, loadFleet, scanTenantFolder } from "../../tenant-schema/tenant-files";
import { isPathTarget } from "./check-outputs";

/** The tenant file a command-line target names: an id in `dir`, or a path to a .yaml file. */
export function targetFile(target: string, dir: string): string {
  if (isPathTarget(target)) return target;
  const file = path.join(dir, `${target}.yaml`);
  if (!existsSync(file)) {
    const known = listTenantIds(dir);
    throw new CommandError(`no tenant "${target}" in ${dir}/; known tenants: ${known.length > 0 ? known.join(", ") : "none"}.${sampleHint(target, dir)}`, 1);
  }
  return file;
}

/**
 * The other tenants of the fleet in the tenant folder `dir` that `tenant` is checked and planned
 * with. A file outside the folder is a new version of the tenant of its id there (if any), and
 * the output says which fleet it was checked against. Entries of the folder that are not tenant
 * files are errors; other tenants' invalid files are named, since their hostnames and zones
 * cannot be checked.
 */
export function fleetAround(tenant: LoadedTenant, dir: string, io: Io): LoadedTenant[] {
  if (!existsSync(dir)) {
    io.out(`fleet: no tenant folder ${dir}/; ${tenant.file} was checked against no other tenant`);
    return [];
  }
  const scan = scanTenantFolder(dir);
  if (scan.issues.length > 0) throw new CommandError(`${formatIssues(scan.issues)}\nnothing planned: the tenant folder holds entries that are not tenant files`, 1);
  const inFolder = path.resolve(path.dirname(tenant.file)) === path.resolve(dir);
  const others = scan.files.filter((f) => tenantIdOf(f) !== tenant.spec.id);
  const fleet = loadFleet(others);
  if (fleet.invalidIds.length > 0) {
    io.err(`warning: fleet: not checked against ${fleet.invalidIds.join(", ")} (their files have errors; npm run plan -- --all lists them)`);
  }
  if (!inFolder) {
    const replaces = scan.files.length > others.length ? `, in place of ${path.join(dir, `${tenant.spec.id}.yaml`)}` : "";
    io.out(`fleet: ${tenant.file} was checked against the ${fleet.tenants.length} other tenants in ${dir}/${replaces}`);
  }
  return fleet.tenants;
}

