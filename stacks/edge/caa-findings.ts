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
 * the zone's apex are outside the zone: not read here.
 * Within a set (RFC 8659 section 4.2, 4.3): a name is allowed by the `issue` properties, a
 * wildcard by the `issuewild` ones when there are any, else by `issue`; no property of the kind
 * means no restriction. A property's value is the issuer's domain, then optional `;` parameters;
 * an empty issuer (`;`) allows no CA. Tags compare without case (section 4.1).
 */
import { qualifyHostname } from "../spec/sections/edge";
import type { TenantSpec } from "../spec/tenant-schema";
import type { ApiDnsRecord } from "./cloudflare-api";
import type { PreflightFinding } from "./edge-preflight";

/** The CAs whose names let ACM issue (docs.aws.amazon.com/acm/latest/userguide/setup-caa.html). */
export const AMAZON_CAS: readonly string[] = ["amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com"];

/** The issuance property of a CAA record: its tag and issuer domain, lower case ("" for a value that allows no CA). */
interface IssueProperty {
  readonly tag: string;
  readonly issuer: string;
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
function relevantSet(name: string, zone: string, records: readonly ApiDnsRecord[]): { at: string; properties: IssueProperty[] } | undefined {
  for (let at = norm(name); ; at = at.slice(at.indexOf(".") + 1)) {
    const caa = records.filter((r) => r.type === "CAA" && norm(r.name) === at);
    if (caa.length > 0) return { at, properties: caa.flatMap((r) => issuePropertyOf(r) ?? []) };
    if (at === norm(zone) || !at.includes(".")) return undefined;
  }
}

/** The tag whose properties decide for the name in that set, and whether they allow an Amazon CA. */
function amazonAllowed(properties: readonly IssueProperty[], wildcard: boolean): { tag: string; allowed: boolean } {
  const tag = wildcard && properties.some((p) => p.tag === "issuewild") ? "issuewild" : "issue";
  const deciding = properties.filter((p) => p.tag === tag);
  return { tag, allowed: deciding.length === 0 || deciding.some((p) => AMAZON_CAS.includes(p.issuer)) };
}

/** The blocking findings: one per web hostname whose relevant CAA set lets no Amazon CA issue. None without an ACM certificate. */
export function caaFindings(spec: TenantSpec, records: readonly ApiDnsRecord[]): PreflightFinding[] {
  const { edge } = spec;
  if (spec.web === undefined || spec.web.loadBalancer.certificateArn !== undefined) return [];
  return edge.hostnames.flatMap((hostname, i): PreflightFinding[] => {
    const fqdn = qualifyHostname(hostname, edge.zone);
    const wildcard = fqdn.startsWith("*.");
    const set = relevantSet(wildcard ? fqdn.slice(2) : fqdn, edge.zone, records);
    if (!set) return [];
    const { tag, allowed } = amazonAllowed(set.properties, wildcard);
    if (allowed) return [];
    const listed = records.filter((r) => r.type === "CAA" && norm(r.name) === set.at).map((r) => `${r.data?.flags ?? 0} ${r.data?.tag ?? "?"} "${r.data?.value ?? ""}"`).join(", ");
    const current = records.find((r) => r.type === "CNAME" && norm(r.name) === norm(fqdn) && r.proxied === false);
    return [{
      path: ["edge", "hostnames", i],
      message: `ACM cannot issue the load balancer's certificate for ${fqdn}: the CAA records that apply to it, at ${set.at} (${listed}), let no Amazon CA issue (${AMAZON_CAS.join(", ")}; ` +
        "docs.aws.amazon.com/acm/latest/userguide/setup-caa.html), and the deploy would stop at the certificate's validation. " +
        `Add the CAA record 0 ${tag} "amazon.com" at ${set.at} (dashboard, or POST /zones/<zone>/dns_records with {"type":"CAA","name":"${set.at}","data":{"flags":0,"tag":"${tag}","value":"amazon.com"}}), then deploy` +
        (current
          ? `. ${fqdn} is a DNS-only CNAME to ${current.content} now: a CAA lookup follows it, so the target's own CAA records apply to it as long as it points there (RFC 8659 section 3); ` +
            "ACM's certificate is requested only after the web records point at the load balancer, proxied, when the zone's records above decide"
          : ""),
    }];
  });
}
