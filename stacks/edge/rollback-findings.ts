/**
 * Putting `edge.currentOrigin` back on an existing zone after the switch. While it is given the
 * deploy keeps a taken-over web record's content, proxied and ttl as the zone has them
 * (components/edge/edge.ts: `ignoreChanges` on KEPT_DURING_TAKEOVER) and labels it as the
 * current hosting's: records already moved to the load balancer would stay there, marked as if
 * they served the current hosting, and the next removal of `currentOrigin` would be taken for a
 * cutover that never happened. A rollback after the switch is a change of the records themselves.
 */
import { WEB_RECORD_COMMENTS } from "../../components/edge/edge";
import { qualifyHostname } from "../spec/sections/edge";
import type { TenantSpec } from "../spec/tenant-schema";
import type { ApiDnsRecord } from "./cloudflare-api";
import type { PreflightFinding } from "./edge-preflight";

const norm = (name: string) => name.toLowerCase().replace(/\.$/, "");

/**
 * Refuses `edge.currentOrigin` on an existing zone whose web records this stack holds already
 * point at the load balancer (their comment says so), naming them and how to roll back.
 * @param heldByStack true for a record this stack holds (its state, or the platform's marker when the state is unknown)
 */
export function currentOriginAfterSwitch(spec: TenantSpec, records: readonly ApiDnsRecord[], heldByStack: (record: ApiDnsRecord) => boolean): PreflightFinding[] {
  const { edge } = spec;
  if (edge.zoneId === undefined || edge.currentOrigin === undefined || spec.web === undefined) return [];
  const hostnames = new Set(edge.hostnames.map((h) => norm(qualifyHostname(h, edge.zone))));
  const moved = records.filter((r) => hostnames.has(norm(r.name)) && r.comment === WEB_RECORD_COMMENTS.loadBalancer && heldByStack(r));
  if (moved.length === 0) return [];
  return [{
    path: ["edge", "currentOrigin"],
    message: `is given again, but the switch already moved ${moved.map((r) => `${r.name} (record ${r.id})`).join(", ")} to the load balancer: the deploy would leave them there ` +
      "(while currentOrigin is given it keeps a web record's content, proxied and ttl as the zone has them) and label them as the current hosting's. " +
      `To roll back, point each record at ${edge.currentOrigin} yourself (dashboard, or PATCH /zones/<zone>/dns_records/<id> with {"content":"${edge.currentOrigin}"}), ` +
      "with the proxy status the site had, remove currentOrigin again and deploy only once the load balancer may serve: that deploy moves them back to it (docs/runbooks/dns-cutover.md, rolling back)",
  }];
}
