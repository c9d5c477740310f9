/**
 * The edge preflight: what the zone already holds that a deploy of the tenant file would collide
 * with, read through Cloudflare's API before `pulumi up`. Cloudflare refuses a second entry-point
 * ruleset for a phase (error 20217: the provider only creates, v5
 * internal/services/ruleset/resource.go) and a record where a CNAME must stand alone or the same
 * record twice (errors 81053, 81057). Records equal to the file's are adopted (imported); every
 * other collision is listed, with the field of the tenant file it concerns, and blocks the deploy.
 */
import { X509Certificate } from "node:crypto";
import type { AdoptedRuleset, AdoptedWebRecord } from "../../components/edge/args";
import { awaitsCutover, WEB_RECORD_COMMENTS } from "../../components/edge/edge";
import { originPullCaSubject } from "../../components/edge/origin-pulls";
import { filePlanOf, MANAGED_RULESET_PURPOSE, MANAGED_RULESETS, PLAN_LIMITS, PLATFORM_RULESETS, planAdvice } from "../../components/edge/plans";
import { recordImportId, recordKey, txtText } from "../../components/edge/record-key";
import { isPlatformRecord } from "../../components/shared/record-comment";
import type { LoadedTenant } from "../../tenant-schema/load-tenant";
import { qualifyHostname } from "../../tenant-schema/sections/edge";
import { formatIssues, formatPath, type SpecIssue } from "../../tenant-schema/spec-issue";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";
import type { StateRecord } from "../tenant/stack-state";
import { caaFindings } from "./caa-findings";
import { mailFromFindings } from "./mail-from-findings";
import { currentOriginAfterSwitch, webRecordsEditedOutsideStack } from "./rollback-findings";
import { takeoverFindings } from "./zone-takeover";
import type { ApiDnsRecord, ApiOriginPullCertificate, ApiRuleset, ApiRulesetRule, ApiZone, CloudflareApi } from "./cloudflare-api";


/** The field of the tenant file that makes the ruleset of each phase. */
const PHASE_FIELDS: Readonly<Record<string, PropertyKey[]>> = {
  http_request_firewall_managed: ["edge", "waf", "managedRules"],
  http_request_firewall_custom: ["edge", "waf", "adminPaths"],
  http_ratelimit: ["edge", "waf", "rateLimits"],
  http_request_cache_settings: ["edge", "cache"],
};


export interface PreflightFinding {
  /** Key path in the tenant file the finding concerns, e.g. `["edge", "plan"]`. */
  path: PropertyKey[];
  message: string;
}

export interface EdgePreflight {
  zone: ApiZone;
  /** What blocks a deploy, with the field of the tenant file each concerns. */
  blocking: PreflightFinding[];
  /** Facts worth knowing that do not block (certificate statuses). */
  notes: string[];
  /** Records on the zone equal to the file's: `recordKey` → import id, for `EdgeArgs.adoptRecords`. */
  adoptRecords: Record<string, string>;
  /** Entry points of an existing zone the deploy imports: phase → id and name, for `EdgeArgs.adoptRulesets`. */
  adoptRulesets: Record<string, AdoptedRuleset>;
  /** Web hostname records of an existing zone kept as they are while `edge.currentOrigin` is given: hostname → record, for `EdgeArgs.adoptWebRecords`. */
  adoptWebRecords: Record<string, AdoptedWebRecord>;
}

