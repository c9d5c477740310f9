/**
 * `npm run tenant:new -- <id> --domain <domain> [--region <region>] [--backup-region <region>]
 *   [--account <cloudflare account id> | --zone-id <cloudflare zone id>] [--cidr <block>]
 *   [--preset small|medium|large] [--dir <folder>]`
 *
 * Scaffolds a valid tenant file (validated before it is written, fleet checks included) and the
 * stack's config file. Refuses to overwrite anything.
 */
import { existsSync, lstatSync, readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { z } from "zod";
import { formatCidr, overlaps, parseCidr } from "../../components/network/cidr";
import { EXIT, EXIT_CODES_HELP, parseCommandLine, runCommand, type Io } from "../command-line";
import { parseTenant } from "../../tenant-schema/load-tenant";
import { messageFor } from "../../tenant-schema/messages";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { PRESET_NAMES, PRESETS, type PresetName } from "../../tenant-schema/presets";
import { isCommercialRegion, usableZoneCount } from "../../components/shared/aws-catalog";

/** The region a new tenant runs in without --region. */
const DEFAULT_REGION = "eu-central-1";
import { awsSection } from "../../tenant-schema/sections/aws";
import { edgeSection } from "../../tenant-schema/sections/edge";
import { networkSection } from "../../tenant-schema/sections/network";
import { TENANT_ID } from "../../tenant-schema/tenant-schema";
import { reservedTenantIdProblem } from "../../tenant-schema/reserved-tenant-ids";
import { fleetConflicts, listTenantFiles, loadFleet } from "../../tenant-schema/tenant-files";
import type { LoadedTenant } from "../../tenant-schema/load-tenant";

const USAGE = `usage: npm run tenant:new -- <id> --domain <domain> [--region eu-central-1] [--backup-region eu-west-1] [--account <id> | --zone-id <id>] [--cidr <block; default: the first 10.x.0.0/16 no tenant uses>] [--preset small|medium|large] [--dir tenants]

${EXIT_CODES_HELP}`;

/** Each flag that becomes a value of the tenant file, with the schema field that checks it. */
const FLAG_FIELDS: readonly (readonly [flag: string, field: z.ZodType])[] = [
  ["domain", edgeSection.shape.zone],
  ["region", awsSection.shape.region],
  ["backup-region", awsSection.shape.region],
  ["account", edgeSection.shape.accountId.unwrap()],
  ["zone-id", edgeSection.shape.zoneId.unwrap()],
  ["cidr", networkSection.shape.cidr],
];

/** One line per flag whose value the tenant file would refuse: `--account 123: must be …`. */
function flagProblems(values: Record<string, string | undefined>): string[] {
  return FLAG_FIELDS.flatMap(([flag, field]) => {
    const value = values[flag];
    if (value === undefined) return [];
    const parsed = field.safeParse(value, { error: (issue) => messageFor(issue) });
    return parsed.success ? [] : [`--${flag} ${value}: ${parsed.error.issues[0]!.message}`];
  });
}

/**
 * The first /16 of 10.20.0.0 to 10.255.0.0 that overlaps no tenant's VPC block, so that a new
 * tenant never shares addresses with another (peering, VPN or a later merge stay possible).
 */
export function freeVpcBlock(fleet: readonly LoadedTenant[]): string | undefined {
  const taken = fleet.map((tenant) => parseCidr(tenant.spec.network.cidr));
  for (let second = 20; second <= 255; second++) {
    const candidate = parseCidr(`10.${second}.0.0/16`);
    if (!taken.some((block) => overlaps(block, candidate))) return formatCidr(candidate);
  }
  return undefined;
}

/**
 * One line per flag whose value is wrong next to another flag's: the backup region must differ
 * from the region (aws.backupRegion), and a preset may not ask for more zones than an account has
 * in the region (network.zones).
 */
function combinationProblems(values: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const region = values.region ?? DEFAULT_REGION;
  const backupRegion = values["backup-region"];
  if (backupRegion !== undefined && backupRegion === region) {
    problems.push(`--backup-region ${backupRegion}: must differ from --region (${region}): off-site copies need another region`);
  }
  const preset = (PRESET_NAMES as readonly string[]).includes(values.preset ?? "") ? PRESETS[values.preset as PresetName] : undefined;
  const zones = (preset?.["network"] as { zones?: number } | undefined)?.zones;
  if (zones !== undefined && isCommercialRegion(region) && zones > usableZoneCount(region)) {
    const fitting = PRESET_NAMES.filter((name) => ((PRESETS[name]["network"] as { zones: number }).zones <= usableZoneCount(region)));
    problems.push(`--preset ${values.preset}: spans ${zones} zones, but an account has ${usableZoneCount(region)} in ${region}; choose ${fitting.join(" or ")}`);
  }
  return problems;
}

/** "tenant <id> (<file>, <block>)" for each tenant of the fleet whose VPC block overlaps `cidr`. */
function blockOwners(cidr: string, fleet: readonly LoadedTenant[]): string[] {
  const block = parseCidr(cidr);
  return fleet
    .filter((tenant) => overlaps(parseCidr(tenant.spec.network.cidr), block))
    .map((tenant) => `tenant ${tenant.spec.id}'s block ${tenant.spec.network.cidr} (${tenant.file})`);
}

/** Entries of the tenant folder that already stand for tenant `id` (`id.yaml`, `id.yml`, a link…). */
function existingEntries(dir: string, id: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name === id || name.replace(/\.[^.]*$/, "").toLowerCase() === id).map((name) => path.join(dir, name));
}

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
    image: ghcr.io/${o.id}/site:1.0.0   # your application's image, pinned to a release tag or an @sha256 digest
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

