/** Finding tenant files in a folder and loading a whole fleet with its fleet-level checks. */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { qualifyHostname } from "./sections/edge";
import { loadTenantFile, tenantFileNameProblem, tenantIdOf, type LoadedTenant } from "./load-tenant";
import type { SpecIssue } from "./spec-issue";

/** Tenant file paths in a folder (every `*.yaml` regular file), sorted by name. */
export function listTenantFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".yaml"))
    .map((entry) => path.join(dir, entry.name))
    .sort();
}

/** The one file besides tenant files a tenant folder holds: the generated editor schema. */
export const SCHEMA_FILE_NAME = "schema.json";

/**
 * The tenant files of a folder, and an issue for every other entry: a tenant folder holds only
 * `<id>.yaml` regular files (and {@link SCHEMA_FILE_NAME}), so a `.yml` file, a symbolic link, a
 * subfolder, a `*.yaml` file whose name is not a tenant id, or a stray file is reported rather
 * than skipped. Hidden entries (names starting with a dot) are left alone.
 */
export function scanTenantFolder(dir: string): { files: string[]; issues: SpecIssue[] } {
  const files: string[] = [];
  const issues: SpecIssue[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    // Hidden entries (.git, .gitkeep, an editor's files) belong to the tools around the folder.
    if (entry.name.startsWith(".")) continue;
    const file = path.join(dir, entry.name);
    const problem = (message: string) => issues.push({ file, line: 1, column: 1, path: "", message });
    const id = entry.name.replace(/\.[^.]*$/, "");
    const nameProblem = entry.name.endsWith(".yaml") ? tenantFileNameProblem(file) : undefined;
    if (entry.isSymbolicLink()) {
      problem(`is a symbolic link; a tenant folder holds tenant files themselves (<id>.yaml), so the file reviewed is the file deployed: replace the link with the file`);
    } else if (entry.isDirectory()) {
      problem(`is a folder; a tenant folder holds only tenant files (<id>.yaml) and ${SCHEMA_FILE_NAME}: move it elsewhere`);
    } else if (!entry.isFile()) {
      problem(`is not a regular file; a tenant folder holds only tenant files (<id>.yaml) and ${SCHEMA_FILE_NAME}`);
    } else if (nameProblem) {
      problem(nameProblem);
    } else if (entry.name.endsWith(".yaml")) {
      files.push(file);
    } else if (entry.name === SCHEMA_FILE_NAME) {
      continue;
    } else if (/\.ya?ml$/i.test(entry.name)) {
      problem(`tenant files end in .yaml (the file name is the tenant id); rename it to ${id}.yaml, or move it out of the tenant folder`);
    } else {
      problem(`is not a tenant file; a tenant folder holds only tenant files (<id>.yaml) and ${SCHEMA_FILE_NAME}: move it elsewhere`);
    }
  }
  return { files, issues };
}

/** Tenant ids found in a folder, for "known tenants" hints. */
export function listTenantIds(dir: string): string[] {
  try {
    return listTenantFiles(dir).map((file) => path.basename(file, ".yaml")).sort();
  } catch {
    return [];
  }
}

export interface FleetLoad {
  readonly tenants: LoadedTenant[];
  readonly issues: SpecIssue[];
  /** Ids of the files that failed validation (their issues are in `issues`). */
  readonly invalidIds: string[];
}

/**
 * Loads the tenant folder `dir`: its entries (see {@link scanTenantFolder}), every tenant file,
 * and the fleet-level checks (`changed` as for {@link fleetIssues}).
 */
export function loadTenantFolder(dir: string, changed?: ReadonlySet<string>): FleetLoad {
  const scan = scanTenantFolder(dir);
  const fleet = loadFleet(scan.files, changed);
  return { ...fleet, issues: [...scan.issues, ...fleet.issues] };
}

