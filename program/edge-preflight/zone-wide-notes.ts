/**
 * The zone-wide settings a first deploy on a live zone (`edge.zoneId`) changes besides
 * `ZONE_SETTINGS`, as notes: they concern every host of the zone, not only the tenant's.
 * - the security header: HSTS is sent for every proxied host of the zone, and a browser that saw
 *   it refuses plain HTTP to that host for `max_age` seconds;
 * - URL normalization: with scope "both" every origin of the zone receives the normalized URL;
 * - bot management: the fields the deploy writes, and `is_robots_txt_managed`, which the provider
 *   sends as false when not given (terraform-provider-cloudflare v5
 *   internal/services/bot_management/schema.go: `Default: booldefault.StaticBool(false)`), so a
 *   managed robots.txt the zone had is turned off.
 */
import { botManagementArgs } from "../../components/edge/bots";
import { PLAN_LIMITS } from "../../components/edge/plans";
import { securityHeaderValue, URL_NORMALIZATION } from "../../components/edge/zone-wide-settings";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";
import type { CloudflareApi } from "./cloudflare-api";

/** `sbfmDefinitelyAutomated` → `sbfm_definitely_automated`: the API's name of a provider input. */
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The bot management fields the deploy writes, by their API names, with the provider's default for `is_robots_txt_managed`. */
function botFieldsWritten(spec: TenantSpec): Record<string, unknown> {
  const args = botManagementArgs("", PLAN_LIMITS[spec.edge.plan].botProtection, spec.edge.waf.botFightMode);
  const written = Object.fromEntries(Object.entries(args).filter(([name]) => name !== "zoneId").map(([name, value]) => [snakeCase(name), value]));
  return { ...written, is_robots_txt_managed: false };
}

/** What differs between the zone's value and the deploy's, field by field: `name from <zone's> to <deploy's>`. */
function differences(prefix: string, actual: Record<string, unknown>, wanted: Record<string, unknown>): string[] {
  return Object.entries(wanted)
    .filter(([name, value]) => actual[name] !== value)
    .map(([name, value]) => `${prefix}${name} from ${JSON.stringify(actual[name] ?? null)} to ${JSON.stringify(value)}`);
}

/** Notes on the security header, URL normalization and bot management the deploy changes on the zone. */
export async function zoneWideNotes(api: CloudflareApi, spec: TenantSpec, zoneId: string): Promise<string[]> {
  const { edge } = spec;
  const [header, normalization, bots] = await Promise.all([api.zoneSetting(zoneId, "security_header"), api.urlNormalization(zoneId), api.botManagement(zoneId)]);
  const hsts = ((header.value ?? {}) as { strict_transport_security?: Record<string, unknown> }).strict_transport_security ?? {};
  const headerChanges = differences("", hsts, securityHeaderValue(edge.hsts).strict_transport_security);
  const normalizationChanges = differences("", { ...normalization }, { ...URL_NORMALIZATION });
  const botChanges = differences("", bots, botFieldsWritten(spec));
  return [
    ...(headerChanges.length > 0 ? [`the deploy changes zone setting security_header (HSTS for every proxied host of the zone): ${headerChanges.join(", ")}`] : []),
    ...(normalizationChanges.length > 0 ? [`the deploy changes the zone's URL normalization (every origin of the zone receives the normalized URL with scope "both"): ${normalizationChanges.join(", ")}`] : []),
    ...(botChanges.length > 0 ? [`the deploy changes the zone's bot management: ${botChanges.join(", ")}`] : []),
  ];
}
