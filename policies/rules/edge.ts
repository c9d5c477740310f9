/** Cloudflare rules: web records proxied, strict TLS to the origin, the managed WAF the zone's plan allows. */
import { MANAGED_RULESETS } from "../../components/edge/plans";
import { planRunsManagedRulesets } from "../declarations";
import { stackRule, type StackFinding } from "../rule";
import { known, ofType, referencedBy, type StackResource } from "../stack-view";
import { isTrue, record, records, text } from "./values";

const DNS_RECORD = "cloudflare:index/dnsRecord:DnsRecord";
const ZONE_SETTING = "cloudflare:index/zoneSetting:ZoneSetting";
const RULESET = "cloudflare:index/ruleset:Ruleset";
const ZONE = "cloudflare:index/zone:Zone";
const WEB_RECORD_TYPES = ["A", "AAAA", "CNAME"];

export const webRecordsProxied = stackRule({
  name: "cloudflare-web-records-proxied",
  control: "platform origin protection",
  description: "The tenant's web hostnames (A, AAAA, CNAME records) go through Cloudflare's proxy, so the origin stays hidden and the WAF applies",
  check: ({ resources, declared }) => {
    const hostnames = new Set(declared?.hostnames ?? []);
    return ofType(resources, DNS_RECORD)
      .filter((r) => WEB_RECORD_TYPES.includes(String(r.props["type"])) && hostnames.has(String(r.props["name"])))
      .filter((r) => !isTrue(r.props["proxied"]))
      // Until the cutover, a live site's records point at its current hosting, unproxied (the
      // zone's edge certificate is provisioned meanwhile); the file declares that hosting.
      .filter((r) => !(declared?.currentOrigin !== undefined && r.props["content"] === declared.currentOrigin))
      .map((r) => ({ urn: r.urn, message: `${String(r.props["name"])} is not proxied: set proxied true (and ttl 1)` }));
  },
});

/** The zone a Cloudflare resource configures: the zone of the stack it refers to, else its zoneId. */
function zoneOf(resource: StackResource): string {
  const zone = referencedBy(resource, "zoneId", ZONE)[0];
  return zone ? zone.urn : String(known(resource.props, "zoneId"));
}

/** The zones the stack configures, with a resource to report each against. */
function configuredZones(resources: readonly StackResource[]): Map<string, StackResource> {
  const zones = new Map<string, StackResource>();
  for (const zone of ofType(resources, ZONE)) zones.set(zone.urn, zone);
  for (const record of ofType(resources, DNS_RECORD)) if (!zones.has(zoneOf(record))) zones.set(zoneOf(record), record);
  return zones;
}

export const sslStrict = stackRule({
  name: "cloudflare-ssl-strict",
  control: "platform encryption in transit",
  description: "Every zone the stack configures encrypts to the origin and validates its certificate (zone setting ssl = strict)",
  check: ({ resources }) => {
    const settings = ofType(resources, ZONE_SETTING).filter((s) => s.props["settingId"] === "ssl");
    return [...configuredZones(resources)].flatMap(([zone, anchor]): StackFinding[] => {
      const mine = settings.filter((s) => zoneOf(s) === zone);
      if (mine.some((s) => s.props["value"] === "strict")) return [];
      const current = mine.map((s) => String(s.props["value"])).join(", ") || "not set (Cloudflare's default, flexible or full)";
      return [{ urn: (mine[0] ?? anchor).urn, message: `SSL mode is ${current}: set the ssl zone setting to strict` }];
    });
  },
});

/** Ids of the managed rulesets a zone's managed-phase rulesets execute. */
function executedRulesets(rulesets: readonly StackResource[]): string[] {
  return rulesets.flatMap((ruleset) => records(ruleset.props["rules"])
    .filter((rule) => rule["action"] === "execute" && rule["enabled"] !== false)
    .map((rule) => text(record(rule["actionParameters"])["id"])));
}

export const managedWaf = stackRule({
  name: "cloudflare-managed-waf",
  control: "platform web application firewall, the edge counterpart of FSBP ELB.16",
  description: "Every zone runs Cloudflare's managed WAF rules: the Cloudflare Managed Ruleset on Pro and up, the Free Managed Ruleset on Free (which cannot run the other)",
  check: ({ resources, declared }) => {
    const managedPhase = ofType(resources, RULESET).filter((r) => r.props["phase"] === "http_request_firewall_managed");
    const full = declared ? planRunsManagedRulesets(declared.zonePlan) : false;
    const accepted: string[] = full ? [MANAGED_RULESETS.cloudflareManaged] : [MANAGED_RULESETS.cloudflareManaged, MANAGED_RULESETS.freeManaged];
    const wanted = full ? "the Cloudflare Managed Ruleset (the zone's plan includes it)" : "a managed ruleset";
    return [...configuredZones(resources)].flatMap(([zone, anchor]): StackFinding[] => {
      const executed = executedRulesets(managedPhase.filter((r) => zoneOf(r) === zone));
      return executed.some((id) => accepted.includes(id)) ? [] : [{ urn: anchor.urn, message: `the zone does not execute ${wanted} in http_request_firewall_managed` }];
    });
  },
});
