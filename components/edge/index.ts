export { Edge, ZONE_SETTINGS } from "./edge";
export type { AdminPath, EdgeArgs, ExtraRecord, RateLimit } from "./args";
export { CLOUDFLARE_PLANS, MANAGED_RULESETS, PLAN_LIMITS } from "./plans";
export type { CloudflarePlan, PlanLimits } from "./plans";
export { adminPathBlock, cacheBypass, countryBlock, hostLabel, pathMatches, plainHostLabel, quote, staticAssets } from "./expressions";
