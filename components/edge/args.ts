import type * as pulumi from "@pulumi/pulumi";
import type { OriginPullsMode } from "./origin-pulls";
import type { CloudflarePlan } from "./plans";

/** A DNS record other than the web hostnames (mail, verification, other services). */
export interface ExtraRecord {
  type: "MX" | "TXT" | "CNAME" | "A" | "AAAA";
  /** Fully qualified name. */
  name: string;
  content: string;
  /** Seconds. */
  ttl: number;
  /** MX priority. @default undefined */
  priority?: number;
  /** Through Cloudflare's proxy (CNAME, A, AAAA only). @default false */
  proxied?: boolean;
}

/** An edge allowlist: only these addresses reach the path. */
export interface AdminPath {
  path: string;
  allow: string[];
}

/** A per-client request limit. */
export interface RateLimit {
  path: string;
  requests: number;
  periodSeconds: number;
  mitigationSeconds: number;
}

/**
 * Arguments of {@link Edge}. The settings the tenant schema fills are required; by hand, spread
 * the defaults: `{ ...EDGE_DEFAULTS, zoneName: "acme.example", hostnames: ["acme.example"], … }`.
 */
export interface EdgeArgs {
  /** The zone (domain), e.g. `acme.example`. */
  zoneName: string;
  /** Fully qualified web hostnames, proxied to the origin. */
  hostnames: string[];
  /** The zone's plan; the component uses only what it offers. The tenant schema's default is `EDGE_DEFAULTS.plan`. */
  plan: CloudflarePlan;
  /** Account to create the zone in (and to send notifications from). @default undefined */
  accountId?: string;
  /** An existing zone to use instead of creating one. @default undefined (the zone is created) */
  zoneId?: string;
  /** Manage zone-wide settings, WAF, cache rules and bot protection. The tenant schema's default is `EDGE_DEFAULTS.manageZone`. */
  manageZone: boolean;
  /** Host name the web hostnames point at (the load balancer). No web records without it. @default undefined */
  originHostname?: pulumi.Input<string>;
  /**
   * The host name of the hosting that serves the hostnames today (a live site moving here).
   * A created zone: until `delegated`, the web records point at it unproxied, so the site keeps
   * its own certificate while Cloudflare provisions the zone's edge certificate. An existing zone
   * (`zoneId`): while it is given, the web records keep what the zone has (adopted through
   * `adoptWebRecords`; a hostname without a record gets an unproxied CNAME to it), and the load
   * balancer serves a Cloudflare Origin CA certificate; removing it is the cutover. Either way the
   * records then change in place to the load balancer, proxied, after its HTTPS listener
   * (`originReady`). @default undefined (proxied to the load balancer at once)
   */
  currentOrigin?: string;
  /**
   * Web hostname records already on an existing zone (`zoneId`) to adopt while `currentOrigin`
   * is given: the hostname (fully qualified) → the record's import id and its content, proxy
   * status and TTL, as the edge preflight reads them (CNAME records only: the type cannot change
   * in place; never a record the stack has in state). @default {}
   */
  adoptWebRecords?: Readonly<Record<string, AdoptedWebRecord>>;
  /**
   * Resources the web records wait for: the load balancer's HTTPS listener, so that no record
   * points at the load balancer before it serves HTTPS. @default none
   */
  originReady?: pulumi.Input<pulumi.Resource[]>;
  /** Other records. @default [] */
  records?: ExtraRecord[];
  /**
   * Records already on the zone that equal one of `records`, to adopt rather than create (the
   * API refuses a duplicate): `recordKey(record)` → import id `<zone id>/<record id>`, as the
   * edge preflight finds them (records equal by type, name, content and priority; never the
   * platform's own, already in the stack). Since Pulumi 3.174 the engine imports and then updates
   * in one deployment (pulumi CHANGELOG 3.174.0), so a differing TTL, proxy status or comment is
   * updated in place after the import. @default {}
   */
  adoptRecords?: Record<string, string>;
  /**
   * Entry-point rulesets already on an existing zone (`zoneId`), to adopt rather than create (the
   * API allows one per zone and phase: error 20217): phase → the ruleset's id and name, as the
   * edge preflight finds them (never the platform's own, already in the stack). The ruleset is
   * imported as `zones/<zone id>/<ruleset id>` (v5 internal/services/ruleset/resource.go
   * ImportState) and keeps its name, which forces a replacement (schema.go); its rules become the
   * file's in place. Ignored without `zoneId`. @default {}
   */
  adoptRulesets?: Readonly<Record<string, AdoptedRuleset>>;
  /**
   * Issue a certificate for the load balancer: ACM's, validated through records in the zone (the
   * Origin CA's until `delegated`, and while the web records move: `webRecordsOnCurrentHosting`).
   * A tenant gets one when it has a web tier without its own certificate; by hand, `EDGE_DEFAULTS.certificate`.
   */
  certificate: boolean;
  /**
   * The stack's last deployment left web records pointing at the current hosting (read from its
   * state). A deploy that no longer awaits the cutover moves them to the load balancer; it keeps
   * the Origin CA certificate the listener serves, so that the move waits for nothing but the
   * listener: ACM's certificate is requested by the next deploy, when the records point at the
   * load balancer, proxied, and the CAA records of the zone alone apply to them (a DNS-only CNAME
   * to the current hosting would make its CAA records apply, RFC 8659 section 3, and hostings
   * that allow only their own CA stop ACM). @default false
   */
  webRecordsOnCurrentHosting?: boolean;
  /**
   * The zone answers for its domain (its name servers are set at the registrar). A zone the
   * component creates starts undelegated: the load balancer serves a Cloudflare Origin CA
   * certificate, and ACM's certificate and its validation records are requested only once this is
   * true (ACM gives up on a request it cannot validate within 72 hours). @default false for a
   * created zone; for an existing zone, true unless `currentOrigin` is given
   */
  delegated?: boolean;
  /** HSTS from the edge, or false. The tenant schema's default is `EDGE_DEFAULTS.hsts`. */
  hsts: false | { maxAgeSeconds: number; includeSubdomains: boolean; preload: boolean };
  /** Managed WAF rulesets (by plan). The tenant schema's default is `EDGE_DEFAULTS.managedRules`. */
  managedRules: boolean;
  /** Edge allowlists for back-office paths. @default [] */
  adminPaths?: AdminPath[];
  /** Countries (ISO codes) blocked at the edge. @default [] */
  blockCountries?: string[];
  /**
   * Bot protection: Bot Fight Mode on Free, Super Bot Fight Mode (challenge automated traffic)
   * on Pro and up; false turns it off (sent as off, never left as it was). The tenant schema's
   * default is `EDGE_DEFAULTS.botFightMode`.
   */
  botFightMode: boolean;
  /** Rate limits. @default [] */
  rateLimits?: RateLimit[];
  /** Edge lifetime of static assets, seconds. The tenant schema's default is `EDGE_DEFAULTS.staticTtlSeconds`. */
  staticTtlSeconds: number;
  /** Paths never cached. @default [] */
  bypassPaths?: string[];
  /** Cookies whose presence bypasses the cache. @default [] */
  bypassCookies?: string[];
  /** Health check of a hostname every 5 minutes (plans with health checks). @default undefined */
  healthCheck?: { hostname: string; path: string };
  /**
   * Authenticated origin pulls with the zone's own certificate (zone-wide, needs `manageZone`):
   * `staged` uploads it and has Cloudflare present it; `enforced` also has the load balancer
   * require it (give `originPullCaPem` to the WebTier), once the certificate is active; `off`
   * turns the zone setting off. Not with a health check when enforced. A tenant file's
   * `originPulls: false`, its default, is `EDGE_DEFAULTS.originPulls`.
   */
  originPulls: OriginPullsMode;
  /** Who hears about the health check. @default [] */
  alertEmails?: string[];
}

/** A web hostname's record of an existing zone the deploy adopts as it is (`EdgeArgs.adoptWebRecords`). */
export interface AdoptedWebRecord {
  /** `<zone id>/<record id>`. */
  importId: string;
  content: string;
  proxied: boolean;
  /** Seconds, or 1 (automatic). */
  ttl: number;
}

/** An entry-point ruleset of the zone the deploy adopts: its id and its name, kept as it is. */
export interface AdoptedRuleset {
  id: string;
  name: string;
}
