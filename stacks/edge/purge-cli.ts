/**
 * `npm run purge -- <tenant id | path/to/tenant.yaml> [--zone-id <id>] [--file <url>]...`
 *
 * Purges a tenant's Cloudflare cache (everything, or the given URLs). The zone id comes from
 * --zone-id (the stack output `zoneId`, which the fleet driver passes after a deploy) or from the
 * tenant file's edge.zoneId. The token comes from CLOUDFLARE_API_TOKEN.
 */
import * as path from "node:path";
import { parseCommandLine, type Io } from "../command-line";
import { loadTenantFile } from "../spec/load-tenant";
import { formatIssues } from "../spec/spec-issue";
import { purgeCache, PurgeError } from "./purge-cache";

const USAGE = "usage: npm run purge -- <tenant id | path/to/tenant.yaml> [--zone-id <id>] [--file <url>]... [--dir <folder>]";

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const parsed = parseCommandLine(argv, { "zone-id": { type: "string" }, file: { type: "string", multiple: true }, dir: { type: "string" } }, USAGE, io);
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
  try {
    await purgeCache({ zoneId, apiToken: env["CLOUDFLARE_API_TOKEN"] ?? "", files: values.file, apiBase: env["CLOUDFLARE_API_BASE"] });
  } catch (error) {
    if (error instanceof PurgeError) {
      io.err(`${loaded.tenant.spec.id}: ${error.message}`);
      return 1;
    }
    throw error;
  }
  io.out(`${loaded.tenant.spec.id}: purged ${values.file?.length ? `${values.file.length} URL(s)` : "everything"} from zone ${zoneId}`);
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