/** Loads every given tenant file and runs the fleet-level checks over the valid ones. */
export function loadFleet(files: readonly string[], changed?: ReadonlySet<string>): FleetLoad {
  const tenants: LoadedTenant[] = [];
  const issues: SpecIssue[] = [];
  const invalid: string[] = [];
  for (const file of files) {
    const result = loadTenantFile(file);
    if (result.ok) tenants.push(result.tenant);
    else {
      issues.push(...result.issues);
      invalid.push(tenantIdOf(file));
    }
  }
  issues.push(...fleetIssues(tenants, invalid, changed));
  return { tenants, issues, invalidIds: invalid };
}

/**
 * Issues in `tenant`'s file for each of its hostnames that one of `others` claims too, pointing
 * at the other claim.
 */
export function hostnameConflicts(tenant: LoadedTenant, others: readonly LoadedTenant[]): SpecIssue[] {
  const theirs = new Map<string, { tenant: LoadedTenant; index: number }>();
  for (const other of others) {
    other.spec.edge.hostnames.forEach((hostname, index) => {
      const fqdn = qualifyHostname(hostname, other.spec.edge.zone);
      if (!theirs.has(fqdn)) theirs.set(fqdn, { tenant: other, index });
    });
  }
  return tenant.spec.edge.hostnames.flatMap((hostname, index) => {
    const fqdn = qualifyHostname(hostname, tenant.spec.edge.zone);
    const claim = theirs.get(fqdn);
    if (!claim) return [];
    const at = tenant.positionOf(["edge", "hostnames", index]);
    const there = claim.tenant.positionOf(["edge", "hostnames", claim.index]);
    return [{
      file: tenant.file,
      line: at.line,
      column: at.column,
      path: `edge.hostnames[${index}]`,
      message: `${fqdn} is already claimed by tenant ${claim.tenant.spec.id} (${claim.tenant.file}:${there.line}:${there.column}); a hostname belongs to one tenant`,
    }];
  });
}

/**
 * Issues in `tenant`'s file when its zone is also used by one of `others` in a way Cloudflare
 * cannot serve twice: two tenants creating the zone, or two managing its settings and rules (one
 * entry-point ruleset per zone and phase).
 */
export function zoneConflicts(tenant: LoadedTenant, others: readonly LoadedTenant[]): SpecIssue[] {
  const edge = tenant.spec.edge;
  const issues: SpecIssue[] = [];
  const at = (path: PropertyKey[], message: string) => {
    const position = tenant.positionOf(path);
    issues.push({ file: tenant.file, line: position.line, column: position.column, path: path.join("."), message });
  };
  for (const other of others) {
    if (other.spec.edge.zone !== edge.zone) continue;
    if (tenant.spec.mail && other.spec.mail) {
      at(["mail"], `${edge.zone} already sends mail for tenant ${other.spec.id} (${other.file}); a zone has one SES identity and one DMARC record, so one tenant declares mail`);
    }
    if (!edge.zoneId && !other.spec.edge.zoneId) {
      at(["edge", "zone"], `${edge.zone} is created by tenant ${other.spec.id} (${other.file}) too; one tenant creates a zone, the others name it with zoneId`);
    } else if (edge.manageZone && other.spec.edge.manageZone) {
      at(["edge", "zone"], `${edge.zone} is managed by tenant ${other.spec.id} (${other.file}) too; set manageZone: false in all but one`);
    }
  }
  return issues;
}

/**
 * Issues in `tenant`'s file for exchange partners the fleet cannot serve: unknown tenants (naming
 * the known ones), the tenant itself, partners without an account id (grants name accounts) or
 * without app roles (no web section).
 */
