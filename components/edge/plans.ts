/**
 * What each Cloudflare plan offers, as far as the Edge and MediaBucket components use it.
 * Validation refuses a tenant file asking for more than its plan has; the plan shows the table.
 *
 * Unless a field says otherwise, its values are Cloudflare's plan tables, the data behind every
 * "Availability" section of developers.cloudflare.com: cloudflare/cloudflare-docs
 * src/content/plans/index.json (read 2026-11-30; keys named per field below, `biz` is Business,
 * `ent` Enterprise).
 */
export const CLOUDFLARE_PLANS = ["free", "pro", "business", "enterprise"] as const;
export type CloudflarePlan = (typeof CLOUDFLARE_PLANS)[number];

/**
 * How the plan fights bots: Bot Fight Mode (`fight_mode`) on Free; Super Bot Fight Mode
 * (`sbfm_*` fields) on Pro, with the "likely automated" class from Business up. The API's
 * configurations per plan are `bot_fight_mode_config`, `sbfm_definitely_config` (Pro) and
 * `sbfm_likely_config` ("SBFM Biz Plan"): Cloudflare API schema `bot-management_config_single`;
 * fields in terraform-provider-cloudflare v5 internal/services/bot_management/schema.go.
 */
export type BotProtection = "bot-fight-mode" | "super-bot-fight-mode" | "super-bot-fight-mode-likely";

/** Where {@link PLAN_LIMITS} comes from, unless a field names another source. */
export const PLAN_TABLE_SOURCE = "developers.cloudflare.com plan tables (cloudflare/cloudflare-docs src/content/plans/index.json)";

export interface PlanLimits {
  /**
   * Cloudflare Managed and OWASP Core rulesets; every plan has the Free Managed ruleset
   * (`security.waf_a_managed_rules`: `managed_ruleset_1`, `managed_ruleset_2`, `free_ruleset`).
   */
  readonly managedRulesets: boolean;
  /** WAF custom rules per zone (`security.waf_c_custom_rules.b_custom_rules`). */
  readonly customRules: number;
  /**
   * Rate limiting rules per zone (`security.rate_limiting.rules`). Enterprise: 5, the table's
   * plain Enterprise value (`ent: 5`; `ent_plus`, Enterprise with the add-on, has 100); the
   * availability table of developers.cloudflare.com/waf/rate-limiting-rules/ (partial
   * src/content/partials/waf/rate-limiting-availability-by-plan.mdx) gives 100 for "Enterprise with
   * app security" and says "the number of rules depends on the exact contract terms", so the
   * platform counts on the smallest number an Enterprise zone may have.
   */
  readonly rateLimitRules: number;
  /**
   * Rate limiting periods the plan accepts, in seconds: of the API's values (10, 60, 120, 300, 600,
   * 3600: developers.cloudflare.com/waf/rate-limiting-rules/parameters/, "Period"), those up to
   * the plan's longest counting period (availability table above: Free 10 s, Pro 1 min, Business
   * 10 min, Enterprise 65,535 s).
   */
  readonly rateLimitPeriods: readonly number[];
  /** Longest mitigation timeout, in seconds (availability table above: Free 10 s, Pro 1 h, Business and Enterprise 1 day). */
  readonly maxMitigationSeconds: number;
  /**
   * A mitigation timeout of 0 (throttle requests above the rate instead of blocking for a time):
   * Enterprise only (developers.cloudflare.com/learning-paths/application-security/rate-limiting/features,
   * "Action behavior").
   */
  readonly throttle: boolean;
  /** Cache rules per zone (`cache.cache_rules.rules`). */
  readonly cacheRules: number;
  /**
   * Shortest edge cache TTL a cache rule may set, seconds: Free 2 hours, Pro 1 hour, Business and
   * Enterprise 1 second (developers.cloudflare.com/cache/how-to/edge-browser-cache-ttl/;
   * `cache.edge_cache_ttl.minimum`).
   */
  readonly minEdgeTtlSeconds: number;
  /** Standalone health checks per zone (`traffic.health_checks.number`; none on Free). */
  readonly healthChecks: number;
  /** Bot Fight Mode, or Super Bot Fight Mode from Pro up (`security.bots.super_bot_fight_mode`). */
  readonly botProtection: BotProtection;
  /** Cloud Connector rules per zone, on every plan (`rules.cloud_connector.num_rules`). */
  readonly cloudConnectorRules: number;
  /**
   * Authenticated origin pulls, zone-level with the zone's own certificate, on every plan
   * (`ssl.authenticated_origin_pulls`).
   */
  readonly originPulls: boolean;
  /**
   * The rate plan id a `ZoneSubscription` buys for a zone the platform creates, or undefined when
   * nothing is bought (Free is every zone's plan; Enterprise is a contract, not a self-serve
   * subscription). Ids: terraform-provider-cloudflare v5 internal/services/zone_subscription/schema.go,
   * `rate_plan.id` ("free", "lite", "pro", "pro_plus", "business", "enterprise", "partners_*").
   */
  readonly ratePlanId?: "pro" | "business";
}

