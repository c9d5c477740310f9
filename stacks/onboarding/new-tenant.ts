/**
 * `npm run tenant:new -- <id> --domain <domain> [--region <region>] [--backup-region <region>]
 *   [--account <cloudflare account id> | --zone-id <cloudflare zone id>] [--cidr <block>]
 *   [--preset small|medium|large] [--dir <folder>]`
 *
 * Scaffolds a valid tenant file (validated before it is written, fleet checks included) and the
 * stack's config file. Refuses to overwrite anything.
 */
import { existsSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseCommandLine, type Io } from "../command-line";
import { parseTenant } from "../spec/load-tenant";
import { formatIssues } from "../spec/spec-issue";
import { PRESET_NAMES, type PresetName } from "../spec/presets";
import { fleetConflicts, listTenantFiles, loadFleet } from "../spec/tenant-files";

const USAGE = "usage: npm run tenant:new -- <id> --domain <domain> [--region eu-central-1] [--backup-region eu-west-1] [--account <id> | --zone-id <id>] [--cidr 10.20.0.0/16] [--preset small|medium|large] [--dir tenants]";

export interface NewTenantOptions {
  id: string;
  domain: string;
  region: string;
  backupRegion: string;
  cloudflare: { accountId: string } | { zoneId: string };
  cidr: string;
  /** Size preset the file starts from; without one the file spells out a small size. @default none */
  preset?: PresetName;
}

/** The tenant file for the options: a small, safe starting point to edit. */
export function renderTenantFile(o: NewTenantOptions): string {
  const zoneLine = "accountId" in o.cloudflare
    ? `  accountId: ${o.cloudflare.accountId}   # Cloudflare creates the zone; after the cutover set delegated: true`
    : `  zoneId: ${o.cloudflare.zoneId}`;
  const sized = (line: string) => (o.preset ? "" : `${line}\n`);
  return `# yaml-language-server: $schema=./schema.json
# Tenant ${o.id}: created by npm run tenant:new. Edit, then plan with: npm run plan -- ${o.id}
${o.preset ? `preset: ${o.preset}   # sizing of network, web and database; values below override it\n` : ""}aws:
  region: ${o.region}
  backupRegion: ${o.backupRegion}
network:
  cidr: ${o.cidr}
${sized("  zones: 2")}${sized("  nat: single")}edge:
  zone: ${o.domain}
  hostnames: ["@", www]
${zoneLine}
web:
${sized("  instanceType: t4g.small")}  app:
    image: ghcr.io/${o.id}/site:latest   # your application's image
    port: 8080
${sized("  scaling: { min: 2, max: 4 }")}  healthCheck: { path: / }
database:
  engine: mysql
  version: "8.4"
${sized("  instanceClass: db.t4g.medium")}backup: {}
monitoring:
  alertEmails: [ops@${o.domain}]
`;
}

/** The stack's config file: the project config it reads, and where the Cloudflare token goes. */
export function renderStackConfig(id: string): string {
  return `# Stack ${id} (tenants/${id}.yaml). Set the Cloudflare token as a secret:
#   pulumi config set --secret cloudflareApiToken --stack ${id}
# or export CLOUDFLARE_API_TOKEN when deploying.
config:
  tenant-platform:tenantsDir: tenants
`;
}

export function main(argv: readonly string[], io: Io, projectDir = "."): number {
  const parsed = parseCommandLine(argv, {
    domain: { type: "string" },
    region: { type: "string" },
    "backup-region": { type: "string" },
    account: { type: "string" },
    "zone-id": { type: "string" },
    cidr: { type: "string" },
    preset: { type: "string" },
    dir: { type: "string" },
  }, USAGE, io);
  if ("exit" in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || !values.domain || (values.account && values["zone-id"]) || (!values.account && !values["zone-id"])) {
    io.err(`name the tenant, its --domain, and either --account (create the zone) or --zone-id (an existing zone)\n${USAGE}`);
    return 2;
  }
  if (values.preset !== undefined && !(PRESET_NAMES as readonly string[]).includes(values.preset)) {
    io.err(`--preset ${values.preset} is not a preset; choose ${PRESET_NAMES.join(", ")}\n${USAGE}`);
    return 2;
  }
  const id = positionals[0]!;
  const dir = values.dir ?? path.join(projectDir, "tenants");
  const file = path.join(dir, `${id}.yaml`);
  const stackConfig = path.join(projectDir, `Pulumi.${id}.yaml`);
  for (const existing of [file, stackConfig]) {
    if (existsSync(existing)) {
      io.err(`${existing} exists already; nothing written`);
      return 1;
    }
  }
  const text = renderTenantFile({
    id,
    domain: values.domain,
    region: values.region ?? "eu-central-1",
    backupRegion: values["backup-region"] ?? (values.region === "eu-west-1" ? "eu-central-1" : "eu-west-1"),
    cloudflare: values.account ? { accountId: values.account } : { zoneId: values["zone-id"]! },
    cidr: values.cidr ?? "10.20.0.0/16",
    preset: values.preset as PresetName | undefined,
  });
  // Validate before writing anything: the file on its own, then against the fleet.
  const result = parseTenant(file, Buffer.from(text));
  if (!result.ok) {
    io.err(`${formatIssues(result.issues)}\nnothing written`);
    return 1;
  }
  const fleet = loadFleet(existsSync(dir) ? listTenantFiles(dir) : []).tenants;
  const conflicts = fleetConflicts(result.tenant, fleet);
  if (conflicts.length > 0) {
    io.err(`${formatIssues(conflicts)}\nnothing written`);
    return 1;
  }
  writeFileSync(file, text);
  writeFileSync(stackConfig, renderStackConfig(id));
  io.out(`wrote ${file} and ${stackConfig}; next: edit the file, then npm run plan -- ${id}`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), { out: (t) => console.log(t), err: (t) => console.error(t) });
}
