/**
 * `npm run purge -- <tenant id | path/to/tenant.yaml> [--zone-id <id>] [--file <url>]... [--everything]`
 *
 * Purges a tenant's Cloudflare cache: its own host names (web hostnames and media) by default, so
 * other tenants sharing the zone keep theirs; the given URLs; or with --everything the whole zone. The zone id comes from
 * --zone-id (the stack output `zoneId`, which the fleet driver passes after a deploy) or from the
 * tenant file's edge.zoneId. The token comes from CLOUDFLARE_API_TOKEN.
 */
import * as path from "node:path";
import { parseCommandLine, type Io } from "../command-line";
import { loadTenantFile } from "../spec/load-tenant";
import { formatIssues } from "../spec/spec-issue";
import { purgeCache, PurgeError } from "./purge-cache";
import { qualifyHostname } from "../spec/sections/edge";
import type { TenantSpec } from "../spec/tenant-schema";

/** The host names a tenant serves through Cloudflare: its web hostnames and its media hostname. */
export function tenantHosts(spec: TenantSpec): string[] {
  const names = [...spec.edge.hostnames, ...(spec.media ? [spec.media.hostname] : [])];
  return [...new Set(names.map((name) => qualifyHostname(name, spec.edge.zone)))].sort();
}

const USAGE = "usage: npm run purge -- <tenant id | path/to/tenant.yaml> [--zone-id <id>] [--file <url>]... [--everything] [--dir <folder>]";

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const parsed = parseCommandLine(argv, { "zone-id": { type: "string" }, file: { type: "string", multiple: true }, everything: { type: "boolean" }, dir: { type: "string" } }, USAGE, io);
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    io.err(USAGE);
    return 2;
  }
  const target = positionals[0]!;
  const file = target.endsWith(".yaml") ? target : path.join(values.dir ?? "tenants", `${target}.yaml`);
  const loaded = loadTenantFile(file);
  if (!loaded.ok) {
    io.err(formatIssues(loaded.issues));
    return 1;
  }
  const zoneId = values["zone-id"] ?? loaded.tenant.spec.edge.zoneId;
  if (!zoneId) {
    io.err(`${file}: the zone is created by the stack; pass its id with --zone-id (stack output zoneId)`);
    return 2;
  }
  if (values.everything && values.file?.length) {
    io.err(`--everything and --file contradict each other\n${USAGE}`);
    return 2;
  }
  const spec = loaded.tenant.spec;
  const hosts = values.everything || values.file?.length ? undefined : tenantHosts(spec);
  try {
    await purgeCache({ zoneId, apiToken: env["CLOUDFLARE_API_TOKEN"] ?? "", files: values.file, hosts, apiBase: env["CLOUDFLARE_API_BASE"] });
  } catch (error) {
    if (error instanceof PurgeError) {
      io.err(`${loaded.tenant.spec.id}: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const what = values.file?.length ? `${values.file.length} URL(s)` : hosts ? hosts.join(", ") : "everything";
  io.out(`${loaded.tenant.spec.id}: purged ${what} from zone ${zoneId}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, { out: (t) => console.log(t), err: (t) => console.error(t) }).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      console.error("internal error (please report):", error);
      process.exitCode = 70;
    },
  );
}
