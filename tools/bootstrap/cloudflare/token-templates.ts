/**
 * The Cloudflare API token each workflow environment needs, derived like the AWS policies from
 * the Cloudflare resource types and invokes in the plans (`token-permissions.json`, each type
 * with its endpoint): `production` the Write groups (and Cache Purge for `npm run purge`),
 * `preview` and `drift` the Read groups. A type whose read needs a Write group (the Origin CA
 * certificate) names it under `drift` only: a preview does not refresh (the fleet's preview
 * passes no `refresh`, tools/fleet/automation-engine.ts), so pull-request code never gets it.
 * Zone groups must cover all zones of the account: a zone the program creates does not exist yet
 * when the token is made.
 */
import type { TenantPlan } from "../../../policies/plan-types";
import permissions from "./token-permissions.json";

interface Grant {
  readonly deploy: readonly string[];
  /** The groups a preview needs. */
  readonly read: readonly string[];
  /** The groups a refresh needs; default: `read`. */
  readonly drift?: readonly string[];
  readonly scope: string;
}

/** One token to create: its permission groups per resource scope. */
export interface TokenTemplate {
  /** Zone permission groups (zone resources: all zones of the account). */
  readonly zone: readonly string[];
  /** Account permission groups (account resources: the Cloudflare account of the tenants). */
  readonly account: readonly string[];
}

export const TOKEN_ENVIRONMENTS = ["production", "preview", "drift"] as const;

/** Cloudflare's resource uses in the plans: the type token, a ruleset's as `<token>@<phase>`. */
export function cloudflareUses(plans: readonly TenantPlan[]): { resources: string[]; functions: string[] } {
  const resources = new Set<string>();
  const functions = new Set<string>();
  for (const plan of plans) {
    for (const resource of plan.resources) {
      if (!resource.custom || !resource.type.startsWith("cloudflare:")) continue;
      const phase = resource.inputs["phase"];
      resources.add(typeof phase === "string" ? `${resource.type}@${phase}` : resource.type);
    }
    for (const invoke of plan.invokes) if (invoke.token.startsWith("cloudflare:")) functions.add(invoke.token);
  }
  return { resources: [...resources].sort(), functions: [...functions].sort() };
}

/** The grant of a use: its own entry, a ruleset phase without one falls back to the type's. */
function grantOf(kind: "resources" | "functions", use: string): Grant | undefined {
  const table = permissions[kind] as Readonly<Record<string, Grant>>;
  return table[use] ?? table[use.split("@")[0]!];
}

/** The templates for the uses, and the uses the table lacks. */
export function tokenTemplates(uses: { resources: readonly string[]; functions: readonly string[] }): { templates: Record<(typeof TOKEN_ENVIRONMENTS)[number], TokenTemplate>; unknown: string[] } {
  const unknown: string[] = [];
  const scopes = () => ({ zone: new Set<string>(), account: new Set<string>() });
  const groups = { production: scopes(), preview: scopes(), drift: scopes() };
  for (const kind of ["resources", "functions"] as const) {
    for (const use of uses[kind]) {
      const grant = grantOf(kind, use);
      if (!grant) {
        unknown.push(use);
        continue;
      }
      const scope = grant.scope === "account" ? "account" : "zone";
      grant.deploy.forEach((group) => groups.production[scope].add(group));
      grant.read.forEach((group) => groups.preview[scope].add(group));
      (grant.drift ?? grant.read).forEach((group) => groups.drift[scope].add(group));
    }
  }
  for (const group of permissions.operations.production.permissions) groups.production.zone.add(group);
  const template = (sets: { zone: Set<string>; account: Set<string> }) => ({ zone: [...sets.zone].sort(), account: [...sets.account].sort() });
  return { templates: { production: template(groups.production), preview: template(groups.preview), drift: template(groups.drift) }, unknown };
}
