/** Rules of the edge section: what the zone's plan offers, and how the edge relates to the rest. */
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

export function checkEdge(spec: Relevant, ctx: Context): void {
  const { edge } = spec;
  const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path: ["edge", ...path], message });
  const limits = PLAN_LIMITS[edge.plan];
  const plan = `the ${edge.plan} plan`;

  if (!edge.accountId && !edge.zoneId) {
    add([], "needs accountId (the Cloudflare account to create the zone in) or zoneId (an existing zone)");
  }
  const customRules = edge.waf.adminPaths.length + (edge.waf.blockCountries.length > 0 ? 1 : 0);
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
    if (limit.mitigationSeconds > limits.maxMitigationSeconds) {
      add(["waf", "rateLimits", i, "mitigationSeconds"], `${plan} blocks for at most ${limits.maxMitigationSeconds} s`);
    }
  });
  const cacheRules = 1 + (edge.cache.bypassPaths.length + edge.cache.bypassCookies.length > 0 ? 1 : 0);
  if (cacheRules > limits.cacheRules) add(["cache"], `needs ${cacheRules} cache rules; ${plan} allows ${limits.cacheRules}`);
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
  edge.records.forEach((record, i) => {
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
}
