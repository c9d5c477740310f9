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
import { parseCommandLine, runCommand, type Io } from "../command-line";
import { cloudflarePlanReport } from "../../tenant-schema/rules/plan-features";
import { CloudflareApi, CloudflareApiError } from "../../program/edge-preflight/cloudflare-api";
import { edgePreflight, formatPreflight } from "../../program/edge-preflight/edge-preflight";
import { tenantZone } from "../tenant-zone";

const USAGE = "usage: npm run edge:preflight -- <tenant id | path/to/tenant.yaml> [--zone-id <id>] [--dir <folder>] [--json]";

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const parsed = parseCommandLine(argv, { "zone-id": { type: "string" }, dir: { type: "string" }, json: { type: "boolean" } }, USAGE, io);
  if ("exit" in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const target = tenantZone(positionals, values, USAGE, io);
  if ("exit" in target) return target.exit;
  const { tenant, zoneId } = target;
  const spec = tenant.spec;
  const token = env["CLOUDFLARE_API_TOKEN"] ?? "";
  if (!token) {
    io.err("no API token: set CLOUDFLARE_API_TOKEN to a token that can read the zone");
    return 2;
  }
  try {
    const result = await edgePreflight(new CloudflareApi({ token, baseUrl: env["CLOUDFLARE_API_BASE"] }), spec, zoneId);
    if (values.json) {
      io.out(JSON.stringify({ tenant: spec.id, zoneId, blocking: result.blocking, notes: result.notes, adoptRecords: result.adoptRecords, adoptRulesets: result.adoptRulesets, adoptWebRecords: result.adoptWebRecords, features: cloudflarePlanReport(spec).features }, null, 2));
    } else {
      for (const note of result.notes) io.out(`${spec.id}: ${note}`);
      for (const [key, id] of Object.entries(result.adoptRecords)) io.out(`${spec.id}: adopts ${key} (import ${id})`);
      for (const [host, web] of Object.entries(result.adoptWebRecords)) {
        io.out(`${spec.id}: keeps ${host} as it is until the cutover: CNAME ${web.content}, ${web.proxied ? "proxied" : `DNS only, TTL ${web.ttl}`} (import ${web.importId})`);
      }
      for (const [phase, ruleset] of Object.entries(result.adoptRulesets)) io.out(`${spec.id}: adopts the ${phase} entry point "${ruleset.name}" (import zones/${zoneId}/${ruleset.id})`);
      if (result.blocking.length > 0) io.err(formatPreflight(tenant, result));
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

if (require.main === module) runCommand("edge:preflight", (argv, io) => main(argv, process.env, io));