/** What the preflight knows besides the zone and the file. */
export interface PreflightContext {
  /**
   * The ids of the DNS records the stack has in its state (`program/tenant/stack-state.ts`), or
   * undefined when unknown (the stack has not finished a deployment, or the preflight runs from
   * the command line): then the platform's records are known by their marker alone. @default undefined
   */
  readonly stateRecordIds?: ReadonlySet<string>;
  /**
   * The ids of the rulesets the stack has in its state, or undefined when unknown: a ruleset
   * there is the stack's own whatever its name and description say. @default undefined
   */
  readonly stateRulesetIds?: ReadonlySet<string>;
  /**
   * The DNS records the stack's state holds, by id, with their content, proxy status and
   * comment, or undefined when unknown: a web record the zone holds otherwise was edited outside
   * the stack since (a rollback), which a deploy does not see without `pulumi refresh`. @default undefined
   */
  readonly stateRecords?: ReadonlyMap<string, StateRecord>;
  /**
   * What the state says of ACM's certificate (`program/tenant/stack-state.ts`): whether its web
   * records still serve the current hosting (the deploy moving them keeps the Origin CA
   * certificate) and whether it holds ACM's certificate already. Undefined when unknown: the
   * zone's web-record comments stand for the first, and a deploy is taken to request ACM's
   * certificate. @default undefined
   */
  readonly acmState?: { readonly webRecordsOnCurrentHosting: boolean; readonly acmCertificateInState: boolean };
}

/**
 * Who holds a record: this stack (in its state; by the platform's marker when the state is
 * unknown), another stack of the platform (the marker, not in the known state), or nobody.
 */
type Holder = "stack" | "platform" | "nobody";

function holderOf(record: ApiDnsRecord, stateRecordIds: ReadonlySet<string> | undefined): Holder {
  if (stateRecordIds?.has(record.id)) return "stack";
  if (!isPlatformRecord(record.comment)) return "nobody";
  return stateRecordIds ? "platform" : "stack";
}

/** The entry-point phases a deploy of the edge section creates rulesets in. */
export function phasesOf(spec: TenantSpec): string[] {
  const { edge } = spec;
  if (!edge.manageZone) return [];
  return [
    ...(edge.waf.managedRules ? ["http_request_firewall_managed"] : []),
    ...(edge.waf.adminPaths.length + edge.waf.blockCountries.length > 0 ? ["http_request_firewall_custom"] : []),
    ...(edge.waf.rateLimits.length > 0 ? ["http_ratelimit"] : []),
    "http_request_cache_settings",
  ];
}

/**
 * How an `execute` of a managed ruleset in the zone's managed phase differs from the one the
 * deploy writes (`expression: "true"`, `enabled: true`, only the ruleset's `id`:
 * components/edge/edge.ts): a disabled execution, one limited to some requests, overrides (a
 * log-only action, a lower sensitivity, rules turned off) or payload logging would start running
 * as the platform's without them. The provider writes the whole rule: `enabled` defaults to true,
 * `overrides` and `matched_data` are left out when not given, and its execute parameters have no
 * `version`, so the API runs the latest (v5 internal/services/ruleset/schema.go: rule `enabled`
 * Default true, action_parameters `id`, `matched_data`, `overrides`).
 */
function executionChanges(rule: ApiRulesetRule): string[] {
  const { version, overrides, ...others } = rule.action_parameters ?? {};
  delete others["id"];
  return [
    ...(rule.enabled === false ? ["it is disabled; the deploy enables it"] : []),
    ...(rule.expression.trim() !== "true" ? [`it runs only when ${rule.expression}; the deploy runs it on every request`] : []),
    ...(overrides !== undefined ? [`it has overrides ${JSON.stringify(overrides)}; the deploy drops them`] : []),
    ...(version !== undefined && version !== "latest" ? [`it is pinned to version ${version}; the deploy runs the latest`] : []),
    ...Object.entries(others).map(([key, value]) => `it sets ${key} ${JSON.stringify(value)}; the deploy drops it`),
  ];
}

/** A rule of an entry point the file's ruleset would not carry, and why. */
interface DroppedRule {
  rule: ApiRulesetRule;
  /** For an execution of a managed ruleset the deploy also runs: what the deploy changes in it. */
  changes: string[];
}

/**
 * The rules of an entry point the file's ruleset would not carry as they are: the deploy writes the
 * file's rules over the whole list (the provider PUTs every rule: v5
 * internal/services/ruleset/resource.go Update). In the managed phase, an execution of a managed
 * ruleset the plan's ruleset executes too (the Free zone's default) stays only when it runs
 * exactly as the deploy's does ({@link executionChanges}).
 */
