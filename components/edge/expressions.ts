/** Cloudflare rule expressions (the Rules language) the Edge component builds, as pure functions. */
import { distinctLabel } from "../shared/naming";

/** Quotes a string for the Rules language. */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * Requests whose path is `path` or below it. Repeated slashes (`//admin/`) and back slashes are
 * merged by the zone's URL normalization (type "cloudflare", which the Edge component sets:
 * developers.cloudflare.com/rules/normalization/settings/), so the path a rule sees has none.
 *
 * `anyCase` matches in any letter case (`/Admin` reaches the same handler as `/admin` on
 * case-insensitive origins) through the Rules language's `lower()` function
 * (developers.cloudflare.com/ruleset-engine/rules-language/functions/#lower). Rate limiting
 * rules leave it out: on Free they accept only the path field itself in their expression
 * (developers.cloudflare.com/learning-paths/application-security/rate-limiting/features/).
 */
export function pathMatches(path: string, anyCase = false): string {
  const merged = path.replace(/\/+/g, "/").replace(/\/$/, "");
  const base = anyCase ? merged.toLowerCase() : merged;
  const subject = anyCase ? "lower(http.request.uri.path)" : "http.request.uri.path";
  return base === "" ? "true" : `(${subject} eq ${quote(base)} or starts_with(${subject}, ${quote(`${base}/`)}))`;
}

/** Block a path except for the allowed addresses. */
export function adminPathBlock(path: string, allow: readonly string[]): string {
  return `${pathMatches(path, true)} and not ip.src in {${allow.join(" ")}}`;
}

/** Requests from the given countries. */
export function countryBlock(countries: readonly string[]): string {
  return `ip.src.country in {${countries.map(quote).join(" ")}}`;
}

/** Static assets by extension. */
export function staticAssets(extensions: readonly string[]): string {
  return `http.request.uri.path.extension in {${extensions.map(quote).join(" ")}}`;
}

/** Requests that must not be cached: bypass paths or session cookies. */
export function cacheBypass(paths: readonly string[], cookies: readonly string[]): string | undefined {
  const parts = [
    ...paths.map((path) => pathMatches(path, true)),
    ...cookies.map((cookie) => `http.cookie contains ${quote(`${cookie}=`)}`),
  ];
  return parts.length > 0 ? parts.join(" or ") : undefined;
}

/** The readable label of a hostname: `@` → apex, `shop.eu` → shop-eu, `*.eu` → wildcard-eu. */
export function plainHostLabel(fqdn: string, zone: string): string {
  if (fqdn === zone) return "apex";
  return fqdn.slice(0, -zone.length - 1).replace(/^\*$/, "wildcard").replace(/^\*\./, "wildcard-").replace(/\./g, "-");
}

/** The hostname a plain label reads as (the inverse of {@link plainHostLabel} where it has one). */
function readPlainHostLabel(label: string, zone: string): string {
  if (label === "apex") return zone;
  return `${label.replace(/^wildcard$/, "*").replace(/^wildcard-/, "*.").replace(/-/g, ".")}.${zone}`;
}

/**
 * A short, stable label for a hostname in a resource name, distinct for distinct hostnames: the
 * plain label when it reads back as the hostname (`@` → apex, `shop.eu` → shop-eu), else the
 * plain label, `--` and a digest (`shop-eu`, which would read as shop.eu, becomes
 * shop-eu--<digest>; so do hostnames whose first label is "apex" or "wildcard").
 */
export function hostLabel(fqdn: string, zone: string): string {
  return distinctLabel(fqdn, plainHostLabel(fqdn, zone), (label) => readPlainHostLabel(label, zone));
}
