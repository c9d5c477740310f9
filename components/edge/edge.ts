import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_STATIC_EXTENSIONS } from "../web-tier/nginx-config";
import type { EdgeArgs, ExtraRecord } from "./args";
import { botManagementArgs } from "./bots";
import { formerNameAliases, shortDigest } from "../shared/naming";
import { adminPathBlock, cacheBypass, countryBlock, hostLabel, pathMatches, plainHostLabel, staticAssets } from "./expressions";
import { createOriginCaCertificate } from "./origin-certificate";
import { createOriginPulls } from "./origin-pulls";
import { MANAGED_RULESET_PURPOSE, MANAGED_RULESETS, PLAN_LIMITS, PLATFORM_RULESETS } from "./plans";
import { canonicalIpv6, recordKey } from "./record-key";
import { platformComment } from "../shared/record-comment";
import { securityHeaderValue, URL_NORMALIZATION } from "./zone-wide-settings";
import { requireDefaultedArgs } from "../shared/required-args";
import { EDGE_DEFAULTS } from "./defaults";

/** Zone settings the component enforces: strict TLS to the origin, HTTPS only, modern TLS. */
export const ZONE_SETTINGS: readonly { id: string; value: string }[] = [
  { id: "ssl", value: "strict" },
  { id: "always_use_https", value: "on" },
  { id: "min_tls_version", value: "1.2" },
  { id: "tls_1_3", value: "on" },
  { id: "automatic_https_rewrites", value: "on" },
];

/**
 * The logical name of an extra record, never by list position, so reordering the list changes
 * nothing: by type, host and content (a name holds several MX, TXT, A or AAAA records), except a
 * CNAME, which stands alone at its name: by type and host only, so a new target updates the
 * record in place (a new logical name would create the new record before deleting the old one,
 * which Cloudflare refuses: API error 81053). `label` names the host; `byContent` forces the
 * former content-named form (for aliases).
 */
function recordName(name: string, zoneName: string, record: ExtraRecord, label: (fqdn: string, zone: string) => string, byContent = record.type !== "CNAME"): string {
  const base = `${name}-record-${record.type.toLowerCase()}-${label(record.name, zoneName)}`;
  return byContent ? `${base}-${shortDigest(`${record.content}|${record.priority ?? ""}`)}` : base;
}

/** The comments of the web hostnames' records: where they point, then the platform's marker. */
export const WEB_RECORD_COMMENTS = {
  loadBalancer: platformComment("Web hostname, proxied to the load balancer"),
  currentHosting: platformComment("Web hostname, served by the current hosting until the cutover"),
} as const;

/** What an existing zone's web records keep from the zone while its live site is taken over (`currentOrigin`). */
export const KEPT_DURING_TAKEOVER = ["content", "proxied", "ttl"] as const;

/**
 * True until the web hostnames move to the load balancer: a created zone until `delegated` (its
 * name servers are set), an existing zone while `currentOrigin` names the hosting that serves
 * the live site (or `delegated: false`).
 */
export function awaitsCutover(args: Pick<EdgeArgs, "zoneId" | "delegated" | "currentOrigin">): boolean {
  if (args.zoneId === undefined) return !(args.delegated ?? false);
  return args.delegated === false || args.currentOrigin !== undefined;
}

/** Proxied records must use the automatic TTL. */
const AUTOMATIC_TTL = 1;
/** Seconds resolvers keep a web record that still points at the current hosting: short, so the cutover spreads fast. */
const CURRENT_ORIGIN_TTL = 300;

/**
 * Cloudflare in front of a tenant: the zone (created, with its plan bought, or existing), proxied
 * records for the web hostnames, other records unproxied, an ACM certificate validated through
 * the zone for the load balancer (a Cloudflare Origin CA certificate until the cutover of a created
 * zone or of a live site taken over), strict TLS settings and HSTS, URL normalization, WAF (managed rulesets by plan, admin
 * allowlists, country blocks, bot protection by plan, rate limits), cache rules, origin pulls,
 * and a health check with e-mail notifications.
 *
 * Pitfalls handled: one entry-point ruleset per zone and phase (fixed names, deleted before being
 * replaced), proxied records with TTL 1, zone settings are not reset on delete (documented).
 *
 * Cost: the plan's price (Free $0, Pro $25/month, Business $250/month per zone); the ACM
 * certificate is free.
 */