function droppedRules(spec: TenantSpec, ruleset: ApiRuleset): DroppedRule[] {
  const executed: readonly string[] = ruleset.phase === "http_request_firewall_managed"
    ? PLAN_LIMITS[spec.edge.plan].managedRulesets ? [MANAGED_RULESETS.cloudflareManaged, MANAGED_RULESETS.owaspCore] : [MANAGED_RULESETS.freeManaged]
    : [];
  return (ruleset.rules ?? []).flatMap((rule) => {
    if (!(rule.action === "execute" && executed.includes(rule.action_parameters?.id ?? ""))) return [{ rule, changes: [] }];
    const changes = executionChanges(rule);
    return changes.length > 0 ? [{ rule, changes }] : [];
  });
}

/**
 * True for an entry point of the stack's own: in the stack's state (whatever its name and
 * description: a marker rewritten through the API or by another tool must not make the stack
 * import its own ruleset again, which the engine would run as an import replacement deleting
 * it), the platform's name, or its marker in the description (every deploy sends it, adopted or
 * created: components/edge/edge.ts `entryPoint`), or, in the managed phase, the description it
 * carried alone before the marker.
 */
function isPlatformRuleset(ruleset: ApiRuleset, stateRulesetIds: ReadonlySet<string> | undefined): boolean {
  return stateRulesetIds?.has(ruleset.id) === true
    || ruleset.name === (PLATFORM_RULESETS as Record<string, string>)[ruleset.phase]
    || isPlatformRecord(ruleset.description)
    || (ruleset.phase === "http_request_firewall_managed" && ruleset.description === MANAGED_RULESET_PURPOSE);
}

/**
 * The zone's entry points in the phases the file manages. On an existing zone (`edge.zoneId`) one
 * whose rules the file's ruleset keeps is adopted: imported under its own name, since the name
 * forces a replacement (v5 internal/services/ruleset/schema.go, `name` RequiresReplace); one with
 * other rules blocks, listing them. The platform's own (its name, or the marker an adopted one
 * carries in its description) is in the stack already: an import id there would re-import it as a
 * replacement (pulumi pkg/resource/deploy/step_generator.go, isImport). On a zone the stack created
 * another entry point is someone's by hand: it blocks.
 */
async function entryPointFindings(api: CloudflareApi, spec: TenantSpec, zoneId: string, rulesets: readonly ApiRuleset[], context: PreflightContext): Promise<{ blocking: PreflightFinding[]; adopt: Record<string, AdoptedRuleset> }> {
  const phases = new Set(phasesOf(spec));
  const foreign = rulesets.filter((r) => r.kind === "zone" && phases.has(r.phase) && !isPlatformRuleset(r, context.stateRulesetIds));
  const blocking: PreflightFinding[] = [];
  const adopt: Record<string, AdoptedRuleset> = {};
  for (const summary of foreign) {
    const path = PHASE_FIELDS[summary.phase] ?? ["edge"];
    if (spec.edge.zoneId === undefined) {
      blocking.push({
        path,
        message: `the zone already has an entry-point ruleset for phase ${summary.phase} (id ${summary.id}, "${summary.name}"): creating the platform's fails with error 20217. ` +
          "Move the rules it needs into the tenant file, then delete that ruleset (dashboard, or DELETE /zones/<zone>/rulesets/<id>)",
      });
      continue;
    }
    const ruleset = await api.ruleset(zoneId, summary.id);
    const dropped = droppedRules(spec, ruleset);
    if (dropped.length === 0) {
      adopt[summary.phase] = { id: summary.id, name: summary.name };
      continue;
    }
    const list = dropped.map(({ rule, changes }) => `\n    - ${rule.description ? `"${rule.description}"` : `rule ${rule.id}`}: ${rule.action}${rule.action_parameters?.id ? ` ruleset ${rule.action_parameters.id}` : ""} when ${rule.expression}${changes.length > 0 ? `: ${changes.join("; ")}` : rule.enabled === false ? " (disabled)" : ""}`).join("");
    blocking.push({
      path,
      message: `the zone's entry-point ruleset for phase ${summary.phase} (id ${summary.id}, "${summary.name}") has ${dropped.length} rule(s) the deploy would replace with the tenant file's:${list}\n  ` +
        "Move the ones to keep into the tenant file, delete them from that ruleset (dashboard, or PUT /zones/<zone>/rulesets/<id> without them), then deploy: the preflight adopts the ruleset" +
        (summary.phase === "http_request_firewall_managed" ? "; or set edge.waf.managedRules: false to leave the managed phase as it is" : ""),
    });
  }
  return { blocking, adopt };
}

