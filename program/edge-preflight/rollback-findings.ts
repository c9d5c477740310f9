/**
 * Rolling the web records back after the switch, and records edited outside the stack.
 *
 * A deploy compares the tenant file with the stack's state, not with the zone: `pulumi up`
 * refreshes only with `--refresh` or the project option `options.refresh: always` (pulumi/pulumi
 * pkg/cmd/pulumi/operations/io.go `getRefreshOption`: "the default functionality right now is to
 * always skip a refresh"), and Pulumi.yaml sets neither. A record edited in the dashboard or
 * through the API keeps, in the state, what the last deploy wrote: the next deploy sees no
 * difference and leaves the zone as it is, and the state keeps deciding the switch
 * (program/tenant/stack-state.ts reads the web records' comments). `pulumi refresh` reads the
 * records into the state (the provider's Read).
 *
 * Putting `edge.currentOrigin` back on an existing zone after the switch: while it is given the
 * deploy keeps a taken-over web record's content, proxied and ttl as the zone has them
 * (components/edge/edge.ts: `ignoreChanges` on KEPT_DURING_TAKEOVER) and labels it as the
 * current hosting's. A rollback is therefore a return to the state before the switch: each
 * record edited back (content, proxy status and the current hosting's comment), `pulumi
 * refresh`, then `currentOrigin` in the file again; the next switch is then the usual one.
 */
import { WEB_RECORD_COMMENTS } from "../../components/edge/edge";
import { recordKey } from "../../components/edge/record-key";
import { qualifyHostname } from "../../tenant-schema/sections/edge";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";
import type { StateRecord } from "../tenant/stack-state";
import type { ApiDnsRecord } from "./cloudflare-api";
import type { PreflightFinding } from "./edge-preflight";

const norm = (name: string) => name.toLowerCase().replace(/\.$/, "");

/** The steps of a rollback after the switch (docs/runbooks/dns-cutover.md, "Rolling back"). */
export function rollbackSteps(currentOrigin: string): string {
  return `To roll back, edit each record yourself (dashboard, or PATCH /zones/<zone>/dns_records/<id> with {"content":"${currentOrigin}","proxied":<the proxy status it had before the switch>,"comment":${JSON.stringify(WEB_RECORD_COMMENTS.currentHosting)}}), ` +
    "run `pulumi refresh` (a deploy compares the file with the stack's state, not with the zone), then put edge.currentOrigin back and deploy: " +
    "the deploy keeps the records as the zone has them, and removing currentOrigin later is the switch again (docs/runbooks/dns-cutover.md, rolling back)";
}

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
      rollbackSteps(edge.currentOrigin),
  }];
}

/** How a web record in the zone differs from the stack's state: the fields, each `zone vs state`; empty when equal. */
function differences(record: ApiDnsRecord, held: StateRecord): string[] {
  const key = (content: string) => recordKey({ type: record.type, name: record.name, content });
  return [
    ...(held.content !== undefined && key(held.content) !== key(record.content) ? [`content ${record.content} (state: ${held.content})`] : []),
    ...(held.proxied !== undefined && record.proxied !== undefined && held.proxied !== record.proxied ? [`proxied ${record.proxied} (state: ${held.proxied})`] : []),
    ...(held.comment !== undefined && held.comment !== (record.comment ?? "") ? [`comment "${record.comment ?? ""}" (state: "${held.comment}")`] : []),
  ];
}

/**
 * Refuses a deploy while a web hostname's record the stack holds differs in the zone from the
 * stack's state (content, proxy status or comment): the deploy would not see the edit, so a
 * rolled-back record would stay on the current hosting while the stack says it serves the load
 * balancer, and the switch would be decided by what the state says. `pulumi refresh` first.
 * @param stateRecords the stack's records by id as its state holds them; undefined when unknown (nothing is checked)
 */
export function webRecordsEditedOutsideStack(spec: TenantSpec, records: readonly ApiDnsRecord[], stateRecords: ReadonlyMap<string, StateRecord> | undefined): PreflightFinding[] {
  const { edge } = spec;
  if (stateRecords === undefined || spec.web === undefined) return [];
  return edge.hostnames.flatMap((hostname, i): PreflightFinding[] => {
    const fqdn = norm(qualifyHostname(hostname, edge.zone));
    return records.flatMap((record): PreflightFinding[] => {
      const held = stateRecords.get(record.id);
      // Web records are CNAMEs from their first deploy (components/edge/edge.ts).
      if (held === undefined || record.type !== "CNAME" || norm(record.name) !== fqdn) return [];
      const changed = differences(record, held);
      if (changed.length === 0) return [];
      return [{
        path: ["edge", "hostnames", i],
        message: `${record.name} (record ${record.id}) was changed outside the stack: the zone has ${changed.join(", ")}. ` +
          "A deploy compares the file with the stack's state, not with the zone (pulumi up refreshes only with --refresh), so it would leave the record as it is while the state says otherwise. " +
          "Run `pulumi refresh` (it reads the record into the state), then deploy",
      }];
    });
  });
}
