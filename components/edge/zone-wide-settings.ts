/**
 * What the Edge component writes zone-wide besides `ZONE_SETTINGS`: the security header (HSTS)
 * and URL normalization. One source for the component and for the edge preflight's notes on a
 * live zone taken over, which compares them with what the zone has.
 */
import type { EdgeArgs } from "./args";
import { EDGE_DEFAULTS } from "./defaults";


/**
 * The value of zone setting `security_header` (PATCH/GET /zones/{zone_id}/settings/security_header:
 * `{ strict_transport_security: { enabled, max_age, include_subdomains, preload, nosniff } }`,
 * Cloudflare API schema `zones_security_header_value`; cloudflare-typescript
 * src/resources/zones/settings/security-headers.ts). `nosniff` also sends
 * `X-Content-Type-Options: nosniff`. @param hsts the file's `edge.hsts`, false to turn HSTS off
 */
export function securityHeaderValue(hsts: EdgeArgs["hsts"] = EDGE_DEFAULTS.hsts): { strict_transport_security: Record<string, boolean | number> } {
  return {
    strict_transport_security: hsts
      ? { enabled: true, max_age: hsts.maxAgeSeconds, include_subdomains: hsts.includeSubdomains, preload: hsts.preload, nosniff: true }
      : { enabled: false, max_age: 0, include_subdomains: false, preload: false, nosniff: true },
  };
}

/**
 * The zone's URL normalization (PUT/GET /zones/{zone_id}/url_normalization, `{ type, scope }`:
 * terraform-provider-cloudflare v5 internal/services/url_normalization_settings/schema.go, type
 * "cloudflare" or "rfc3986", scope "incoming", "both" or "none"). The WAF's path rules see the
 * URL after normalization: the "cloudflare" type also merges successive slashes and turns back
 * slashes into slashes (RFC 3986 alone keeps `//admin/`), and scope "both" sends every origin of
 * the zone the URL the rules judged (developers.cloudflare.com/rules/normalization/settings/).
 */
export const URL_NORMALIZATION = { type: "cloudflare", scope: "both" } as const;
