/**
 * What a first deploy changes on a live zone taken over (`edge.zoneId`) beyond its records and
 * rulesets: the zone settings the edge enforces (with the security header, URL normalization and
 * bot management: zone-wide-notes.ts) and the zone's Cloud Connector rules. Settings
 * are written zone-wide: SSL "strict" makes Cloudflare refuse every proxied host whose origin has
 * no valid certificate (developers.cloudflare.com/ssl/origin-configuration/ssl-modes/full-strict/),
 * so a lower mode blocks until a person has checked the zone's other hosts. The media bucket
 * writes the whole Cloud Connector rule list (v5 internal/services/cloud_connector_rules/resource.go:
 * Create and Update both call `CloudConnector.Rules.Update`, the PUT of the full list), so rules
 * someone else made would be dropped: listed, blocking.
 */
import { ZONE_SETTINGS } from "../../components/edge/edge";
import { qualifyHostname } from "../../tenant-schema/sections/edge";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";
import type { ApiDnsRecord, CloudflareApi } from "./cloudflare-api";
import type { PreflightFinding } from "./edge-preflight";
import { zoneWideNotes } from "./zone-wide-notes";

const norm = (name: string) => name.toLowerCase().replace(/\.$/, "");

/** The zone's settings and Cloud Connector rules a deploy would change: blocking findings and notes. */
export async function takeoverFindings(api: CloudflareApi, spec: TenantSpec, zoneId: string, records: readonly ApiDnsRecord[]): Promise<{ blocking: PreflightFinding[]; notes: string[] }> {
  const { edge } = spec;
  const blocking: PreflightFinding[] = [];
  const notes: string[] = [];
  if (edge.zoneId === undefined) return { blocking, notes };
  if (edge.manageZone) {
    const settings = await Promise.all(ZONE_SETTINGS.map((setting) => api.zoneSetting(zoneId, setting.id)));
    ZONE_SETTINGS.forEach((wanted, i) => {
      const actual = settings[i]!.value;
      if (actual === wanted.value) return;
      if (wanted.id === "ssl") {
        const ours = new Set(edge.hostnames.map((h) => norm(qualifyHostname(h, edge.zone))));
        const others = [...new Set(records.filter((r) => r.proxied && !ours.has(norm(r.name))).map((r) => r.name))];
        blocking.push({
          path: ["edge", "zoneId"],
          message: `zone ${edge.zone} has SSL/TLS mode ${String(actual)}; the deploy sets strict, and Cloudflare then refuses every proxied host whose origin has no valid certificate ` +
            `(other proxied hosts of the zone: ${others.join(", ") || "none"}). Check that each serves a certificate a public CA issued (or a Cloudflare Origin CA certificate), ` +
            "set SSL/TLS mode Full (strict) in the dashboard, then deploy",
        });
      } else {
        notes.push(`the deploy changes zone setting ${wanted.id} from ${JSON.stringify(actual)} to ${JSON.stringify(wanted.value)}`);
      }
    });
    notes.push(...await zoneWideNotes(api, spec, zoneId));
  }
  if (spec.media) {
    const host = qualifyHostname(spec.media.hostname, edge.zone);
    const ours = `http.host eq "${host}"`;
    const dropped = (await api.cloudConnectorRules(zoneId)).filter((rule) => !(rule.provider === "aws_s3" && rule.expression === ours));
    if (dropped.length > 0) {
      blocking.push({
        path: ["media"],
        message: `zone ${edge.zone} has ${dropped.length} Cloud Connector rule(s) the media bucket's would replace (it writes the whole list):` +
          dropped.map((rule) => `\n    - ${rule.description ? `"${rule.description}"` : `rule ${rule.id ?? "?"}`}: ${rule.provider ?? "?"} ${rule.parameters?.host ?? ""} when ${rule.expression ?? "?"}`).join("") +
          "\n  Serve those hosts another way (or drop the media section), delete the rules (dashboard: Rules > Cloud Connector), then deploy",
      });
    }
  }
  return { blocking, notes };
}
