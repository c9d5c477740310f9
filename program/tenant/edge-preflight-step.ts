/**
 * The edge checks a deploy makes before it builds the tenant: the existing zone's plan (through
 * the provider's getZone, so `pulumi preview` refuses a wrong `edge.plan` too) and, when an API
 * token is at hand, the edge preflight (entry points, records, certificates), whose blocking
 * findings refuse the deploy with the tenant file's positions and whose equal records are adopted.
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { filePlanOf, planAdvice } from "../../components/edge/plans";
import { CloudflareApi } from "../edge-preflight/cloudflare-api";
import { edgePreflight, preflightIssues, type EdgePreflight } from "../edge-preflight/edge-preflight";
import type { LoadedTenant } from "../../tenant-schema/load-tenant";
import { formatIssue, formatIssues } from "../../tenant-schema/spec-issue";
import type { DeployedStack } from "./stack-state";

/** The value of an output (a secret's too): resolves once it is known. */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => {
    pulumi.unsecret(output).apply((value) => {
      resolve(value);
      return value;
    });
  });
}

/**
 * Refuses an existing zone whose plan is not `edge.plan`: the plan decides which rulesets, rate
 * limits and health checks Cloudflare accepts. The zone's `plan.legacy_id` (GET /zones/{zone_id})
 * is compared through `filePlanOf` (a `lite` or `pro_plus` zone is named by the plan below it); an
 * answer without it (the offline plan's) is not checked.
 */
export async function checkZonePlan(tenant: LoadedTenant, provider: cloudflare.Provider): Promise<void> {
  const { edge } = tenant.spec;
  if (!edge.zoneId) return;
  const zone = await cloudflare.getZone({ zoneId: edge.zoneId }, { provider });
  const actual = (zone.plan as cloudflare.types.output.GetZonePlan | undefined)?.legacyId;
  if (!actual || filePlanOf(actual) === edge.plan) return;
  const at = tenant.positionOf(["edge", "plan"]);
  throw new pulumi.RunError(formatIssue({
    file: tenant.file, line: at.line, column: at.column, path: "edge.plan",
    message: `says ${edge.plan}, but zone ${zone.name} (${edge.zoneId}) is on ${actual}: ${planAdvice(actual)}, or change the zone's plan first`,
  }));
}

/** Where the preflight reads the API. */
export interface PreflightSettings {
  /** The stack's Cloudflare token (secret), else CLOUDFLARE_API_TOKEN. */
  readonly token?: pulumi.Output<string>;
  readonly env: NodeJS.ProcessEnv;
  /**
   * What the stack's last deployment left in its state (`stack-state.ts`: the deploy passes what
   * `readDeployedStack` read): its records and rulesets are never imported again. @default unknown
   * (the platform's records and rulesets are known by their marker)
   */
  readonly deployed?: DeployedStack;
}

/** What the deploy adopts from an existing zone. */
export type Adoptions = Pick<EdgePreflight, "adoptRecords" | "adoptRulesets" | "adoptWebRecords">;

const NOTHING: Adoptions = { adoptRecords: {}, adoptRulesets: {}, adoptWebRecords: {} };

/**
 * Runs the edge preflight when a token is at hand, on the existing zone (`edge.zoneId`) or on the
 * zone the stack created, found by name in `edge.accountId`; returns the records and entry points to adopt, or
 * throws the blocking findings. Without a token it does nothing; before the stack has created its
 * zone there is nothing to read, unless the file already says `delegated: true`, which is refused.
 */
export async function preflightEdge(tenant: LoadedTenant, settings: PreflightSettings): Promise<Adoptions> {
  const { edge } = tenant.spec;
  const token = settings.token ? await valueOf(settings.token) : settings.env["CLOUDFLARE_API_TOKEN"];
  if (!token) return NOTHING;
  const api = new CloudflareApi({ token, baseUrl: settings.env["CLOUDFLARE_API_BASE"] });
  const zoneId = edge.zoneId ?? (edge.accountId ? (await api.zoneByName(edge.zone, edge.accountId))?.id : undefined);
  if (!zoneId) {
    if (!edge.delegated) return NOTHING;
    const at = tenant.positionOf(["edge", "delegated"]);
    throw new pulumi.RunError(formatIssue({
      file: tenant.file, line: at.line, column: at.column, path: "edge.delegated",
      message: `is true, but the zone ${edge.zone} does not exist yet: deploy with delegated: false first, change the name servers (stack output cutoverNote), then set true`,
    }));
  }
  const result = await edgePreflight(api, tenant.spec, zoneId, { stateRecordIds: settings.deployed?.recordIds, stateRulesetIds: settings.deployed?.rulesetIds, stateRecords: settings.deployed?.records, acmState: settings.deployed });
  if (result.blocking.length > 0) {
    throw new pulumi.RunError(`the Cloudflare zone ${result.zone.name} is not ready for tenant ${tenant.spec.id} (npm run edge:preflight -- ${tenant.spec.id}):\n${formatIssues(preflightIssues(tenant, result))}`);
  }
  return { adoptRecords: result.adoptRecords, adoptRulesets: result.adoptRulesets, adoptWebRecords: result.adoptWebRecords };
}