export class Edge extends pulumi.ComponentResource {
  public readonly zoneId: pulumi.Output<string>;
  public readonly nameServers: pulumi.Output<string[]>;
  /** ARN of the load balancer's certificate: ACM's, validated, or the Origin CA's while the zone is not delegated yet (undefined when `certificate` is false). */
  public readonly certificateArn?: pulumi.Output<string>;
  /** True until the web hostnames move to the load balancer ({@link awaitsCutover}). */
  public readonly awaitingDelegation: boolean;
  /**
   * True when this deploy moves the web hostnames from the current hosting to the load balancer
   * (`webRecordsOnCurrentHosting` and no longer {@link awaitingDelegation}) and the component
   * issues the listener's certificate: the listener keeps the Origin CA certificate, and the next
   * deploy requests ACM's.
   */
  public readonly acmRequestedNextDeploy: boolean;
  public readonly hostnames: string[];
  public readonly healthCheckId?: pulumi.Output<string>;
  /** With `originPulls: enforced`: the certificate authority the load balancer must trust, and the zone setting. */
  public readonly originPullCaPem?: pulumi.Output<string>;
  public readonly originPullSettings?: cloudflare.AuthenticatedOriginPullsSettings;
  /** What to do at the registrar, for a zone the component created. */
  public readonly cutoverNote: pulumi.Output<string>;

  constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:edge:Edge", name, {}, opts);
    requireDefaultedArgs(name, args, EDGE_DEFAULTS, "EDGE_DEFAULTS");
    const parent = { parent: this };
    const plan = args.plan;
    const limits = PLAN_LIMITS[plan];
    this.hostnames = [...args.hostnames];

    if (!args.zoneId && !args.accountId) throw new RangeError(`${name}: give accountId (to create the zone) or zoneId (an existing zone)`);
    if (!args.zoneId && plan !== "free" && !limits.ratePlanId) {
      throw new RangeError(`${name}: a zone on the ${plan} plan is a contract with Cloudflare, not a subscription the component can buy: create the zone, have it upgraded, then give its zoneId`);
    }
    /** Zone-wide configuration waits for the plan it needs. */
    const zoneReady: pulumi.Resource[] = [];
    let zoneId: pulumi.Output<string>;
    if (args.zoneId) {
      zoneId = pulumi.output(args.zoneId);
      this.nameServers = cloudflare.getZoneOutput({ zoneId: args.zoneId }, parent).nameServers;
    } else {
      const zone = new cloudflare.Zone(`${name}-zone`, {
        account: { id: args.accountId },
        name: args.zoneName,
        type: "full",
      }, { parent: this, protect: true, retainOnDelete: true });
      zoneId = zone.id;
      this.nameServers = zone.nameServers;
      // Resources without a zone input (the Origin CA certificate, whose hostnames must belong to
      // a zone of the account) wait for the zone itself, on every plan.
      zoneReady.push(zone);
      // A created zone starts on Free: `plan` is computed only on cloudflare_zone in v5
      // (internal/services/zone/schema.go); a plan is bought with a zone subscription
      // (internal/services/zone_subscription/schema.go, `rate_plan.id`). Its delete does nothing
      // (resource.go): removing it does not downgrade the zone, so it is kept on delete.
      if (limits.ratePlanId) {
        zoneReady.push(new cloudflare.ZoneSubscription(`${name}-plan`, {
          zoneId,
          ratePlan: { id: limits.ratePlanId },
          frequency: "monthly",
        }, { parent: this, retainOnDelete: true }));
      }
    }
    this.zoneId = zoneId;
    this.awaitingDelegation = awaitsCutover(args);
    this.acmRequestedNextDeploy = !this.awaitingDelegation && (args.webRecordsOnCurrentHosting ?? false) && args.certificate;
    this.cutoverNote = args.zoneId
      ? pulumi.output(this.awaitingDelegation && args.currentOrigin !== undefined
        ? `${args.zoneName} is a zone on Cloudflare already: no name-server change. Its web hostnames keep the records the zone had (the current hosting, ${args.currentOrigin}) ` +
          "until edge.currentOrigin is removed; that deploy changes them in place to the load balancer (docs/runbooks/dns-cutover.md, case C)."
        : `${args.zoneName} is a zone on Cloudflare already: no name-server change (docs/runbooks/dns-cutover.md, case C).`)
      : this.nameServers.apply((servers) =>
        `Point ${args.zoneName} at Cloudflare: at the registrar, replace its name servers with ${servers.join(" and ")}. ` +
        "Traffic moves as resolvers pick the change up (up to 48 hours); keep the old DNS serving meanwhile (docs/runbooks/dns-cutover.md, case A or B).");

