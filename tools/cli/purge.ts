/**
 * `npm run purge -- <tenant id | path/to/tenant.yaml> [--zone-id <id>] [--file <url>]... [--everything]`
 *
 * Purges a tenant's Cloudflare cache: its own host names (web hostnames and media) by default, so
 * other tenants sharing the zone keep theirs; the given URLs; or with --everything the whole zone.
 * Wildcard hostnames cannot be purged by name: the whole zone is purged when it is the tenant's
 * alone, otherwise the exact names are and a warning names the wildcards. The zone id comes from
 * --zone-id (the stack output `zoneId`, which the fleet driver passes after a deploy) or from the
 * tenant file's edge.zoneId. The token comes from CLOUDFLARE_API_TOKEN.
 */
import * as path from "node:path";
import { parseCommandLine, runCommand, type Io } from "../command-line";
import { listTenantFiles, loadFleet } from "../../tenant-schema/tenant-files";
import { purgeCache, PurgeError } from "../purge-cache";
import { tenantZone } from "../tenant-zone";
import { qualifyHostname } from "../../tenant-schema/sections/edge";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";

/** The host names a tenant serves through Cloudflare, split into exact names and wildcards. */
export interface TenantHosts {
  /** Web hostnames and the media hostname, fully qualified. */
  readonly exact: string[];
  /** Wildcard hostnames (`*.eu.acme.example`): a host purge cannot name the hosts they serve. */
  readonly wildcards: string[];
}

export function tenantHosts(spec: TenantSpec): TenantHosts {
  const names = [...spec.edge.hostnames, ...(spec.media ? [spec.media.hostname] : [])];
  const all = [...new Set(names.map((name) => qualifyHostname(name, spec.edge.zone)))].sort();
  return { exact: all.filter((host) => !host.includes("*")), wildcards: all.filter((host) => host.includes("*")) };
}

/** True when no other tenant file of `dir` uses the tenant's zone (so purging the zone purges only it). */
function soleTenantOfZone(spec: TenantSpec, dir: string): boolean {
  return loadFleet(listTenantFiles(dir)).tenants.every((other) => other.spec.id === spec.id || other.spec.edge.zone !== spec.edge.zone);
}

const USAGE = "usage: npm run purge -- <tenant id | path/to/tenant.yaml> [--zone-id <id>] [--file <url>]... [--everything] [--dir <folder>]";

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const parsed = parseCommandLine(argv, { "zone-id": { type: "string" }, file: { type: "string", multiple: true }, everything: { type: "boolean" }, dir: { type: "string" } }, USAGE, io);
  if ("exit" in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const target = tenantZone(positionals, values, USAGE, io);
  if ("exit" in target) return target.exit;
  const { file, zoneId } = target;
  if (values.everything && values.file?.length) {
    io.err(`--everything and --file contradict each other\n${USAGE}`);
    return 2;
  }
  const spec = target.tenant.spec;
  let hosts: string[] | undefined;
  let everything = values.everything ?? false;
  if (!everything && !values.file?.length) {
    const { exact, wildcards } = tenantHosts(spec);
    if (wildcards.length === 0) hosts = exact;
    else if (soleTenantOfZone(spec, path.dirname(file))) everything = true; // the zone is the tenant's alone
    else {
      hosts = exact;
      io.err(`${spec.id}: ${wildcards.join(", ")} cannot be purged by host name and the zone is shared; purge those URLs with --file`);
    }
  }
  try {
    await purgeCache({ zoneId, apiToken: env["CLOUDFLARE_API_TOKEN"] ?? "", files: values.file, hosts: everything ? undefined : hosts, apiBase: env["CLOUDFLARE_API_BASE"] });
  } catch (error) {
    if (error instanceof PurgeError) {
      io.err(`${spec.id}: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const what = values.file?.length ? `${values.file.length} URL(s)` : !everything && hosts ? hosts.join(", ") : "everything";
  io.out(`${spec.id}: purged ${what} from zone ${zoneId}`);
  return 0;
}

if (require.main === module) runCommand("purge", (argv, io) => main(argv, process.env, io));
