import { PLAN_LIMITS, type CloudflarePlan } from "./plans";

/** What an edge configuration uses of its zone's plan. */
export interface EdgeUsage {
  managedRules: boolean;
  customRules: number;
  rateLimitRules: number;
  rateLimitPeriods: readonly number[];
  mitigationSeconds: readonly number[];
  cacheRules: number;
  staticTtlSeconds: number;
  healthChecks: number;
  botProtection: boolean;
}

/** One Cloudflare feature: what the plan allows, what the configuration uses, and whether that fits. */
export interface FeatureUse {
  feature: string;
  allowed: string;
  used: string;
  fits: boolean;
}

const list = (values: readonly number[]) => (values.length > 0 ? values.map((v) => `${v} s`).join(", ") : "none");

/**
 * The features of the zone's plan the Edge component uses, side by side with what a
 * configuration asks for (limits in {@link PLAN_LIMITS}, each with its source there).
 */
export function planFeatures(plan: CloudflarePlan, usage: EdgeUsage): FeatureUse[] {
  const limits = PLAN_LIMITS[plan];
  const within = (used: number, allowed: number) => used <= allowed;
  const mitigations = usage.mitigationSeconds;
  return [
    {
      feature: "managed WAF rulesets",
      allowed: limits.managedRulesets ? "Cloudflare Managed + OWASP Core" : "Free Managed only",
      used: usage.managedRules ? (limits.managedRulesets ? "Cloudflare Managed + OWASP Core" : "Free Managed") : "none",
      fits: true,
    },
    { feature: "custom rules", allowed: String(limits.customRules), used: String(usage.customRules), fits: within(usage.customRules, limits.customRules) },
    { feature: "rate limiting rules", allowed: String(limits.rateLimitRules), used: String(usage.rateLimitRules), fits: within(usage.rateLimitRules, limits.rateLimitRules) },
    {
      feature: "rate limiting periods",
      allowed: list(limits.rateLimitPeriods),
      used: list(usage.rateLimitPeriods),
      fits: usage.rateLimitPeriods.every((p) => limits.rateLimitPeriods.includes(p)),
    },
    {
      feature: "rate limiting block time",
      allowed: `up to ${limits.maxMitigationSeconds} s${limits.throttle ? ", or throttle" : ""}`,
      used: mitigations.map((m) => (m === 0 ? "throttle" : `${m} s`)).join(", ") || "none",
      fits: mitigations.every((m) => (m === 0 ? limits.throttle : m <= limits.maxMitigationSeconds)),
    },
    { feature: "cache rules", allowed: String(limits.cacheRules), used: String(usage.cacheRules), fits: within(usage.cacheRules, limits.cacheRules) },
    {
      feature: "edge cache TTL",
      allowed: `at least ${limits.minEdgeTtlSeconds} s`,
      used: `${usage.staticTtlSeconds} s`,
      fits: usage.staticTtlSeconds >= limits.minEdgeTtlSeconds,
    },
    { feature: "health checks", allowed: String(limits.healthChecks), used: String(usage.healthChecks), fits: within(usage.healthChecks, limits.healthChecks) },
    {
      feature: "bot protection",
      allowed: limits.botProtection === "bot-fight-mode" ? "Bot Fight Mode" : "Super Bot Fight Mode",
      used: usage.botProtection ? "on" : "off",
      fits: true,
    },
  ];
}