    // A live site keeps being served by its current hosting until the cutover. A created zone
    // (case B): its records point at currentOrigin unproxied, since its edge certificate is
    // provisioned meanwhile, even for records that are DNS only
    // (developers.cloudflare.com/ssl/edge-certificates/universal-ssl/enable-universal-ssl/, "Keep
    // DNS records unproxied until your certificate is active"). An existing zone (case C): the
    // records it has are adopted as they are (`adoptWebRecords`), and `ignoreChanges` keeps them so
    // while the takeover lasts, the import included (it sets ignored inputs back to the values it
    // read: pulumi/pulumi pkg/resource/deploy/step.go ImportStep.Apply, processIgnoreChanges). Either way only content, proxied, ttl and comment change at the
    // cutover: an in-place update. The record type forces a replacement (terraform-provider-cloudflare
    // v5 internal/services/dns_record/schema.go: `type` and `zone_id` carry RequiresReplace), so
    // every web record is a CNAME from its first deploy.
    const current = this.awaitingDelegation ? args.currentOrigin : undefined;
    const target = current ?? args.originHostname;
    const keepLive = args.zoneId !== undefined && current !== undefined;
    if (target !== undefined) {
      const formerNames = this.hostnames.map((fqdn) => `${name}-web-${plainHostLabel(fqdn, args.zoneName)}`);
      for (const [i, fqdn] of this.hostnames.entries()) {
        const webRecordName = `${name}-web-${hostLabel(fqdn, args.zoneName)}`;
        const adopted = keepLive ? args.adoptWebRecords?.[fqdn] : undefined;
        new cloudflare.DnsRecord(webRecordName, {
          zoneId,
          name: fqdn,
          type: "CNAME",
          content: adopted?.content ?? target,
          proxied: adopted?.proxied ?? current === undefined,
          ttl: adopted?.ttl ?? (current === undefined ? AUTOMATIC_TTL : CURRENT_ORIGIN_TTL),
          comment: current === undefined ? WEB_RECORD_COMMENTS.loadBalancer : WEB_RECORD_COMMENTS.currentHosting,
        }, {
          parent: this,
          aliases: formerNameAliases(formerNames[i]!, webRecordName, formerNames),
          // The records move to the load balancer only once its HTTPS listener exists.
          dependsOn: args.originReady,
          ...(adopted ? { import: adopted.importId } : {}),
          ...(keepLive ? { ignoreChanges: [...KEPT_DURING_TAKEOVER] } : {}),
        });
      }
    }
    const records = args.records ?? [];
    // Earlier logical names: by plain host label, then (CNAMEs) by content.
    const formerNameLists = [
      records.map((record) => recordName(name, args.zoneName, record, plainHostLabel, true)),
      records.map((record) => recordName(name, args.zoneName, record, hostLabel, true)),
    ];
    for (const [i, record] of records.entries()) {
      this.createRecord(name, args.zoneName, zoneId, record, formerNameLists.map((list) => ({ name: list[i]!, list })), args.adoptRecords ?? {});
    }

    if (args.certificate) {
      // ACM is asked for its certificate only once the zone answers for the domain: ACM tries to
      // validate a request for 72 hours, then it is VALIDATION_TIMED_OUT for good and must be
      // requested again (CertificateDetail `Status`: docs.aws.amazon.com/sdk-for-kotlin/api/latest/acm/
      // aws.sdk.kotlin.services.acm.model/-certificate-detail/status.html), and the waits before the cutover (a DS record's TTL, the name-server change)
      // can take longer. Until then the load balancer serves a Cloudflare Origin CA certificate.
      // It keeps serving it through the deploy that moves the web records from the current
      // hosting: the records depend on the listener, and the SDK registers a resource only once
      // the engine has applied the steps of those it depends on (@pulumi/pulumi
      // runtime/resource.js awaits each dependency's URN, which the monitor's RegisterResource
      // answers after the step: pulumi pkg/resource/deploy/source_eval.go "block waiting for the
      // operation to finish", step.go UpdateStep.Apply). With ACM's certificate on the listener in
      // the same deploy, the move would wait for ACM's validation and issuance, which the current
      // hosting's CAA records can refuse while the records still point there (a DNS-only CNAME is
      // followed by a CAA lookup, RFC 8659 section 3); with the Origin CA certificate kept, the
      // listener's step changes nothing and the records move at once.
      this.certificateArn = this.awaitingDelegation || this.acmRequestedNextDeploy
        ? createOriginCaCertificate(name, this.hostnames, this, zoneReady)
        : this.createCertificate(name, args.zoneName, zoneId);
    }