export const PLAN_LIMITS: Readonly<Record<CloudflarePlan, PlanLimits>> = {
  free: {
    managedRulesets: false, customRules: 5, rateLimitRules: 1, rateLimitPeriods: [10], maxMitigationSeconds: 10, throttle: false,
    cacheRules: 10, minEdgeTtlSeconds: 7200, healthChecks: 0, botProtection: "bot-fight-mode", cloudConnectorRules: 10, originPulls: true,
  },
  pro: {
    managedRulesets: true, customRules: 20, rateLimitRules: 2, rateLimitPeriods: [10, 60], maxMitigationSeconds: 3600, throttle: false,
    cacheRules: 25, minEdgeTtlSeconds: 3600, healthChecks: 10, botProtection: "super-bot-fight-mode", cloudConnectorRules: 25, originPulls: true,
    ratePlanId: "pro",
  },
  business: {
    managedRulesets: true, customRules: 100, rateLimitRules: 5, rateLimitPeriods: [10, 60, 120, 300, 600], maxMitigationSeconds: 86400, throttle: false,
    cacheRules: 50, minEdgeTtlSeconds: 1, healthChecks: 50, botProtection: "super-bot-fight-mode-likely", cloudConnectorRules: 50, originPulls: true,
    ratePlanId: "business",
  },
  enterprise: {
    managedRulesets: true, customRules: 1000, rateLimitRules: 5, rateLimitPeriods: [10, 60, 120, 300, 600, 3600], maxMitigationSeconds: 86400, throttle: true,
    cacheRules: 300, minEdgeTtlSeconds: 1, healthChecks: 1000, botProtection: "super-bot-fight-mode-likely", cloudConnectorRules: 300, originPulls: true,
  },
};

/**
 * The tenant file's plan for a zone on `legacyId` (GET /zones/{zone_id} `plan.legacy_id`), or
 * undefined for a plan with no counterpart. The plan tables have columns beside free, pro, biz
 * and ent: `lite` and `pro_plus`, which offer at least what Free and Pro offer wherever the tables
 * list them (e.g. WAF custom rules: free 5, lite 20, pro 20, pro_plus 40, biz 100); the file names
 * the plan below, whose limits the zone certainly has.
 */
export function filePlanOf(legacyId: string): CloudflarePlan | undefined {
  if ((CLOUDFLARE_PLANS as readonly string[]).includes(legacyId)) return legacyId as CloudflarePlan;
  return ({ lite: "free", pro_plus: "pro" } as Readonly<Record<string, CloudflarePlan>>)[legacyId];
}

/** What to set `edge.plan` to for a zone on `legacyId`, as the end of a message. */
export function planAdvice(legacyId: string): string {
  const plan = filePlanOf(legacyId);
  if (plan === legacyId) return `set edge.plan: ${plan}`;
  if (plan) return `set edge.plan: ${plan} (the tenant file names ${CLOUDFLARE_PLANS.join(", ")}; ${plan} is the one below ${legacyId})`;
  return `the tenant file names ${CLOUDFLARE_PLANS.join(", ")}, not ${legacyId}: set edge.plan: free, the plan every zone has the features of`;
}

/**
 * The mitigation timeouts (rule "duration") the rate limiting API accepts, seconds; 0 means
 * "throttle" where the plan offers it (developers.cloudflare.com/waf/rate-limiting-rules/parameters/,
 * "Duration": 10 s, 1 min, 2 min, 5 min, 10 min, 1 hour, 1 day).
 */
export const MITIGATION_TIMEOUTS = [10, 60, 120, 300, 600, 3600, 86400] as const;

/** Cloudflare's managed ruleset ids. */
export const MANAGED_RULESETS = {
  cloudflareManaged: "efb7b8c949ac4650a09736fc376e9aee",
  owaspCore: "4814384a9e5d4991b9815dcfc25d2f1f",
  freeManaged: "77454fe2d30c4220b5701f6fdfb893ba",
} as const;

/**
 * The names of the entry-point rulesets the Edge component writes, by phase: fixed, so a rename
 * never replaces one, and so the edge preflight tells them from a zone's other rulesets.
 */
export const PLATFORM_RULESETS = {
  http_request_firewall_managed: "tenant-platform managed WAF",
  http_request_firewall_custom: "tenant-platform custom rules",
  http_ratelimit: "tenant-platform rate limits",
  http_request_cache_settings: "tenant-platform cache rules",
} as const;

/**
 * What the managed phase's entry point is for: its description before the platform's marker. The
 * managed ruleset carried this text alone, without the marker, before every entry point got one:
 * the preflight still knows it for the platform's.
 */
export const MANAGED_RULESET_PURPOSE = "Managed rulesets the zone's plan offers";