/**
 * The stack's config file: the folder its program reads the tenant file from (`tenantsDir`,
 * relative to the project folder, with forward slashes; default `tenants`), and where the
 * Cloudflare token goes.
 */
export function renderStackConfig(id: string, tenantsDir = "tenants"): string {
  return `# Stack ${id} (${tenantsDir}/${id}.yaml). Set the Cloudflare token as a secret:
#   pulumi config set --secret cloudflareApiToken --stack ${id}
# or export CLOUDFLARE_API_TOKEN when deploying.
config:
  tenant-platform:tenantsDir: ${/^[\w./-]+$/.test(tenantsDir) ? tenantsDir : JSON.stringify(tenantsDir)}
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
    return EXIT.usage;
  }
  const id = positionals[0]!;
  const problems = [
    ...(TENANT_ID.test(id) ? [] : [`"${id}" is not a valid tenant id: 3–28 lowercase letters, digits or single hyphens, starting with a letter and not ending with a hyphen`]),
    ...[reservedTenantIdProblem(id)].filter((problem) => problem !== undefined),
    ...flagProblems(values),
    ...(values.preset !== undefined && !(PRESET_NAMES as readonly string[]).includes(values.preset) ? [`--preset ${values.preset} is not a preset; choose ${PRESET_NAMES.join(", ")}`] : []),
  ];
  problems.push(...combinationProblems(values));
  if (problems.length > 0) {
    io.err(`${problems.join("\n")}\nnothing written\n${USAGE}`);
    return EXIT.usage;
  }
  const dir = values.dir ?? path.join(projectDir, "tenants");
  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) {
    io.err(`${values.dir ? `--dir ${dir}` : dir}: is not a folder; it names the tenant folder\nnothing written`);
    return EXIT.usage;
  }
  const file = path.join(dir, `${id}.yaml`);
  const stackConfig = path.join(projectDir, `Pulumi.${id}.yaml`);
  const existing = [...existingEntries(dir, id), ...(exists(stackConfig) ? [stackConfig] : [])];
  if (existing.length > 0) {
    io.err(`tenant ${id} exists already (${existing.join(", ")}); nothing written`);
    return EXIT.refused;
  }
  const fleet = loadFleet(existsSync(dir) ? listTenantFiles(dir) : []).tenants;
  const taken = values.cidr === undefined ? [] : blockOwners(values.cidr, fleet);
  if (taken.length > 0) {
    io.err(`${taken.map((owner) => `--cidr ${values.cidr}: overlaps ${owner}`).join("\n")}; tenants' blocks stay apart (peering, VPN or a later merge), so choose another block or leave --cidr out to get a free one\nnothing written`);
    return EXIT.usage;
  }
  const cidr = values.cidr ?? freeVpcBlock(fleet);
  if (!cidr) {
    io.err("every 10.x.0.0/16 block from 10.20 up is used by a tenant; choose one with --cidr\nnothing written");
    return EXIT.refused;
  }
  const text = renderTenantFile({
    id,
    domain: values.domain,
    region: values.region ?? DEFAULT_REGION,
    backupRegion: values["backup-region"] ?? (values.region === "eu-west-1" ? "eu-central-1" : "eu-west-1"),
    cloudflare: values.account ? { accountId: values.account } : { zoneId: values["zone-id"]! },
    cidr,
    preset: values.preset as PresetName | undefined,
  });
  // Validate before writing anything: the file on its own, then against the fleet.
  const result = parseTenant(file, Buffer.from(text));
  if (!result.ok) {
    io.err(`${formatIssues(result.issues)}\nnothing written`);
    return EXIT.refused;
  }
  const conflicts = fleetConflicts(result.tenant, fleet);
  if (conflicts.length > 0) {
    io.err(`${formatIssues(conflicts)}\nnothing written`);
    return EXIT.refused;
  }
  writeFileSync(file, text, { flag: "wx" });
  // The stack must read the file from where it was written (the program reads <tenantsDir>/<id>.yaml).
  writeFileSync(stackConfig, renderStackConfig(id, path.relative(path.resolve(projectDir), path.resolve(dir)).split(path.sep).join("/") || "."), { flag: "wx" });
  io.out(`wrote ${file} (VPC block ${cidr}) and ${stackConfig}; next: edit the file, then npm run plan -- ${id}`);
  return EXIT.ok;
}

/** True when anything (a file, a folder, even a dangling link) is at `file`. */
function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

if (require.main === module) runCommand("tenant:new", main);