    const originPulls = args.originPulls;
    if (originPulls === "enforced" && args.healthCheck) {
      // Standalone health checks have no way to present the zone's client certificate (no
      // probe_zone, unlike load balancer monitors: internal/services/healthcheck/schema.go), and
      // the load balancer requires it on every path: the check would report unhealthy forever.
      throw new RangeError(`${name}: a health check cannot pass a load balancer that requires origin-pull certificates; drop one of them`);
    }
    if (args.manageZone) {
      const ready = { parent: this, dependsOn: zoneReady };
      this.manageZoneSettings(name, zoneId, args, zoneReady);
      this.createFirewall(name, zoneId, args, limits.managedRulesets, zoneReady);
      this.createCacheRules(name, zoneId, args, zoneReady);
      new cloudflare.BotManagement(`${name}-bots`, botManagementArgs(zoneId, limits.botProtection, args.botFightMode), ready);
      const pulls = createOriginPulls(name, zoneId, args.zoneName, originPulls, this, zoneReady);
      this.originPullCaPem = pulls.caCertificatePem;
      this.originPullSettings = pulls.settings;
    } else if (originPulls !== "off") {
      throw new RangeError(`${name}: origin pulls are a zone-wide setting: only the tenant that manages the zone can turn them on`);
    }

    if (args.healthCheck && limits.healthChecks > 0) {
      const check = new cloudflare.Healthcheck(`${name}-health`, {
        zoneId,
        name: `${name}-web`,
        description: `HTTPS check of ${args.healthCheck.hostname}${args.healthCheck.path}`,
        address: args.healthCheck.hostname,
        type: "HTTPS",
        interval: 300,
        timeout: 5,
        retries: 2,
        consecutiveFails: 2,
        consecutiveSuccesses: 2,
        httpConfig: {
          method: "GET",
          path: args.healthCheck.path,
          port: 443,
          expectedCodes: ["200"],
          followRedirects: false,
          header: { Host: [args.healthCheck.hostname] },
        },
      }, { parent: this, dependsOn: zoneReady });
      this.healthCheckId = check.id;
      if (args.accountId && (args.alertEmails ?? []).length > 0) {
        new cloudflare.NotificationPolicy(`${name}-health`, {
          accountId: args.accountId,
          name: `${name}: web health`,
          description: `Health of ${args.healthCheck.hostname} changed`,
          alertType: "health_check_status_notification",
          enabled: true,
          filters: { healthCheckIds: [check.id], statuses: ["Unhealthy", "Healthy"] },
          mechanisms: { emails: (args.alertEmails ?? []).map((id) => ({ id })) },
        }, parent);
      }
    }

