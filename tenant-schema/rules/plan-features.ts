/**
 * What a tenant file uses of its Cloudflare zone's plan, feature by feature and field by field:
 * the table the plan prints, and the refusal of what the plan does not allow.
 */
import { describeUses, lowestPlanAllowing, PLAN_FEATURE_IDS, planAllows, planFeatures, type EdgeUsage, type PlanFeatureId } from "../../components/edge/features";
import { PLAN_LIMITS, type CloudflarePlan } from "../../components/edge/plans";
import type { EdgeSpec } from "../sections/edge";
import { formatPath } from "../spec-issue";

interface Context {
  addIssue(issue: { code: "custom"; path: PropertyKey[]; message: string }): void;
}

/** The parts of a tenant file that use the zone's plan. */
export interface PlanRelevant {
  readonly edge: EdgeSpec;
  readonly media?: unknown;
}

/** One use of a feature: the key path in the tenant file that asks for it, and its value (see {@link EdgeUsage}). */
interface UseSite {
  readonly path: PropertyKey[];
  readonly value: number;
}

/** Where a feature's uses stand together (for "too many"), as a key path of the tenant file. */
const FEATURE_FIELDS: Readonly<Record<PlanFeatureId, PropertyKey[]>> = {
  managedRulesets: ["edge", "waf", "managedRules"],
  customRules: ["edge", "waf", "adminPaths"],
  rateLimitRules: ["edge", "waf", "rateLimits"],
  rateLimitPeriods: ["edge", "waf", "rateLimits"],
  rateLimitTimeouts: ["edge", "waf", "rateLimits"],
  cacheRules: ["edge", "cache"],
  edgeCacheTtl: ["edge", "cache", "staticTtlSeconds"],
  healthChecks: ["edge", "healthCheck"],
  botProtection: ["edge", "waf", "botFightMode"],
  originPulls: ["edge", "originPulls"],
  cloudConnectorRules: ["media"],
};

/**
 * Where the file uses each feature, as the components build it: zone-wide rulesets and bot
 * protection only when the tenant manages the zone (one custom rule per admin path and one for
 * all blocked countries; a static-asset cache rule and one bypass rule), the health check always,
 * and the media bucket's one Cloud Connector rule.
 */
function useSites(spec: PlanRelevant): Record<PlanFeatureId, UseSite[]> {
  const { edge } = spec;
  const { waf, cache } = edge;
  const zone = edge.manageZone;
  const at = (path: PropertyKey[], value = 1): UseSite => ({ path: ["edge", ...path], value });
  const bypass = cache.bypassPaths.length > 0 ? ["cache", "bypassPaths"] : cache.bypassCookies.length > 0 ? ["cache", "bypassCookies"] : undefined;
  return {
    managedRulesets: zone && waf.managedRules ? [at(["waf", "managedRules"])] : [],
    customRules: zone
      ? [...waf.adminPaths.map((_, i) => at(["waf", "adminPaths", i])), ...(waf.blockCountries.length > 0 ? [at(["waf", "blockCountries"])] : [])]
      : [],
    rateLimitRules: zone ? waf.rateLimits.map((_, i) => at(["waf", "rateLimits", i])) : [],
    rateLimitPeriods: zone ? waf.rateLimits.map((limit, i) => at(["waf", "rateLimits", i, "periodSeconds"], limit.periodSeconds)) : [],
    rateLimitTimeouts: zone ? waf.rateLimits.map((limit, i) => at(["waf", "rateLimits", i, "mitigationSeconds"], limit.mitigationSeconds)) : [],
    cacheRules: zone ? [at(["cache", "staticTtlSeconds"]), ...(bypass ? [at(bypass)] : [])] : [],
    edgeCacheTtl: zone ? [at(["cache", "staticTtlSeconds"], cache.staticTtlSeconds)] : [],
    healthChecks: edge.healthCheck ? [at(["healthCheck"])] : [],
    botProtection: zone && waf.botFightMode ? [at(["waf", "botFightMode"])] : [],
    originPulls: edge.originPulls !== false ? [at(["originPulls"])] : [],
    cloudConnectorRules: spec.media ? [{ path: ["media"], value: 1 }] : [],
  };
}

