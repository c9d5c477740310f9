/** Rules of the edge section: what the zone's plan offers, and how the edge relates to the rest. */
import { planFeatures, type EdgeUsage, type FeatureUse } from "../../../components/edge/features";
import { PLAN_LIMITS } from "../../../components/edge/plans";
import { qualifyHostname, type EdgeSpec } from "../sections/edge";

interface Context {
  addIssue(issue: { code: "custom"; path: PropertyKey[]; message: string }): void;
}

interface Relevant {
  edge: EdgeSpec;
  monitoring?: { alertEmails: string[] };
  web?: { loadBalancer: { certificateArn?: string } };
}

/** How many custom rules the edge section makes (one per admin path, one for all blocked countries). */
function customRuleCount(edge: EdgeSpec): number {
  return edge.waf.adminPaths.length + (edge.waf.blockCountries.length > 0 ? 1 : 0);
}

/** What the edge section uses of its zone's plan. */
export function edgeUsage(edge: EdgeSpec): EdgeUsage {
  return {
    managedRules: edge.waf.managedRules,
    customRules: customRuleCount(edge),
    rateLimitRules: edge.waf.rateLimits.length,
    rateLimitPeriods: [...new Set(edge.waf.rateLimits.map((l) => l.periodSeconds))],
    mitigationSeconds: [...new Set(edge.waf.rateLimits.map((l) => l.mitigationSeconds))],
    cacheRules: 1 + (edge.cache.bypassPaths.length + edge.cache.bypassCookies.length > 0 ? 1 : 0),
    staticTtlSeconds: edge.cache.staticTtlSeconds,
    healthChecks: edge.healthCheck ? 1 : 0,
    botProtection: edge.waf.botFightMode,
  };
}

/** Per Cloudflare feature: what the zone's plan allows and what the tenant file uses. */
export function edgeFeatures(edge: EdgeSpec): FeatureUse[] {
  return planFeatures(edge.plan, edgeUsage(edge));
}