const norm = (name: string) => name.toLowerCase().replace(/\.$/, "");

/**
 * Record findings and adoptions. A record the stack holds is never adopted: an import id for it
 * would make the engine import it again as a replacement and delete the record it replaces
 * (pulumi pkg/resource/deploy/step_generator.go, isImport; program/tenant/stack-state.ts). A
 * record nobody holds is adopted when it equals one the file lists (type, name, content and
 * priority), on an existing zone only: a zone the stack created holds only the stack's records
 * and hand-made ones. One another stack of the platform holds is refused, not shared.
 */
function recordFindings(spec: TenantSpec, zoneId: string, records: readonly ApiDnsRecord[], context: PreflightContext): { blocking: PreflightFinding[]; notes: string[]; adopt: Record<string, string>; adoptWeb: Record<string, AdoptedWebRecord> } {
  const { edge } = spec;
  const fqdn = (name: string) => qualifyHostname(name, edge.zone);
  const blocking: PreflightFinding[] = [];
  const notes: string[] = [];
  // Without the state, a marked record the file's records collide with is taken for the stack's
  // own; a leftover (a removed stack's, or one held by a stack on another backend) would make the
  // create fail late, after the load balancer is built.
  const unknownState = context.stateRecordIds === undefined;
  const noted = new Set<string>();
  const noteMarked = (record: ApiDnsRecord) => {
    if (!unknownState || !isPlatformRecord(record.comment) || noted.has(record.id)) return;
    noted.add(record.id);
    notes.push(`${record.name} ${record.type} record (id ${record.id}) carries the platform's marker, so it is taken for this stack's own: the stack's state is unknown ` +
      "(no deployment of it has finished yet, or the preflight runs from the command line). If no deployment of this stack made it (a removed stack left it, or a stack on another backend holds it), " +
      `the deploy's create fails on it (API error 81053 or 81057): remove its comment (PATCH /zones/<zone>/dns_records/${record.id} with {"comment":""}) so that the preflight judges it as any other record, or delete it`);
  };
  const adopt: Record<string, string> = {};
  const adoptWeb: Record<string, AdoptedWebRecord> = {};
  const holder = (r: ApiDnsRecord) => holderOf(r, context.stateRecordIds);
  const ours = (r: ApiDnsRecord) => holder(r) !== "nobody";
  const at = (name: string) => records.filter((r) => norm(r.name) === norm(name));
  // A CNAME cannot share its name with an A, AAAA or CNAME record (API errors 81053, 81054);
  // beside MX or TXT it stands at the apex, which Cloudflare flattens.
  const addressing = ["A", "AAAA", "CNAME"];
  const clash = (a: string, b: string) => (a === "CNAME" && addressing.includes(b)) || (b === "CNAME" && addressing.includes(a));
  // A live zone taken over (edge.currentOrigin with edge.zoneId): its web records are kept as
  // they are until the cutover, which changes them in place.
  const takeover = edge.zoneId !== undefined && edge.currentOrigin !== undefined && spec.web !== undefined;

  edge.hostnames.forEach((hostname, i) => {
    const name = fqdn(hostname);
    at(name).filter((r) => clash("CNAME", r.type)).forEach(noteMarked);
    for (const record of at(name).filter((r) => !ours(r) && clash("CNAME", r.type))) {
      if (takeover && record.type === "CNAME") {
        adoptWeb[name] = { importId: recordImportId(zoneId, record.id), content: record.content, proxied: record.proxied ?? false, ttl: record.ttl ?? 1 };
        continue;
      }
      blocking.push({
        path: ["edge", "hostnames", i],
        message: takeover
          ? `${record.name} has a ${record.type} record (id ${record.id}, ${record.content}): the cutover changes a web hostname's record in place, which the provider cannot do across types ` +
            "(terraform-provider-cloudflare v5 internal/services/dns_record/schema.go: `type` RequiresReplace), and a CNAME cannot be created beside it (API error 81053). " +
            `Change it in place into a CNAME to ${edge.currentOrigin}, keeping its proxy status (the API changes a record's type in place: PATCH /zones/<zone>/dns_records/${record.id} ` +
            `with {"type":"CNAME","content":"${edge.currentOrigin}"}), then deploy`
          : `${record.name} already has a ${record.type} record (id ${record.id}, ${record.content}): the web hostname's CNAME cannot stand beside it. ` +
            "To keep the site up, give the current hosting as edge.currentOrigin: the deploy keeps the zone's record and a later one moves it to the load balancer in place (docs/runbooks/dns-cutover.md, case C)",
      });
    }
  });
  edge.records.forEach((wanted, i) => {
    const name = fqdn(wanted.name);
    const key = recordKey({ ...wanted, name });
    for (const record of at(name)) {
      if (recordKey(record) === key || clash(wanted.type, record.type)) noteMarked(record);
      if (recordKey(record) === key) {
        const who = holder(record);
        if (edge.zoneId === undefined || who === "stack") continue;
        if (who === "platform") {
          // An interrupted create stays a pending operation of the checkpoint, not one of its
          // resources, which is all the builtin invoke lists (pulumi/pulumi
          // pkg/resource/deploy/deployment_executor.go, "interrupted while creating";
          // pkg/cmd/pulumi/operations/refresh.go, --import-pending-creates).
          blocking.push({
            path: ["edge", "records", i],
            message: `${record.name} ${record.type} record (id ${record.id}) carries the platform's marker but is not in this stack's state: another stack manages it (a record is managed by one stack: remove it from one of the two tenant files), ` +
              "or this stack's own create of it was interrupted, which the engine keeps as a pending operation, outside the state's resources: " +
              `\`pulumi refresh\` asks what to do with it, \`pulumi refresh --import-pending-creates <urn> ${record.id}\` takes it into the state`,
          });
        } else {
          adopt[key] = recordImportId(zoneId, record.id);
        }
      } else if (clash(wanted.type, record.type) && !ours(record)) {
        blocking.push({ path: ["edge", "records", i], message: `${record.name} already has a ${record.type} record (id ${record.id}, ${record.content}); a CNAME cannot share its name with an A, AAAA or CNAME record` });
      }
    }
  });
  // ACM validation records left by an earlier certificate: ACM asks for the same CNAME (name and
  // target) for a domain in every certificate of one AWS account (docs.aws.amazon.com/acm/latest/userguide/dns-validation.html),
  // so the record the deploy creates for its certificate stands where this one is (API error
  // 81053). Their names are known only once ACM answers, too late for an import: listed instead.
  // The stack issues an ACM certificate when it has a web tier without a certificate of its own (program/tenant/tenant.ts).
  if (spec.web !== undefined && spec.web.loadBalancer.certificateArn === undefined) {
    for (const record of records.filter((r) => r.type === "CNAME" && !ours(r) && /\.acm-validations\.aws\.?$/i.test(r.content))) {
      const domain = norm(record.name).replace(/^_[^.]+\./, "");
      const i = edge.hostnames.findIndex((h) => norm(fqdn(h).replace(/^\*\./, "")) === domain);
      if (i < 0) continue;
      blocking.push({
        path: ["edge", "hostnames", i],
        message: `${record.name} is an ACM validation record not made by the platform (id ${record.id}, ${record.content}): the deploy's certificate asks for the same record. Delete it right before the deploy, which creates it again (a certificate of the same AWS account it validated keeps renewing through the new one)`,
      });
    }
  }
  if (spec.mail) {
    // The platform's own DMARC record (a later deploy of a tenant with mail) is not a second one.
    const dmarc = at(`_dmarc.${edge.zone}`).filter((r) => r.type === "TXT" && !ours(r) && txtText(r.content).startsWith("v=DMARC1"));
    for (const record of dmarc) {
      blocking.push({ path: ["mail", "dmarc"], message: `_dmarc.${edge.zone} already has a DMARC record (id ${record.id}): a second one makes receivers ignore both. Delete it, or move its policy into mail.dmarc` });
    }
  }
  if (spec.media) {
    const name = fqdn(spec.media.hostname);
    for (const record of at(name).filter((r) => !ours(r) && clash("CNAME", r.type))) {
      blocking.push({ path: ["media", "hostname"], message: `${record.name} already has a ${record.type} record (id ${record.id}): the media hostname's record cannot stand beside it` });
    }
  }
  return { blocking, notes, adopt, adoptWeb };
}