/** What the file uses of its zone's plan, as the components take it. */
export function edgeUsage(spec: PlanRelevant): EdgeUsage {
  const sites = useSites(spec);
  const usage: Partial<Record<PlanFeatureId, number[]>> = {};
  for (const id of PLAN_FEATURE_IDS) usage[id] = sites[id].map((site) => site.value);
  return usage as EdgeUsage;
}

/** How the zone comes to be on its plan. */
export function zonePlanBasis(edge: EdgeSpec): string {
  if (edge.zoneId) return "edge.plan of an existing zone; preview and deploy check it against the zone's real plan";
  const ratePlan = PLAN_LIMITS[edge.plan].ratePlanId;
  return ratePlan
    ? `bought by this stack for the zone it creates: zone subscription, rate plan "${ratePlan}"`
    : "every zone starts on it; this stack buys nothing";
}

/** One row of the plan's Cloudflare section. */
export interface PlanFeatureRow {
  readonly id: PlanFeatureId;
  readonly feature: string;
  /** The uses, in words ("2 rules", "60 s", "on"); "not used" when the file does not use the feature. */
  readonly used: string;
  /** Key paths of the tenant file that use the feature. */
  readonly fields: string[];
  /** What the zone's plan allows. */
  readonly allowed: string;
  readonly fits: boolean;
  /** The lowest plan that allows the uses, when the zone's plan does not. */
  readonly requires?: CloudflarePlan;
  /** Where the plans' limits come from. */
  readonly source: string;
}

/** The zone's plan, how it is on it, and per feature what the file uses and what the plan allows. */
export interface CloudflarePlanReport {
  readonly plan: CloudflarePlan;
  readonly basis: string;
  readonly features: PlanFeatureRow[];
}

/** The Cloudflare section of a tenant's plan. */
export function cloudflarePlanReport(spec: PlanRelevant): CloudflarePlanReport {
  const sites = useSites(spec);
  const features = planFeatures(spec.edge.plan, edgeUsage(spec)).map((use): PlanFeatureRow => {
    const fields = [...new Set(sites[use.id].map((site) => formatPath(site.path)))];
    return {
      id: use.id,
      feature: use.feature,
      used: fields.length > 0 ? use.used : "not used",
      fields,
      allowed: use.allowed,
      fits: use.fits,
      ...(use.requires ? { requires: use.requires } : {}),
      source: use.source,
    };
  });
  return { plan: spec.edge.plan, basis: zonePlanBasis(spec.edge), features };
}

/** What to do about a use the zone's plan lacks: the plan that allows it, and how the zone gets there. */
function planRemedy(edge: EdgeSpec, requires: CloudflarePlan | undefined, what: string): string {
  if (!requires) return "no Cloudflare plan allows it";
  if (edge.zoneId) return `the ${requires} plan allows ${what}: upgrade the zone, then set edge.plan: ${requires}`;
  return PLAN_LIMITS[requires].ratePlanId
    ? `the ${requires} plan allows ${what}: set edge.plan: ${requires} (this stack buys it for the zone)`
    : `the ${requires} plan allows ${what}, a contract with Cloudflare: have the zone upgraded, then give its zoneId and edge.plan: ${requires}`;
}

/**
 * Refuses each use the zone's plan does not allow, at its own key path (a rate limit's period),
 * or at the feature's field when only the number of uses is too high; the message says what the
 * plan allows and which plan allows the use.
 */
export function checkPlanFeatures(spec: PlanRelevant, ctx: Context): void {
  const { plan } = spec.edge;
  const sites = useSites(spec);
  const rows = planFeatures(plan, edgeUsage(spec));
  for (const row of rows.filter((r) => !r.fits)) {
    const each = sites[row.id].filter((site) => !planAllows(plan, row.id, [site.value]));
    const refused = each.length > 0
      ? each.map((site) => ({ path: site.path, values: [site.value] }))
      : [{ path: FEATURE_FIELDS[row.id], values: sites[row.id].map((site) => site.value) }];
    for (const { path, values } of refused) {
      const remedy = planRemedy(spec.edge, lowestPlanAllowing(row.id, values), values.length > 1 ? "them" : "it");
      ctx.addIssue({ code: "custom", path, message: `${row.feature}: uses ${describeUses(row.id, values)}; the ${plan} plan allows ${row.allowed}; ${remedy}` });
    }
  }
}
