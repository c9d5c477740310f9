/** The tenant file → the arguments of its Edge. */
import type * as pulumi from "@pulumi/pulumi";
import type { EdgeArgs } from "../../../components/edge";
import type { AdoptedRuleset, AdoptedWebRecord } from "../../../components/edge/args";
import { qualifyHostname } from "../../../tenant-schema/sections/edge";
import type { TenantSpec } from "../../../tenant-schema/tenant-schema";

/** What the zone already holds that the edge takes over as it is (from the edge preflight). */
export interface EdgeAdoption {
  /** Records equal to the file's, to import, by record key. */
  readonly records: Record<string, string>;
  /** Entry-point rulesets to import, by phase. */
  readonly rulesets: Record<string, AdoptedRuleset>;
  /** Web hostname records to adopt while `edge.currentOrigin` is given. */
  readonly webRecords: Record<string, AdoptedWebRecord>;
}

/** What the edge takes from outside the `edge` section. */
export interface EdgeInputs {
  /** The load balancer's host name and what the web records wait for (used only with a web section). */
  readonly origin: { readonly hostname: pulumi.Output<string>; readonly ready: Promise<pulumi.Resource[]> };
  readonly adopt: EdgeAdoption;
  /** The stack's state holds web records pointing at the current hosting. */
  readonly webRecordsOnCurrentHosting: boolean;
}

/**
 * The zone, its records (names qualified with the zone), certificate, TLS, WAF, cache rules and
 * health check. The edge issues the origin certificate only for a web tier without its own
 * `certificateArn`; the health check probes `healthCheck.hostname`, else the first hostname that
 * is not a wildcard.
 */
export function edgeArgs(spec: TenantSpec, inputs: EdgeInputs): EdgeArgs {
  const { edge } = spec;
  const fqdn = (hostname: string) => qualifyHostname(hostname, edge.zone);
  const healthHost = edge.healthCheck ? (edge.healthCheck.hostname ?? edge.hostnames.find((h) => !h.startsWith("*"))) : undefined;
  const origin = spec.web ? inputs.origin : undefined;
  return {
    zoneName: edge.zone,
    hostnames: edge.hostnames.map(fqdn),
    plan: edge.plan,
    accountId: edge.accountId,
    zoneId: edge.zoneId,
    delegated: edge.delegated,
    currentOrigin: edge.currentOrigin,
    manageZone: edge.manageZone,
    originHostname: origin?.hostname,
    originReady: origin?.ready,
    adoptWebRecords: inputs.adopt.webRecords,
    webRecordsOnCurrentHosting: inputs.webRecordsOnCurrentHosting,
    records: edge.records.map((record) => ({ ...record, name: fqdn(record.name) })),
    adoptRecords: inputs.adopt.records,
    adoptRulesets: inputs.adopt.rulesets,
    certificate: spec.web !== undefined && spec.web.loadBalancer.certificateArn === undefined,
    hsts: edge.hsts,
    managedRules: edge.waf.managedRules,
    adminPaths: edge.waf.adminPaths,
    blockCountries: edge.waf.blockCountries,
    botFightMode: edge.waf.botFightMode,
    rateLimits: edge.waf.rateLimits,
    staticTtlSeconds: edge.cache.staticTtlSeconds,
    bypassPaths: edge.cache.bypassPaths,
    bypassCookies: edge.cache.bypassCookies,
    healthCheck: edge.healthCheck && healthHost ? { hostname: fqdn(healthHost), path: edge.healthCheck.path } : undefined,
    alertEmails: spec.monitoring?.alertEmails,
    originPulls: edge.originPulls === true ? "enforced" : edge.originPulls === "staged" ? "staged" : "off",
  };
}
