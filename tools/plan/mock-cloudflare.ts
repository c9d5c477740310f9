/**
 * What Cloudflare's API computes for a new resource of the offline plan, and what it refuses.
 * The refusals are the API's own (each cites its source); a mock never accepts what the API
 * would reject, and never invents a value the API would not return.
 */
import { MOCK_NAME_SERVERS } from "./mock-fixtures";

type State = Record<string, unknown>;

/** Throws the API's refusal of a resource. */
function refuse(type: string, name: string, message: string): never {
  throw new Error(`${name} (${type}): Cloudflare would refuse it: ${message}`);
}

function oneOf(type: string, name: string, field: string, value: unknown, allowed: readonly unknown[]): void {
  if (value !== undefined && !allowed.includes(value)) refuse(type, name, `${field} ${JSON.stringify(value)} is not one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`);
}

/** Record types the proxy serves (developers.cloudflare.com/dns/proxy-status/: A, AAAA and CNAME only). */
const PROXIABLE = ["A", "AAAA", "CNAME"];

/** Checks a DNS record as the API does (developers.cloudflare.com/api/resources/dns/subresources/records/). */
function checkDnsRecord(type: string, name: string, inputs: State): void {
  const recordType = String(inputs["type"]);
  const ttl = inputs["ttl"];
  if (inputs["proxied"] === true && !PROXIABLE.includes(recordType)) refuse(type, name, `a ${recordType} record cannot be proxied`);
  // "Setting to 1 means 'automatic'. Value must be between 60 and 86400" (30 on Enterprise).
  if (typeof ttl === "number" && ttl !== 1 && (ttl < 30 || ttl > 86400)) refuse(type, name, `ttl ${ttl} is neither 1 (automatic) nor between 60 and 86400`);
  // A proxied record's TTL is automatic: the API answers 1 whatever was sent, a permanent diff.
  if (inputs["proxied"] === true && typeof ttl === "number" && ttl !== 1) refuse(type, name, "a proxied record's ttl is 1 (automatic)");
  if (recordType === "MX" && typeof inputs["priority"] !== "number") refuse(type, name, "an MX record needs a priority");
}

/**
 * Attributes Cloudflare computes, merged over the inputs, for the `cloudflare` package; the
 * allowed values are those of terraform-provider-cloudflare v5 (internal/services/<resource>/schema.go).
 */
export function mockCloudflareState(type: string, name: string, hash: string, inputs: State, id: (length: number) => string): { id: string; state: State } {
  const state: State = { ...inputs };
  switch (type) {
    case "cloudflare:index/zone:Zone":
      // A created zone waits for its name servers (status pending) and starts on Free: `plan`
      // is computed (internal/services/zone/schema.go) and changed only by a zone subscription.
      return { id: id(32), state: { ...state, nameServers: MOCK_NAME_SERVERS, status: "pending" } };
    case "cloudflare:index/dnsRecord:DnsRecord":
      checkDnsRecord(type, name, inputs);
      break;
    case "cloudflare:index/zoneSubscription:ZoneSubscription": {
      const ratePlan = (inputs["ratePlan"] ?? {}) as State;
      oneOf(type, name, "ratePlan.id", ratePlan["id"], ["free", "lite", "pro", "pro_plus", "business", "enterprise", "partners_free", "partners_pro", "partners_business", "partners_enterprise", "partners_ent"]);
      oneOf(type, name, "frequency", inputs["frequency"], ["weekly", "monthly", "quarterly", "yearly", "not-applicable"]);
      // The subscription's id is its zone's (import id `<zone_id>`, resource.go).
      return { id: typeof inputs["zoneId"] === "string" ? inputs["zoneId"] : id(32), state };
    }
    case "cloudflare:index/originCaCertificate:OriginCaCertificate": {
      oneOf(type, name, "requestType", inputs["requestType"], ["origin-rsa", "origin-ecc", "keyless-certificate"]);
      oneOf(type, name, "requestedValidity", inputs["requestedValidity"], [7, 30, 90, 365, 730, 1095, 5475]);
      if (!Array.isArray(inputs["hostnames"]) || inputs["hostnames"].length === 0) refuse(type, name, "hostnames is required");
      return { id: id(40).replace(/[a-f]/g, (c) => String(c.charCodeAt(0) % 10)), state: { ...state, certificate: `-----BEGIN CERTIFICATE-----\nT0ZGTElORS1PUklHSU4tQ0E${hash}\n-----END CERTIFICATE-----\n` } };
    }
    case "cloudflare:index/authenticatedOriginPullsCertificate:AuthenticatedOriginPullsCertificate":
      // Create returns while the certificate deploys (the provider does not wait for `active`).
      return { id: id(32), state: { ...state, status: "pending_deployment" } };
    case "cloudflare:index/urlNormalizationSettings:UrlNormalizationSettings":
      oneOf(type, name, "type", inputs["type"], ["cloudflare", "rfc3986"]);
      oneOf(type, name, "scope", inputs["scope"], ["incoming", "both", "none"]);
      break;
    case "cloudflare:index/botManagement:BotManagement":
      oneOf(type, name, "sbfmDefinitelyAutomated", inputs["sbfmDefinitelyAutomated"], ["allow", "block", "managed_challenge"]);
      oneOf(type, name, "sbfmLikelyAutomated", inputs["sbfmLikelyAutomated"], ["allow", "block", "managed_challenge"]);
      oneOf(type, name, "sbfmVerifiedBots", inputs["sbfmVerifiedBots"], ["allow", "block"]);
      break;
    default:
      break;
  }
  return { id: hash.slice(0, 16), state };
}
