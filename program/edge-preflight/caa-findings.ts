/**
 * The zone's CAA records checked against the ACM certificate the stack requests for its web
 * hostnames (a web tier without `web.loadBalancer.certificateArn`). ACM checks CAA after it has
 * validated the domain, and issues only when no CAA record applies or one names an Amazon CA:
 * "if you do not have a CAA record that specifies one of the following four Amazon CAs, ACM
 * cannot issue a certificate to your domain or subdomain: amazon.com, amazontrust.com,
 * awstrust.com, amazonaws.com"; an `issuewild` without one stops a wildcard, and without any
 * `issuewild` the `issue` records decide for wildcards too
 * (docs.aws.amazon.com/acm/latest/userguide/setup-caa.html). Such a certificate fails and must be
 * requested again, and the deploy stops at its validation.
 *
 * Which records apply (RFC 8659 section 3): for a name X, or a wildcard `*.X`, the CAA records of
 * X, else of its parent, and so on up the tree: the first name that has any is the relevant set,
 * and the others do not count. A CAA query at a name holding a DNS-only CNAME follows it (plain DNS
 * resolution), so the target's CAA records apply there; proxied records and the zone apex are
 * flattened by Cloudflare, which answers with addresses, not the CNAME
 * (developers.cloudflare.com/dns/cname-flattening/set-up-cname-flattening/). The platform requests
 * ACM's certificate only once the web records point at the load balancer, proxied
 * (components/edge/edge.ts), so the zone's own CAA records are the ones that decide. Names above
 * the zone's apex are outside the zone and not read here: for a zone that is a subdomain of
 * another domain (a Cloudflare subdomain setup), a finding says that the parents were not read.
 * A property whose flags carry Issuer Critical (128) with a tag the CA does not understand forbids
 * issuance (RFC 8659 section 4.1: "the CA MUST NOT issue"); ACM understands issue and issuewild
 * (setup-caa.html; iodef is "currently ignored"), so a critical property of any other tag stops it.
 *
 * ACM checks CAA when it issues: the certificate a deploy requests, and each managed renewal
 * (setup-caa.html: ACM checks for a CAA record after validating the domain, before issuing). A
 * deploy that requests no certificate (the Origin CA certificate serves until the cutover and
 * through the deploy that moves the web records; or ACM's certificate is in the state already) is
 * not refused for it: a note says what the later request or the renewal will meet.
 * Within a set (RFC 8659 section 4.2, 4.3): a name is allowed by the `issue` properties, a
 * wildcard by the `issuewild` ones when there are any, else by `issue`; no property of the kind
 * means no restriction. A property's value is the issuer's domain, then optional `;` parameters;
 * an empty issuer (`;`) allows no CA. Tags compare without case (section 4.1).
 */
import { qualifyHostname } from "../../tenant-schema/sections/edge";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";
import type { ApiDnsRecord } from "./cloudflare-api";
import type { PreflightFinding } from "./edge-preflight";

/** The CAs whose names let ACM issue (docs.aws.amazon.com/acm/latest/userguide/setup-caa.html). */
export const AMAZON_CAS: readonly string[] = ["amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com"];

/** The issuance property of a CAA record: its tag and issuer domain, lower case ("" for a value that allows no CA). */
interface IssueProperty {
  readonly tag: string;
  readonly issuer: string;
}

/** The Issuer Critical flag of a CAA property (RFC 8659 section 4.1: bit 0, the value 128). */
const ISSUER_CRITICAL = 128;
/** The tags ACM understands (setup-caa.html: issue, issuewild; iodef is read and ignored). */
const UNDERSTOOD_TAGS: readonly string[] = ["issue", "issuewild", "iodef"];

/** True for a property with the Issuer Critical flag and a tag ACM does not understand: no issuance (RFC 8659 section 4.1). */
function criticalUnknown(record: ApiDnsRecord): boolean {
  return (Number(record.data?.flags ?? 0) & ISSUER_CRITICAL) !== 0 && !UNDERSTOOD_TAGS.includes(String(record.data?.tag ?? "").toLowerCase());
}

const norm = (name: string) => name.toLowerCase().replace(/\.$/, "");

/** A CAA record's issuance property, from the `data` the API lists with it; undefined for other tags (iodef). */
function issuePropertyOf(record: ApiDnsRecord): IssueProperty | undefined {
  const tag = (record.data?.tag ?? "").toLowerCase();
  if (tag !== "issue" && tag !== "issuewild") return undefined;
  const value = String(record.data?.value ?? "");
  return { tag, issuer: value.split(";")[0]!.trim().toLowerCase() };
}

/** The relevant CAA set of a name in the zone: where it is and its issuance properties; undefined when no name up to the apex has CAA records. */
function relevantSet(name: string, zone: string, records: readonly ApiDnsRecord[]): { at: string; properties: IssueProperty[]; critical: ApiDnsRecord[] } | undefined {
  for (let at = norm(name); ; at = at.slice(at.indexOf(".") + 1)) {
    const caa = records.filter((r) => r.type === "CAA" && norm(r.name) === at);
    if (caa.length > 0) return { at, properties: caa.flatMap((r) => issuePropertyOf(r) ?? []), critical: caa.filter(criticalUnknown) };
    if (at === norm(zone) || !at.includes(".")) return undefined;
  }
}