/** True when a certificate for `hosts` serves `name`: listed, or one label below a listed wildcard (RFC 6125 section 6.4.3). */
function coveredBy(name: string, hosts: readonly string[]): boolean {
  const parent = name.slice(name.indexOf(".") + 1);
  return hosts.some((host) => norm(host) === norm(name) || (name.startsWith("*.") ? false : norm(host) === `*.${norm(parent)}`));
}

/**
 * The zone's newest origin-pull certificate (latest `expires_on`) issued by the platform's CA of
 * the zone, read from the certificate itself: the load balancer trusts only that CA, so another
 * certificate of the zone being active proves nothing; after a renewal the newest one must be
 * active before the listener relies on it (Cloudflare's order: upload, wait until active, then
 * delete the old one: developers.cloudflare.com/ssl/origin-configuration/authenticated-origin-pull/set-up/).
 */
function newestOwnCertificate(certificates: readonly ApiOriginPullCertificate[], zone: string): ApiOriginPullCertificate | undefined {
  const subject = originPullCaSubject(zone);
  const ours = certificates.filter((c) => {
    if (!c.certificate) return false;
    let issuer: Map<string, string>;
    try {
      issuer = new Map(new X509Certificate(c.certificate).issuer.split("\n").map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
    } catch {
      return false;
    }
    return issuer.get("CN") === subject.commonName && issuer.get("O") === subject.organization;
  });
  const expiry = (c: ApiOriginPullCertificate) => Date.parse(c.expires_on ?? "") || 0;
  return ours.sort((a, b) => expiry(b) - expiry(a))[0];
}

/**
 * The indexes of the web hostnames this deploy moves behind Cloudflare's proxy, to the load
 * balancer: on a created zone with a live site, all of them once `delegated` is true while
 * `currentOrigin` is still given (case B); on an existing zone, those whose record the stack
 * holds still points at the current hosting (its comment says so) once `currentOrigin` is removed
 * (case C). Either way Cloudflare must hold an active edge certificate for each first.
 */
function hostnamesMovingToProxy(spec: TenantSpec, records: readonly ApiDnsRecord[], context: PreflightContext): number[] {
  const { edge } = spec;
  const all = edge.hostnames.map((_, i) => i);
  if (edge.zoneId === undefined) return edge.delegated === true && edge.currentOrigin !== undefined ? all : [];
  if (edge.currentOrigin !== undefined || edge.delegated === false || spec.web === undefined) return [];
  return all.filter((i) => records.some((r) => norm(r.name) === norm(qualifyHostname(edge.hostnames[i]!, edge.zone))
    && r.comment === WEB_RECORD_COMMENTS.currentHosting && holderOf(r, context.stateRecordIds) === "stack"));
}

/**
 * True when this deploy requests ACM's certificate for the web hostnames: a web tier without a
 * certificate of its own, once the cutover no longer waits (`awaitsCutover`), except in the deploy
 * that moves the web records off the current hosting (it keeps the Origin CA certificate:
 * components/edge/edge.ts `acmRequestedNextDeploy`) and once the state holds the certificate.
 */
function requestsAcmCertificate(spec: TenantSpec, records: readonly ApiDnsRecord[], context: PreflightContext): boolean {
  const { edge } = spec;
  if (spec.web === undefined || spec.web.loadBalancer.certificateArn !== undefined) return false;
  if (awaitsCutover(edge)) return false;
  const hostnames = new Set(edge.hostnames.map((h) => norm(qualifyHostname(h, edge.zone))));
  const onCurrentHosting = context.acmState?.webRecordsOnCurrentHosting
    ?? records.some((r) => hostnames.has(norm(r.name)) && r.comment === WEB_RECORD_COMMENTS.currentHosting && holderOf(r, context.stateRecordIds) === "stack");
  return !onCurrentHosting && context.acmState?.acmCertificateInState !== true;
}

/**
 * Reads the zone and compares it with the tenant file: the plan, entry-point rulesets, records,
 * CAA records that would stop ACM's certificate, the zone's activation and edge certificates
 * (before `delegated: true`), and the origin-pull certificate (before `originPulls: true`).
 */
export async function edgePreflight(api: CloudflareApi, spec: TenantSpec, zoneId: string, context: PreflightContext = {}): Promise<EdgePreflight> {
  const { edge } = spec;
  const [zone, rulesets, records, packs, pulls] = await Promise.all([
    api.zone(zoneId),
    edge.manageZone ? api.rulesets(zoneId) : Promise.resolve([]),
    api.dnsRecords(zoneId),
    api.certificatePacks(zoneId),
    edge.originPulls !== false ? api.originPullCertificates(zoneId) : Promise.resolve([]),
  ]);
  const blocking: PreflightFinding[] = [];
  const notes: string[] = [];
  const actual = zone.plan?.legacy_id;
  if (actual && filePlanOf(actual) !== edge.plan) {
    const bought = PLAN_LIMITS[edge.plan].ratePlanId && !edge.zoneId;
    if (!bought && !edge.zoneId) {
      // A created zone whose file stops buying its plan: the zone subscription leaves the stack,
      // but its delete does nothing (terraform-provider-cloudflare v5
      // internal/services/zone_subscription/resource.go), so the zone stays on (and billed for) it.
      blocking.push({ path: ["edge", "plan"], message: `says ${edge.plan}, but zone ${zone.name} is on ${actual} (${zone.plan?.name ?? actual}), bought by this stack: a deploy cannot downgrade it (removing the subscription leaves the zone on ${actual}, still billed). Downgrade it in the dashboard (or PATCH /zones/${zone.id}/subscription), then deploy` });
    } else if (!bought) {
      blocking.push({ path: ["edge", "plan"], message: `says ${edge.plan}, but zone ${zone.name} is on ${actual} (${zone.plan?.name ?? actual}): ${planAdvice(actual)}, or change the zone's plan first` });
    } else {
      notes.push(`zone ${zone.name} is on ${actual}; the deploy buys ${edge.plan}`);
    }
  }
  const entryPoints = await entryPointFindings(api, spec, zoneId, rulesets, context);
  blocking.push(...entryPoints.blocking);
  const found = recordFindings(spec, zoneId, records, context);
  blocking.push(...found.blocking, ...mailFromFindings(spec, records));
  const caa = caaFindings(spec, records, requestsAcmCertificate(spec, records, context));
  blocking.push(...caa.blocking);
  notes.push(...caa.notes);
  blocking.push(...currentOriginAfterSwitch(spec, records, (r) => holderOf(r, context.stateRecordIds) === "stack"));
  blocking.push(...webRecordsEditedOutsideStack(spec, records, context.stateRecords));
  notes.push(...found.notes);
  const takeover = await takeoverFindings(api, spec, zoneId, records);
  blocking.push(...takeover.blocking);
  notes.push(...takeover.notes);

  const delegated = edge.delegated ?? edge.zoneId !== undefined;
  notes.push(`zone ${zone.name} is ${zone.status}`);
  if (delegated && zone.status !== "active") {
    blocking.push({ path: ["edge", "delegated"], message: `is true, but zone ${zone.name} is ${zone.status}: change the name servers first (stack output cutoverNote)` });
  }
  const activePacks = packs.filter((p) => p.status === "active");
  notes.push(`edge certificates: ${packs.map((p) => `${p.type} ${p.status}`).join(", ") || "none yet"}`);
  const moving = hostnamesMovingToProxy(spec, records, context);
  if (moving.length > 0) {
    if (edge.zoneId !== undefined && zone.status !== "active") {
      blocking.push({ path: ["edge", "zoneId"], message: `zone ${zone.name} is ${zone.status}: the cutover waits until it is active` });
    }
    if (activePacks.length === 0) {
      blocking.push(edge.zoneId === undefined
        ? { path: ["edge", "delegated"], message: "is true while the zone has no active edge certificate: proxying now would break HTTPS for visitors. Wait until one is active" }
        : { path: ["edge", "hostnames"], message: "move to the load balancer, proxied (edge.currentOrigin was removed), while the zone has no active edge certificate: proxying now would break HTTPS for visitors. Put edge.currentOrigin back and wait until one is active" });
    } else {
      for (const i of moving) {
        const name = qualifyHostname(edge.hostnames[i]!, edge.zone);
        if (!activePacks.some((pack) => coveredBy(name, pack.hosts ?? []))) {
          blocking.push({ path: ["edge", "hostnames", i], message: `${name} is in no active edge certificate (hosts of the active packs: ${activePacks.flatMap((p) => p.hosts ?? []).join(", ") || "none"}): proxying it would break HTTPS for its visitors` });
        }
      }
    }
  }
  if (edge.originPulls !== false) {
    notes.push(`origin-pull certificates: ${pulls.map((c) => `${c.id} ${c.status}`).join(", ") || "none"}`);
    if (edge.originPulls === true) {
      const newest = newestOwnCertificate(pulls, edge.zone);
      if (newest?.status !== "active") {
        blocking.push({
          path: ["edge", "originPulls"],
          message: newest
            ? `is true, but the zone's newest origin-pull certificate of its own CA (id ${newest.id}) is ${newest.status}: wait until it is active (with originPulls: "staged" on a first setup), then deploy`
            : 'is true, but the zone has no origin-pull certificate signed by its own CA (the load balancer trusts only that CA): deploy with originPulls: "staged", wait until it is active, then set true',
        });
      }
    }
  }
  return { zone, blocking, notes, adoptRecords: found.adopt, adoptRulesets: entryPoints.adopt, adoptWebRecords: found.adoptWeb };
}

/** The preflight's blocking findings as positioned issues of the tenant file. */
export function preflightIssues(tenant: LoadedTenant, preflight: EdgePreflight): SpecIssue[] {
  return preflight.blocking.map((finding) => {
    const at = tenant.positionOf(finding.path);
    return { file: tenant.file, line: at.line, column: at.column, path: formatPath(finding.path), message: finding.message };
  });
}

/** The preflight's blocking findings as the text a refused deploy prints: `file:line:col: key path: message`. */
export function formatPreflight(tenant: LoadedTenant, preflight: EdgePreflight): string {
  return formatIssues(preflightIssues(tenant, preflight));
}
