/**
 * The defaults of {@link EdgeArgs}: the component uses them for what its caller leaves out, and
 * the tenant-file schema fills its fields from them.
 */

/** What {@link EdgeArgs} leaves out becomes. */
export const EDGE_DEFAULTS = {
  plan: "free",
  manageZone: true,
  certificate: true,
  /** HSTS when the tenant file says nothing: one year, no subdomains, no preload. */
  hsts: { maxAgeSeconds: 31536000, includeSubdomains: false, preload: false },
  managedRules: true,
  botFightMode: true,
  /** 30 days. */
  staticTtlSeconds: 2592000,
  originPulls: "off",
} as const;