/** The tag whose properties decide for the name in that set, and whether they allow an Amazon CA. */
function amazonAllowed(properties: readonly IssueProperty[], wildcard: boolean): { tag: string; allowed: boolean } {
  const tag = wildcard && properties.some((p) => p.tag === "issuewild") ? "issuewild" : "issue";
  const deciding = properties.filter((p) => p.tag === tag);
  return { tag, allowed: deciding.length === 0 || deciding.some((p) => AMAZON_CAS.includes(p.issuer)) };
}

/** What the CAA records mean for the deploy: blocking findings when it requests ACM's certificate, else notes. */
export interface CaaResult {
  blocking: PreflightFinding[];
  notes: string[];
}

/**
 * One finding per web hostname whose relevant CAA set lets no Amazon CA issue: blocking when the
 * deploy requests ACM's certificate, a note otherwise; and, for a zone below a registrable
 * domain, a note naming the parents whose CAA records were not read. Nothing without an ACM certificate.
 * @param requested true when this deploy requests ACM's certificate (edge-preflight.ts `requestsAcmCertificate`)
 */
export function caaFindings(spec: TenantSpec, records: readonly ApiDnsRecord[], requested: boolean): CaaResult {
  const { edge } = spec;
  if (spec.web === undefined || spec.web.loadBalancer.certificateArn !== undefined) return { blocking: [], notes: [] };
  const findings = edge.hostnames.flatMap((hostname, i): PreflightFinding[] => {
    const fqdn = qualifyHostname(hostname, edge.zone);
    const wildcard = fqdn.startsWith("*.");
    const set = relevantSet(wildcard ? fqdn.slice(2) : fqdn, edge.zone, records);
    if (!set) return [];
    const { tag, allowed } = amazonAllowed(set.properties, wildcard);
    if (allowed && set.critical.length === 0) return [];
    const listed = records.filter((r) => r.type === "CAA" && norm(r.name) === set.at).map((r) => `${r.data?.flags ?? 0} ${r.data?.tag ?? "?"} "${r.data?.value ?? ""}"`).join(", ");
    const current = records.find((r) => r.type === "CNAME" && norm(r.name) === norm(fqdn) && r.proxied === false);
    const why = set.critical.length > 0
      ? `hold ${set.critical.map((r) => `the critical property (flags ${r.data?.flags}) ${r.data?.tag}`).join(", ")}, a tag ACM does not understand: a CA must not issue then (RFC 8659 section 4.1). ` +
        `Remove ${set.critical.length === 1 ? "it" : "them"}, or clear the critical flag (PATCH /zones/<zone>/dns_records/<id> with {"data":{"flags":0,...}})` +
        (allowed ? "" : `, and add the CAA record 0 ${tag} "amazon.com" at ${set.at}`)
      : `let no Amazon CA issue (${AMAZON_CAS.join(", ")}; docs.aws.amazon.com/acm/latest/userguide/setup-caa.html). ` +
        `Add the CAA record 0 ${tag} "amazon.com" at ${set.at} (dashboard, or POST /zones/<zone>/dns_records with {"type":"CAA","name":"${set.at}","data":{"flags":0,"tag":"${tag}","value":"amazon.com"}})`;
    return [{
      path: ["edge", "hostnames", i],
      message: `ACM cannot issue the load balancer's certificate for ${fqdn}: the CAA records that apply to it, at ${set.at} (${listed}), ${why}` +
        (requested
          ? ", then deploy: this deploy requests the certificate and would stop at its validation"
          : ": this deploy requests no ACM certificate, but the deploy that does, and each managed renewal of it, would fail") +
        (current
          ? `. ${fqdn} is a DNS-only CNAME to ${current.content} now: a CAA lookup follows it, so the target's own CAA records apply to it as long as it points there (RFC 8659 section 3); ` +
            "ACM's certificate is requested only after the web records point at the load balancer, proxied, when the zone's records above decide"
          : ""),
    }];
  });
  return {
    blocking: requested ? findings : [],
    notes: [...(requested ? [] : findings.map((f) => `edge.hostnames[${String(f.path[2])}]: ${f.message}`)), ...parentDomainNotes(edge.zone)],
  };
}

/**
 * For a zone below a registrable domain (a subdomain zone, e.g. `shop.example.com`), the names
 * above its apex whose CAA records this check does not read; they apply when the zone has none
 * (RFC 8659 section 3). The registrable domain is taken as the last two labels (a public-suffix
 * list is not consulted: a zone under a two-label suffix such as `co.uk` is named too).
 */
function parentDomainNotes(zone: string): string[] {
  const labels = norm(zone).split(".");
  if (labels.length <= 2) return [];
  const parents = labels.slice(1, -1).map((_, i) => labels.slice(i + 1).join("."));
  return [`CAA records above the zone's apex (${parents.join(", ")}) are not read by this check: when ${zone} has no CAA record for a web hostname, theirs apply to ACM's certificate (RFC 8659 section 3); check them (dig CAA ${parents[0]})`];
}