    this.registerOutputs({
      zoneId: this.zoneId,
      nameServers: this.nameServers,
      certificateArn: this.certificateArn,
      hostnames: this.hostnames,
      cutoverNote: this.cutoverNote,
    });
  }

  private createRecord(
    name: string,
    zoneName: string,
    zoneId: pulumi.Output<string>,
    record: ExtraRecord,
    formerNames: readonly { name: string; list: readonly string[] }[],
    adopt: Readonly<Record<string, string>>,
  ): void {
    const logicalName = recordName(name, zoneName, record, hostLabel);
    const proxied = record.proxied ?? false;
    const aliases = [...new Map(formerNames.flatMap((former) => formerNameAliases(former.name, logicalName, former.list))
      .map((alias) => [JSON.stringify(alias), alias])).values()];
    new cloudflare.DnsRecord(logicalName, {
      zoneId,
      name: record.name,
      type: record.type,
      // Cloudflare stores an AAAA address in its canonical text and v5 does not normalize the
      // file's (dns_record/custom.go has no address handling: cloudflare/terraform-provider-cloudflare#3354),
      // so any other spelling would be an update on every deploy. The logical name keeps the
      // file's text (recordName), so an existing record keeps its URN.
      content: record.type === "AAAA" ? canonicalIpv6(record.content.trim()) : record.content,
      priority: record.priority,
      proxied,
      ttl: proxied ? AUTOMATIC_TTL : record.ttl,
      comment: platformComment("Tenant record"),
    }, { parent: this, aliases, import: adopt[recordKey(record)] });
  }

  /**
   * An ACM certificate for the hostnames, validated by CNAME records in the zone, which must answer
   * for the domain already; its ARN once validated.
   */
  private createCertificate(name: string, zoneName: string, zoneId: pulumi.Output<string>): pulumi.Output<string> {
    const parent = { parent: this };
    const [primary, ...alternatives] = this.hostnames;
    const certificate = new aws.acm.Certificate(`${name}-certificate`, {
      domainName: primary!,
      subjectAlternativeNames: alternatives,
      validationMethod: "DNS",
      keyAlgorithm: "EC_prime256v1",
    }, parent);
    // A wildcard and its base name share one validation record.
    const validated = [...new Set(this.hostnames.map((fqdn) => fqdn.replace(/^\*\./, "")))];
    const formerNames = validated.map((domain) => `${name}-certificate-${plainHostLabel(domain, zoneName)}`);
    const records = validated.map((domain, i) => {
      const option = certificate.domainValidationOptions.apply((options) => {
        const found = options.find((o) => o.domainName === domain || o.domainName === `*.${domain}`);
        if (!found) throw new Error(`ACM returned no validation record for ${domain}`);
        return found;
      });
      const recordName = `${name}-certificate-${hostLabel(domain, zoneName)}`;
      return new cloudflare.DnsRecord(recordName, {
        zoneId,
        name: option.resourceRecordName.apply((n) => n.replace(/\.$/, "")),
        type: "CNAME",
        content: option.resourceRecordValue.apply((v) => v.replace(/\.$/, "")),
        proxied: false,
        ttl: 60,
        comment: "ACM validation (tenant-platform)",
      }, { parent: this, aliases: formerNameAliases(formerNames[i]!, recordName, formerNames) });
    });
    const validation = new aws.acm.CertificateValidation(`${name}-certificate`, {
      certificateArn: certificate.arn,
      validationRecordFqdns: records.map((record) => record.name),
    }, parent);
    return validation.certificateArn;
  }

  private manageZoneSettings(name: string, zoneId: pulumi.Output<string>, args: EdgeArgs, zoneReady: pulumi.Resource[]): void {
    const parent = { parent: this, dependsOn: zoneReady };
    for (const setting of ZONE_SETTINGS) {
      new cloudflare.ZoneSetting(`${name}-setting-${setting.id.replace(/_/g, "-")}`, { zoneId, settingId: setting.id, value: setting.value }, parent);
    }
    new cloudflare.ZoneSetting(`${name}-setting-security-header`, { zoneId, settingId: "security_header", value: securityHeaderValue(args.hsts) }, parent);
    new cloudflare.UrlNormalizationSettings(`${name}-url-normalization`, { zoneId, ...URL_NORMALIZATION }, parent);
  }

  /**
   * The name, description and options of the entry-point ruleset of a phase: the platform's fixed
   * name, or the adopted ruleset's own name with its import id. Every deploy sends the platform's
   * marker in the description, adopted or created, so every later preflight knows the ruleset for
   * the stack's own and never imports it again: an import id for a ruleset already in the state
   * (whose import id differs or is empty after a deploy without one) makes the engine import it
   * as a replacement and delete the original (pulumi pkg/resource/deploy/step_generator.go:1113
   * `isImport`, :1197 `NewImportReplacementStep`). The description changes in place, the name
   * would replace (v5 internal/services/ruleset/schema.go: `description` Optional, Default "", no
   * RequiresReplace); left unset, the provider would write "" and drop the marker.
   * `ignoreChanges: ["name"]` keeps an adopted name when a later deploy runs without the
   * preflight, instead of replacing the ruleset.
   */
  private entryPoint(phase: keyof typeof PLATFORM_RULESETS, purpose: string, args: EdgeArgs, opts: pulumi.CustomResourceOptions): { name: string; description: string; opts: pulumi.CustomResourceOptions } {
    const adopted = args.zoneId ? args.adoptRulesets?.[phase] : undefined;
    const options = { ...opts, ignoreChanges: ["name"] };
    const description = platformComment(purpose);
    if (!adopted) return { name: PLATFORM_RULESETS[phase], description, opts: options };
    return { name: adopted.name, description, opts: { ...options, import: `zones/${args.zoneId}/${adopted.id}` } };
  }

  private createFirewall(name: string, zoneId: pulumi.Output<string>, args: EdgeArgs, planHasManagedRulesets: boolean, zoneReady: pulumi.Resource[]): void {
    // One entry-point ruleset per zone and phase: fixed names, deleted before any replacement.
    const opts = { parent: this, deleteBeforeReplace: true, dependsOn: zoneReady };
    if (args.managedRules) {
      const ids = planHasManagedRulesets
        ? [["Cloudflare Managed Ruleset", MANAGED_RULESETS.cloudflareManaged], ["OWASP Core Ruleset", MANAGED_RULESETS.owaspCore]]
        : [["Cloudflare Free Managed Ruleset", MANAGED_RULESETS.freeManaged]];
      const entry = this.entryPoint("http_request_firewall_managed", MANAGED_RULESET_PURPOSE, args, opts);
      new cloudflare.Ruleset(`${name}-waf-managed`, {
        zoneId,
        kind: "zone",
        phase: "http_request_firewall_managed",
        name: entry.name,
        description: entry.description,
        rules: ids.map(([description, id]) => ({
          action: "execute",
          actionParameters: { id },
          expression: "true",
          description,
          enabled: true,
        })),
      }, entry.opts);
    }
    const custom = [
      ...(args.adminPaths ?? []).map((admin) => ({
        action: "block",
        expression: adminPathBlock(admin.path, admin.allow),
        description: `Only allowed addresses reach ${admin.path}`,
        enabled: true,
      })),
      ...((args.blockCountries ?? []).length > 0
        ? [{ action: "block", expression: countryBlock(args.blockCountries ?? []), description: "Blocked countries", enabled: true }]
        : []),
    ];
    if (custom.length > 0) {
      const entry = this.entryPoint("http_request_firewall_custom", "Edge allowlists and country blocks", args, opts);
      new cloudflare.Ruleset(`${name}-waf-custom`, {
        zoneId,
        kind: "zone",
        phase: "http_request_firewall_custom",
        name: entry.name,
        description: entry.description,
        rules: custom,
      }, entry.opts);
    }
    const limits = args.rateLimits ?? [];
    if (limits.length > 0) {
      const entry = this.entryPoint("http_ratelimit", "Rate limits", args, opts);
      new cloudflare.Ruleset(`${name}-rate-limits`, {
        zoneId,
        kind: "zone",
        phase: "http_ratelimit",
        name: entry.name,
        description: entry.description,
        rules: limits.map((limit) => ({
          action: "block",
          expression: pathMatches(limit.path),
          description: `At most ${limit.requests} requests per ${limit.periodSeconds} s to ${limit.path}`,
          enabled: true,
          ratelimit: {
            characteristics: ["ip.src", "cf.colo.id"],
            period: limit.periodSeconds,
            requestsPerPeriod: limit.requests,
            mitigationTimeout: limit.mitigationSeconds,
          },
        })),
      }, entry.opts);
    }
  }

  private createCacheRules(name: string, zoneId: pulumi.Output<string>, args: EdgeArgs, zoneReady: pulumi.Resource[]): void {
    const bypass = cacheBypass(args.bypassPaths ?? [], args.bypassCookies ?? []);
    // Later rules win in this phase: the bypass comes last, so a session is never served from cache.
    const rules = [
      {
        action: "set_cache_settings",
        expression: staticAssets(DEFAULT_STATIC_EXTENSIONS),
        description: "Static assets: long edge lifetime",
        enabled: true,
        actionParameters: {
          cache: true,
          edgeTtl: { mode: "override_origin", default: args.staticTtlSeconds },
          browserTtl: { mode: "respect_origin" },
        },
      },
      ...(bypass
        ? [{ action: "set_cache_settings", expression: bypass, description: "Back office and sessions: never cached", enabled: true, actionParameters: { cache: false } }]
        : []),
    ];
    const entry = this.entryPoint("http_request_cache_settings", "Cache rules", args, { parent: this, deleteBeforeReplace: true, dependsOn: zoneReady });
    new cloudflare.Ruleset(`${name}-cache-rules`, {
      zoneId,
      kind: "zone",
      phase: "http_request_cache_settings",
      name: entry.name,
      description: entry.description,
      rules,
    }, entry.opts);
  }
}
