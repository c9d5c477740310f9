/**
 * What each Cloudflare plan offers, as far as the Edge component uses it (Cloudflare's plan
 * comparison, late 2026). Validation refuses a tenant file asking for more than its plan has.
 */
export const CLOUDFLARE_PLANS = ["free", "pro", "business", "enterprise"] as const;
export type CloudflarePlan = (typeof CLOUDFLARE_PLANS)[number];

export interface PlanLimits {
  /** Cloudflare Managed and OWASP Core rulesets (Free gets the Free Managed ruleset). */
  readonly managedRulesets: boolean;
  readonly customRules: number;
  readonly rateLimitRules: number;
  /** Rate limiting periods the plan accepts, in seconds. */
  readonly rateLimitPeriods: readonly number[];
  /** Longest mitigation timeout, in seconds. */
  readonly maxMitigationSeconds: number;
  readonly cacheRules: number;
  readonly healthChecks: number;
}

export const PLAN_LIMITS: Readonly<Record<CloudflarePlan, PlanLimits>> = {
  free: { managedRulesets: false, customRules: 5, rateLimitRules: 1, rateLimitPeriods: [10], maxMitigationSeconds: 10, cacheRules: 10, healthChecks: 0 },
  pro: { managedRulesets: true, customRules: 20, rateLimitRules: 2, rateLimitPeriods: [10, 60], maxMitigationSeconds: 3600, cacheRules: 25, healthChecks: 10 },
  business: { managedRulesets: true, customRules: 100, rateLimitRules: 5, rateLimitPeriods: [10, 60, 120, 300, 600], maxMitigationSeconds: 86400, cacheRules: 50, healthChecks: 50 },
  enterprise: { managedRulesets: true, customRules: 1000, rateLimitRules: 100, rateLimitPeriods: [10, 60, 120, 300, 600, 3600], maxMitigationSeconds: 86400, cacheRules: 300, healthChecks: 1000 },
};

/** Cloudflare's managed ruleset ids. */
export const MANAGED_RULESETS = {
  cloudflareManaged: "efb7b8c949ac4650a09736fc376e9aee",
  owaspCore: "4814384a9e5d4991b9815dcfc25d2f1f",
  freeManaged: "77454fe2d30c4220b5701f6fdfb893ba",
} as const;