export function exchangeIssues(tenant: LoadedTenant, others: readonly LoadedTenant[], invalidIds: readonly string[] = []): SpecIssue[] {
  const partners = tenant.spec.exchange?.partners ?? [];
  const byId = new Map(others.map((other) => [other.spec.id, other]));
  return partners.flatMap((partner, index) => {
    const keyPath = ["exchange", "partners", index];
    const at = tenant.positionOf(keyPath);
    const issue = (message: string): SpecIssue[] => [{ file: tenant.file, line: at.line, column: at.column, path: `exchange.partners[${index}]`, message }];
    if (partner === tenant.spec.id) return issue(`"${partner}" is this tenant; partners are other tenants of the fleet`);
    const other = byId.get(partner);
    if (!other && invalidIds.includes(partner)) return issue(`tenant ${partner}'s file has errors (listed with it); fix it before exchanging with it`);
    if (!other) {
      const known = [...byId.keys()].sort();
      return issue(`"${partner}" is not a tenant of the fleet; known tenants: ${known.length > 0 ? known.join(", ") : "none"}`);
    }
    if (!other.spec.aws.accountId) return issue(`tenant ${partner} (${other.file}) has no aws.accountId; the grant names the partner's account, so set it there`);
    if (!other.spec.web) return issue(`tenant ${partner} (${other.file}) has no web section, so no app role to grant`);
    return [];
  });
}

/**
 * Issues in `tenant`'s file when its instances could not reach a partner's export bucket: with
 * `network.nat: none` they reach S3 only through the VPC's S3 gateway endpoint, which serves
 * buckets in the VPC's own region alone (AWS PrivateLink guide, "Gateway endpoints for Amazon S3":
 * "A gateway endpoint is available only in the Region where you created it. Be sure to create
 * your gateway endpoint in the same Region as your S3 buckets"), so an exporter in another region
 * is out of reach.
 */
export function importReachabilityIssues(tenant: LoadedTenant, others: readonly LoadedTenant[]): SpecIssue[] {
  const { spec } = tenant;
  if (spec.network.nat !== "none" || !spec.web) return [];
  return others
    .filter((other) => (other.spec.exchange?.partners ?? []).includes(spec.id) && other.spec.aws.region !== spec.aws.region)
    .sort((a, b) => a.spec.id.localeCompare(b.spec.id))
    .map((exporter) => {
      const at = tenant.positionOf(["network", "nat"]);
      return {
        file: tenant.file,
        line: at.line,
        column: at.column,
        path: "network.nat",
        message: `is none, but tenant ${exporter.spec.id} (${exporter.file}) shares its export bucket in ${exporter.spec.aws.region} with this tenant; without NAT the instances reach S3 only through the gateway endpoint, which serves buckets in ${spec.aws.region} alone. Choose nat single or perZone, or remove this tenant from ${exporter.spec.id}'s exchange.partners`,
      };
    });
}

/**
 * Every issue `tenant` has with the rest of the fleet (`others`: every other tenant): hostnames,
 * zones, exchange partners, as issues in `tenant`'s file.
 */
export function fleetConflicts(tenant: LoadedTenant, others: readonly LoadedTenant[]): SpecIssue[] {
  return [...hostnameConflicts(tenant, others), ...zoneConflicts(tenant, others), ...exchangeIssues(tenant, others), ...importReachabilityIssues(tenant, others)];
}

/**
 * Checks that only a fleet can make: no hostname claimed by two tenants, no zone created or
 * managed twice, and every exchange partner a tenant of the fleet that can be granted. Of two
 * files that clash, the one being added or changed gets the error, pointing at the untouched one:
 * `changed` holds the resolved paths of the files that differ from the revision compared with;
 * between two changed or two untouched files, the later by name.
 */
export function fleetIssues(tenants: readonly LoadedTenant[], invalidIds: readonly string[] = [], changed: ReadonlySet<string> = new Set()): SpecIssue[] {
  const isChanged = (tenant: LoadedTenant) => (changed.has(path.resolve(tenant.file)) ? 1 : 0);
  const sorted = [...tenants].sort((a, b) => isChanged(a) - isChanged(b) || a.file.localeCompare(b.file));
  return sorted.flatMap((tenant, i) => [
    ...hostnameConflicts(tenant, sorted.slice(0, i)),
    ...zoneConflicts(tenant, sorted.slice(0, i)),
    ...exchangeIssues(tenant, sorted.filter((other) => other !== tenant), invalidIds),
    ...importReachabilityIssues(tenant, sorted.filter((other) => other !== tenant)),
  ]);
}
