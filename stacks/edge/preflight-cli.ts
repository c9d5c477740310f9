/**
 * `npm run edge:preflight -- <tenant id | path/to/tenant.yaml> [--zone-id <id>] [--dir <folder>] [--json]`
 *
 * Reads the tenant's Cloudflare zone and lists what a deploy would collide with (entry-point
 * rulesets, records), the zone's real plan against `edge.plan`, the zone's status and its edge
 * and origin-pull certificates (docs/runbooks/dns-cutover.md says when to run it). Exit 0 when
 * nothing blocks a deploy, 1 when something does (each line names the field of the tenant file),
 * 2 on a wrong command line. The zone id comes from --zone-id (stack output `zoneId`) or from
 * edge.zoneId; the token from CLOUDFLARE_API_TOKEN (read access), the API from CLOUDFLARE_API_BASE
 * when set.
 */
import * as path from "node:path";
import { parseCommandLine, type Io } from "../command-line";
import { loadTenantFile } from "../spec/load-tenant";
import { formatIssues } from "../spec/spec-issue";
import { edgeFeatures } from "../spec/rules/edge-rules";
import { CloudflareApi, CloudflareApiError } from "./cloudflare-api";
import { edgePreflight, formatPreflight } from "./edge-preflight";

const USAGE = "usage: npm run edge:preflight -- <tenant id | path/to/tenant.yaml> [--zone-id <id>] [--dir <folder>] [--json]";

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const parsed = parseCommandLine(argv, { "zone-id": { type: "string" }, dir: { type: "string" }, json: { type: "boolean" } }, USAGE, io);
  if ("exit" in parsed) return parsed.exit;
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
  const spec = loaded.tenant.spec;
  const zoneId = values["zone-id"] ?? spec.edge.zoneId;
  if (!zoneId) {
    io.err(`${file}: the zone is created by the stack; pass its id with --zone-id (stack output zoneId)`);
    return 2;
  }
  const token = env["CLOUDFLARE_API_TOKEN"] ?? "";
  if (!token) {
    io.err("no API token: set CLOUDFLARE_API_TOKEN to a token that can read the zone");
    return 2;
  }
  try {
    const result = await edgePreflight(new CloudflareApi({ token, baseUrl: env["CLOUDFLARE_API_BASE"] }), spec, zoneId);
    if (values.json) {
      io.out(JSON.stringify({ tenant: spec.id, zoneId, blocking: result.blocking, notes: result.notes, adoptRecords: result.adoptRecords, features: edgeFeatures(spec.edge) }, null, 2));
    } else {
      for (const note of result.notes) io.out(`${spec.id}: ${note}`);
      for (const [key, id] of Object.entries(result.adoptRecords)) io.out(`${spec.id}: adopts ${key} (import ${id})`);
      if (result.blocking.length > 0) io.err(formatPreflight(loaded.tenant, result));
      else io.out(`${spec.id}: nothing on zone ${zoneId} blocks a deploy`);
    }
    return result.blocking.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof CloudflareApiError) {
      io.err(`${spec.id}: ${error.message}`);
      return 1;
    }
    throw error;
  }
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
