import { CLOUDFLARE_PLANS, PLAN_LIMITS, PLAN_TABLE_SOURCE, type CloudflarePlan, type PlanLimits } from "./plans";

/** The features of a zone's plan that the Edge and MediaBucket components use. */
export const PLAN_FEATURE_IDS = [
  "managedRulesets", "customRules", "rateLimitRules", "rateLimitPeriods", "rateLimitTimeouts",
  "cacheRules", "edgeCacheTtl", "healthChecks", "botProtection", "originPulls", "cloudConnectorRules",
] as const;
export type PlanFeatureId = (typeof PLAN_FEATURE_IDS)[number];

/**
 * What a configuration uses of its zone's plan: per feature, one value per use. Rules, checks and
 * switches count 1 per use (a switch that is off has no use); periods, timeouts and TTLs are
 * seconds (a rate limiting timeout of 0 throttles).
 */
export type EdgeUsage = Readonly<Record<PlanFeatureId, readonly number[]>>;

/** One feature of a plan, with how to judge and describe its uses. */
interface PlanFeature {
  readonly id: PlanFeatureId;
  readonly name: string;
  /** Where the plans' limits come from (the field of {@link PlanLimits} names the exact key). */
  readonly source: string;
  /** What a plan allows, in words. */
  allowed(limits: PlanLimits): string;
  /** Uses, in words. */
  describe(values: readonly number[]): string;
  /** Whether a plan allows these uses together. */
  allows(limits: PlanLimits, values: readonly number[]): boolean;
}

const seconds = (value: number) => `${value} s`;
const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;

/** A feature whose uses are counted against the plan's number of them. */
function counted(id: PlanFeatureId, name: string, unit: string, limit: (limits: PlanLimits) => number, source = PLAN_TABLE_SOURCE): PlanFeature {
  return {
    id, name, source,
    allowed: (limits) => plural(limit(limits), unit),
    describe: (values) => plural(values.length, unit),
    allows: (limits, values) => values.length <= limit(limits),
  };
}

/** A feature the component adapts to the plan: every plan allows a use, in its own variant. */
function adapted(id: PlanFeatureId, name: string, variant: (limits: PlanLimits) => string, source = PLAN_TABLE_SOURCE): PlanFeature {
  return {
    id, name, source,
    allowed: variant,
    describe: (values) => (values.length > 0 ? "on" : "off"),
    allows: () => true,
  };
}

const RATE_LIMITING_AVAILABILITY = "developers.cloudflare.com/waf/rate-limiting-rules/ (Availability)";

/** The catalogue, in the order the plan shows it; each limit's source is on its {@link PlanLimits} field. */
export const PLAN_FEATURES: readonly PlanFeature[] = [
  adapted("managedRulesets", "managed WAF rulesets",
    (limits) => (limits.managedRulesets ? "Cloudflare Managed + OWASP Core" : "Free Managed only")),
  counted("customRules", "WAF custom rules", "rule", (limits) => limits.customRules),
  counted("rateLimitRules", "rate limiting rules", "rule", (limits) => limits.rateLimitRules, RATE_LIMITING_AVAILABILITY),
  {
    id: "rateLimitPeriods", name: "rate limiting periods", source: RATE_LIMITING_AVAILABILITY,
    allowed: (limits) => limits.rateLimitPeriods.map(seconds).join(", "),
    describe: (values) => [...new Set(values)].map(seconds).join(", ") || "none",
    allows: (limits, values) => values.every((period) => limits.rateLimitPeriods.includes(period)),
  },
  {
    id: "rateLimitTimeouts", name: "rate limiting block time", source: RATE_LIMITING_AVAILABILITY,
    allowed: (limits) => `up to ${seconds(limits.maxMitigationSeconds)}${limits.throttle ? ", or throttle" : ""}`,
    describe: (values) => [...new Set(values)].map((value) => (value === 0 ? "0 (throttle)" : seconds(value))).join(", ") || "none",
    allows: (limits, values) => values.every((value) => (value === 0 ? limits.throttle : value <= limits.maxMitigationSeconds)),
  },
  counted("cacheRules", "cache rules", "rule", (limits) => limits.cacheRules),
  {
    id: "edgeCacheTtl", name: "edge cache TTL", source: "developers.cloudflare.com/cache/how-to/edge-browser-cache-ttl/",
    allowed: (limits) => `at least ${seconds(limits.minEdgeTtlSeconds)}`,
    describe: (values) => [...new Set(values)].map(seconds).join(", ") || "none",
    allows: (limits, values) => values.every((ttl) => ttl >= limits.minEdgeTtlSeconds),
  },
  counted("healthChecks", "health checks", "check", (limits) => limits.healthChecks),
  adapted("botProtection", "bot protection", (limits) => ({
    "bot-fight-mode": "Bot Fight Mode",
    "super-bot-fight-mode": "Super Bot Fight Mode (definitely automated)",
    "super-bot-fight-mode-likely": "Super Bot Fight Mode (definitely and likely automated)",
  })[limits.botProtection]),
  {
    id: "originPulls", name: "authenticated origin pulls", source: PLAN_TABLE_SOURCE,
    allowed: (limits) => (limits.originPulls ? "yes" : "no"),
    describe: (values) => (values.length > 0 ? "on" : "off"),
    allows: (limits, values) => values.length === 0 || limits.originPulls,
  },
  counted("cloudConnectorRules", "Cloud Connector rules", "rule", (limits) => limits.cloudConnectorRules),
];

/** One feature on a plan: what the plan allows, what the configuration uses, and whether that fits. */
export interface FeatureUse {
  readonly id: PlanFeatureId;
  readonly feature: string;
  readonly allowed: string;
  readonly used: string;
  readonly fits: boolean;
  /** The lowest plan that allows the uses, when this plan does not; undefined when it fits or no plan does. */
  readonly requires?: CloudflarePlan;
  /** Where the plans' limits come from. */
  readonly source: string;
}

function definition(id: PlanFeatureId): PlanFeature {
  return PLAN_FEATURES.find((feature) => feature.id === id)!;
}

/** The lowest plan that allows `values` of a feature (every limit grows with the plan), or undefined. */
export function lowestPlanAllowing(id: PlanFeatureId, values: readonly number[]): CloudflarePlan | undefined {
  const feature = definition(id);
  return CLOUDFLARE_PLANS.find((plan) => feature.allows(PLAN_LIMITS[plan], values));
}

/** Whether `plan` allows `values` of a feature. */
export function planAllows(plan: CloudflarePlan, id: PlanFeatureId, values: readonly number[]): boolean {
  return definition(id).allows(PLAN_LIMITS[plan], values);
}

/** Uses of a feature in words ("2 rules", "60 s", "on"). */
export function describeUses(id: PlanFeatureId, values: readonly number[]): string {
  return definition(id).describe(values);
}

/**
 * The features of the zone's plan the components use, side by side with what a configuration
 * asks for (limits in {@link PLAN_LIMITS}, each with its source there).
 */
export function planFeatures(plan: CloudflarePlan, usage: EdgeUsage): FeatureUse[] {
  const limits = PLAN_LIMITS[plan];
  return PLAN_FEATURES.map((feature) => {
    const values = usage[feature.id];
    const fits = feature.allows(limits, values);
    const requires = fits ? undefined : lowestPlanAllowing(feature.id, values);
    return {
      id: feature.id,
      feature: feature.name,
      allowed: feature.allowed(limits),
      used: feature.describe(values),
      fits,
      ...(requires ? { requires } : {}),
      source: feature.source,
    };
  });
}
