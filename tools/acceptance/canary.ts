/**
 * The canary tenant: the tenant file under test, moved into the sandbox (its zone, its own
 * hostname, the smoke image) and validated by the platform's own schema. Each stage of the run
 * (deploy, restore drill, discarding the restored copy, offboarding) is the canary file with one
 * declared change, as docs/runbooks/restore.md and offboard.md describe them.
 */
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { loadTenantFile, parseTenant } from "../../tenant-schema/load-tenant";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";

/** What the sandbox gives the canary. */
export interface CanarySettings {
  /** The canary's tenant id and stack name (3–28 lowercase letters, digits, hyphens). */
  readonly id: string;
  /** The sandbox Cloudflare zone (`--zone`). */
  readonly zone: string;
  /** The sandbox zone's id (`--zone-id`): the canary uses the zone, never creates it. */
  readonly zoneId: string;
  /** The smoke application image (`--image`), with a tag or digest. */
  readonly image: string;
}

/** The path the canary's WAF rule guards, and the only address it allows (TEST-NET-1, RFC 5737: never a runner's). */
export const ADMIN_PATH = "/admin";
export const ADMIN_ALLOWED = "192.0.2.1/32";
/** The smoke app's liveness path (no I/O: docs/instance-runtime.md, "Health") and its report. */
export const LIVENESS_PATH = "/livez";
export const HEALTH_PATH = "/health";

export class CanaryError extends Error {
  override readonly name = "CanaryError";
}

type Doc = Record<string, unknown>;
const section = (doc: Doc, key: string): Doc | undefined => (doc[key] && typeof doc[key] === "object" ? (doc[key] as Doc) : undefined);

/** The canary document built from a validated tenant file's document. */
function canaryDocument(source: Doc, settings: CanarySettings): Doc {
  const doc = structuredClone(source);
  const aws = section(doc, "aws");
  // The sandbox account is not the production one the file may pin.
  if (aws) {
    delete aws["accountId"];
    delete aws["deployRoleArn"];
  }
  const edge = section(doc, "edge") ?? {};
  const waf = section(edge, "waf") ?? {};
  doc["edge"] = {
    ...edge,
    zone: settings.zone,
    zoneId: settings.zoneId,
    hostnames: [settings.id],
    delegated: true,
    manageZone: true,
    records: [],
    waf: { ...waf, adminPaths: [{ path: ADMIN_PATH, allow: [ADMIN_ALLOWED] }] },
  };
  delete (doc["edge"] as Doc)["accountId"];
  delete (doc["edge"] as Doc)["currentOrigin"];
  const web = section(doc, "web");
  if (!web) throw new CanaryError("has no web section: the acceptance run checks the site from outside, so the tenant file must have one");
  const workers = section(web, "workers");
  const loadBalancer = section(web, "loadBalancer");
  if (loadBalancer) delete loadBalancer["certificateArn"];
  doc["web"] = {
    ...web,
    app: { image: settings.image, port: 8080 },
    healthCheck: { ...section(web, "healthCheck"), path: LIVENESS_PATH },
    ...(workers ? { workers: { ...workers, command: ["node", "src/idle-worker.mjs"] } } : {}),
  };
  const database = section(doc, "database");
  if (database) {
    for (const key of ["generation", "restore", "previous", "discard", "replacement"]) delete database[key];
    // The smoke app opens a connection per check and closes it.
    database["appUsers"] = { ...section(database, "appUsers"), allowOpenSessions: true };
  }
  // A locked vault keeps its recovery points until their retention ends: the run could not clean up.
  const backup = section(doc, "backup");
  if (backup) delete backup["vaultLock"];
  delete doc["offboarding"];
  delete doc["exchange"];
  doc["tags"] = { ...section(doc, "tags"), "acceptance-run": settings.id };
  return doc;
}

/** A stage of the canary: its file's text and the validated spec. */
export interface CanaryFile {
  readonly id: string;
  readonly text: string;
  readonly spec: TenantSpec;
}

function validated(id: string, doc: Doc, stage: string): CanaryFile {
  const text = `# The acceptance run's canary (${stage}); written by npm run acceptance, removed when it ends.\n${stringify(doc)}`;
  const result = parseTenant(`${id}.yaml`, Buffer.from(text));
  if (!result.ok) throw new CanaryError(`the canary (${stage}) is not a valid tenant file:\n${formatIssues(result.issues)}`);
  return { id, text, spec: result.tenant.spec };
}

/** The stages of one canary: each a valid tenant file. */
export interface CanaryStages {
  /** The canary as first deployed. */
  readonly base: CanaryFile;
  /** The restore drill: generation 2 restored from `snapshotArn` next to generation 1, which keeps serving. */
  drill(snapshotArn: string): CanaryFile;
  /** The drill's copy declared discarded (its protection lifted), before going back to generation 1. */
  discard(snapshotArn: string): CanaryFile;
  /** The offboarding deploy: lifts the protection of what runs (docs/runbooks/offboard.md, step 4). */
  readonly offboard: CanaryFile;
}

/** Reads and validates the tenant file, then builds the canary's stages; a bad file throws with every issue. */
export function canaryStages(tenantFile: string, settings: CanarySettings): CanaryStages {
  const loaded = loadTenantFile(tenantFile);
  if (!loaded.ok) throw new CanaryError(formatIssues(loaded.issues));
  const source = parse(readFileSync(tenantFile, "utf8"), { version: "1.2" }) as Doc;
  const baseDoc = (() => {
    try {
      return canaryDocument(source, settings);
    } catch (error) {
      if (error instanceof CanaryError) throw new CanaryError(`${tenantFile}: ${error.message}`);
      throw error;
    }
  })();
  const base = validated(settings.id, baseDoc, "deploy");
  const withDatabase = (extra: Doc, stage: string) => {
    if (!section(baseDoc, "database")) throw new CanaryError(`${tenantFile}: has no database section, so there is nothing to restore`);
    return validated(settings.id, { ...baseDoc, database: { ...section(baseDoc, "database"), ...extra } }, stage);
  };
  const drillExtra = (arn: string) => ({ generation: 2, restore: { snapshot: arn }, previous: { generation: 1, state: "serving" } });
  return {
    base,
    drill: (arn) => withDatabase(drillExtra(arn), "restore drill"),
    discard: (arn) => withDatabase({ ...drillExtra(arn), discard: { reason: "The acceptance run's restore drill is over; its copy is discarded." } }, "discard the drill's copy"),
    offboard: validated(settings.id, { ...baseDoc, offboarding: { reason: "The acceptance run is over; the canary is removed with everything it created." } }, "offboarding"),
  };
}