export function checkEdge(spec: Relevant, ctx: Context): void {
  const { edge } = spec;
  const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path: ["edge", ...path], message });
  const limits = PLAN_LIMITS[edge.plan];
  const plan = `the ${edge.plan} plan`;

  if (!edge.accountId && !edge.zoneId) {
    add([], "needs accountId (the Cloudflare account to create the zone in) or zoneId (an existing zone)");
  }
  if (!edge.zoneId && edge.plan === "enterprise") {
    add(["plan"], "enterprise is a contract with Cloudflare, not a plan the platform can buy for a zone it creates: create the zone, have it upgraded, then give its zoneId");
  }
  const customRules = customRuleCount(edge);
  if (customRules > limits.customRules) {
    add(["waf", "adminPaths"], `makes ${customRules} custom rules; ${plan} allows ${limits.customRules}`);
  }
  if (edge.waf.rateLimits.length > limits.rateLimitRules) {
    add(["waf", "rateLimits"], `has ${edge.waf.rateLimits.length} rules; ${plan} allows ${limits.rateLimitRules}`);
  }
  edge.waf.rateLimits.forEach((limit, i) => {
    if (!limits.rateLimitPeriods.includes(limit.periodSeconds)) {
      add(["waf", "rateLimits", i, "periodSeconds"], `${limit.periodSeconds} s is not offered on ${plan}; it counts over ${limits.rateLimitPeriods.join(" or ")} s`);
    }
    if (limit.mitigationSeconds === 0 && !limits.throttle) {
      add(["waf", "rateLimits", i, "mitigationSeconds"], `0 (throttle) is Enterprise only; ${plan} blocks for one of 10, 60, 120, 300, 600, 3600 or 86400 s up to ${limits.maxMitigationSeconds} s`);
    } else if (limit.mitigationSeconds > limits.maxMitigationSeconds) {
      add(["waf", "rateLimits", i, "mitigationSeconds"], `${plan} blocks for at most ${limits.maxMitigationSeconds} s`);
    }
  });
  const cacheRules = edgeUsage(edge).cacheRules;
  if (cacheRules > limits.cacheRules) add(["cache"], `needs ${cacheRules} cache rules; ${plan} allows ${limits.cacheRules}`);
  if (edge.cache.staticTtlSeconds < limits.minEdgeTtlSeconds) {
    add(["cache", "staticTtlSeconds"], `${edge.cache.staticTtlSeconds} s is below the shortest edge cache TTL of ${plan} (${limits.minEdgeTtlSeconds} s)`);
  }
  if (edge.healthCheck) {
    if (limits.healthChecks === 0) {
      add(["healthCheck"], `${plan} has no health checks; choose plan pro or higher, or set healthCheck: false`);
    }
    if (!spec.monitoring || spec.monitoring.alertEmails.length === 0) {
      ctx.addIssue({ code: "custom", path: ["edge", "healthCheck"], message: "needs monitoring.alertEmails to tell someone" });
    } else if (!edge.accountId) {
      add(["healthCheck"], "needs edge.accountId: health notifications belong to a Cloudflare account");
    }
    const host = edge.healthCheck.hostname ?? edge.hostnames.find((h) => !h.startsWith("*"));
    if (!host || host.startsWith("*")) add(["healthCheck", "hostname"], "needs a hostname that is not a wildcard");
    else if (!edge.hostnames.includes(host)) add(["healthCheck", "hostname"], `"${host}" is not one of edge.hostnames`);
  }
  if (edge.hsts && edge.hsts.preload && (!edge.hsts.includeSubdomains || edge.hsts.maxAgeSeconds < 31536000)) {
    add(["hsts", "preload"], "preload lists require includeSubdomains: true and maxAgeSeconds of at least 31536000");
  }
  if (!edge.manageZone) {
    const customized = edge.waf.adminPaths.length + edge.waf.blockCountries.length + edge.waf.rateLimits.length
      + edge.cache.bypassPaths.length + edge.cache.bypassCookies.length;
    if (customized > 0) add(["manageZone"], "is false, so this tenant's WAF and cache settings would not be applied: the zone's managing tenant sets them");
  }
  const webNames = new Set(edge.hostnames.map((h) => qualifyHostname(h, edge.zone)));
  // The first record of each full name, and the first CNAME of each.
  const firstOfName = new Map<string, number>();
  const cnameOfName = new Map<string, number>();
  edge.records.forEach((record, i) => {
    const name = qualifyHostname(record.name, edge.zone);
    // A name is relative to the zone (as hostnames are): "www.acme.example" in zone acme.example
    // would become www.acme.example.acme.example.
    if (record.name === edge.zone || record.name.endsWith(`.${edge.zone}`)) {
      const relative = record.name === edge.zone ? "@" : record.name.slice(0, -edge.zone.length - 1);
      add(["records", i, "name"], `record names are relative to edge.zone: write "${relative}" instead of "${record.name}"`);
      return;
    }
    // A CNAME name carries no other record (RFC 1034 section 3.6.2: "If a CNAME RR is present at
    // a node, no other data should be present"); Cloudflare refuses one with API errors 81053
    // "An A, AAAA, or CNAME record with that host already exists" and 81054 "A CNAME record with
    // that host already exists", whose message links
    // https://developers.cloudflare.com/dns/manage-dns-records/troubleshooting/records-with-same-name/
    // (as quoted in joshuaavalon/SynologyCloudflareDDNS#29).
    const cname = cnameOfName.get(name);
    const first = firstOfName.get(name);
    if (cname !== undefined) {
      add(["records", i, "name"], `"${record.name}" has a CNAME record already (edge.records[${cname}]); a name with a CNAME carries no other record`);
    } else if (record.type === "CNAME" && first !== undefined) {
      add(["records", i, "name"], `"${record.name}" has a record already (${edge.records[first]!.type}, edge.records[${first}]); a CNAME cannot share its name with another record`);
    }
    if (first === undefined) firstOfName.set(name, i);
    if (record.type === "CNAME" && cname === undefined) cnameOfName.set(name, i);
    // A web hostname is a CNAME: Cloudflare refuses an A, AAAA or CNAME record of the same name
    // (API errors 81053 "An A, AAAA, or CNAME record with that host already exists" and 81054).
    if (["A", "AAAA", "CNAME"].includes(record.type) && webNames.has(qualifyHostname(record.name, edge.zone))) {
      add(["records", i, "name"], `"${record.name}" is a web hostname already; its record is managed for you`);
    }
  });
  if (edge.originPulls && !edge.manageZone) {
    add(["originPulls"], "turns on a zone-wide setting; only the tenant that manages the zone (manageZone: true) can turn it on");
  }
  if (edge.originPulls && !spec.web) add(["originPulls"], "needs a web section: the load balancer is what checks the certificate");
  if (edge.originPulls === true && edge.healthCheck) {
    // Standalone health checks cannot present the zone's client certificate (they have no
    // probe_zone, unlike load balancer monitors: terraform-provider-cloudflare v5
    // internal/services/healthcheck/schema.go), and the load balancer's mutual TLS applies to
    // every path of its listener, so the check would report unhealthy forever.
    add(["healthCheck"], 'cannot pass a load balancer that requires origin-pull certificates (originPulls: true): set healthCheck: false, or originPulls: "staged" or false; the load balancer\'s own alarms watch the targets');
  }
}
