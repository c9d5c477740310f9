/**
 * The defaults of {@link EdgeArgs}: the tenant-file schema fills its fields from them, and a
 * caller building the args by hand spreads them.
 */

/** The settings of {@link EdgeArgs} a tenant file may leave out. */
export const EDGE_DEFAULTS = {
  /** Cloudflare's Free plan. */
  plan: "free",
  /** The tenant manages its zone's settings, WAF and cache rules. */
  manageZone: true,
  /** The load balancer gets a certificate from the edge. */
  certificate: true,
  /** HSTS when the tenant file says nothing: one year, no subdomains, no preload. */
  hsts: { maxAgeSeconds: 31536000, includeSubdomains: false, preload: false },
  /** Managed WAF rulesets, as the plan offers them. */
  managedRules: true,
  /** Bot protection on. */
  botFightMode: true,
  /** 30 days. */
  staticTtlSeconds: 2592000,
  /** No authenticated origin pulls. */
  originPulls: "off",
} as const;
