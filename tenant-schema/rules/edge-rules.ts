/** Rules of the edge section: what the zone's plan offers (plan-features.ts), and how the edge relates to the rest. */
import { qualifyHostname, type EdgeSpec } from "../sections/edge";
import { checkPlanFeatures } from "./plan-features";

interface Context {
  addIssue(issue: { code: "custom"; path: PropertyKey[]; message: string }): void;
}

interface Relevant {
  edge: EdgeSpec;
  media?: unknown;
  monitoring?: { alertEmails: string[] };
  web?: { loadBalancer: { certificateArn?: string } };
}

export function checkEdge(spec: Relevant, ctx: Context): void {
  const { edge } = spec;
  const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path: ["edge", ...path], message });

  if (!edge.accountId && !edge.zoneId) {
    add([], "needs accountId (the Cloudflare account to create the zone in) or zoneId (an existing zone)");
  }
  if (!edge.zoneId && edge.plan === "enterprise") {
    add(["plan"], "enterprise is a contract with Cloudflare, not a plan the platform can buy for a zone it creates: create the zone, have it upgraded, then give its zoneId");
  }
  if (edge.zoneId && edge.currentOrigin && edge.delegated !== undefined) {
    // An existing zone answers already; its live site moves when currentOrigin is removed (components/edge/edge.ts awaitsCutover).
    add(["delegated"], "is for a zone the platform creates; with zoneId and currentOrigin, the cutover is removing currentOrigin: leave delegated out");
  }
  checkPlanFeatures(spec, ctx);
  if (edge.healthCheck) {
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
  // Universal SSL covers the apex and first-level names only ("Deeper subdomains ... are not
  // covered and will not serve a valid certificate": developers.cloudflare.com/ssl/edge-certificates/universal-ssl/limitations/);
  // the platform orders no advanced certificate, so a proxied deeper name would fail TLS.
  edge.hostnames.forEach((hostname, i) => {
    const absolute = hostname === edge.zone || hostname.endsWith(`.${edge.zone}`); // refused as not relative already
    if (hostname !== "@" && !absolute && hostname.split(".").length > 1) {
      add(["hostnames", i], `"${hostname}" is ${hostname.split(".").length} labels below the zone; Cloudflare's Universal SSL certificate covers only the zone and names one label below it (www, shop-eu, *): use such a name, or a zone of its own`);
    }
  });
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
