/**
 * Deploys in a row against the fake zone after an entry point is adopted: what each deploy sends,
 * what the zone holds after it, and what the next preflight concludes. The zone is updated as the
 * provider would (v5 internal/services/ruleset: an import keeps the ruleset, `name` is ignored on
 * update, a `description` left unset becomes "", the rules become the program's), and each
 * deploy's import ids meet the state the way the engine judges them
 * (pulumi pkg/resource/deploy/step_generator.go:1104-1113: an import id differing from the state's
 * import id, or from its id when it has none, imports again; with old state that is an import
 * replacement, which deletes the original: :1197, step.go `ImportReplacementStep`).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { MANAGED_RULESETS } from "../../components/edge/plans";
import { CloudflareApi, type ApiRuleset } from "../../program/edge-preflight/cloudflare-api";
import { edgePreflight } from "../../program/edge-preflight/edge-preflight";
import type { PlannedResource } from "../../policies/plan-types";
import { OFFLINE_CLOUDFLARE_TOKEN, planTenant } from "../../tools/plan/run-plan";
import { loadTenantFile } from "../../tenant-schema/load-tenant";
import { closeFakeCloudflares, FAKE_ZONE_ID as ZONE_ID, startFakeZone } from "../helpers/fake-cloudflare-api";
import { removeTempFolders, tempFolder, writeTenant } from "../helpers/temp-tenants";

const RULESET = "cloudflare:index/ruleset:Ruleset";

afterEach(async () => {
  await closeFakeCloudflares();
  vi.unstubAllEnvs();
  removeTempFolders();
});

/** What the stack's state holds for a resource: its id and the import id it was imported with. */
interface StateEntry { id: string; importId: string }

/** The engine's judgement of one ruleset's goal against the state (step_generator.go:1104-1113, :1193-1198). */
function engineStep(state: ReadonlyMap<string, StateEntry>, resource: PlannedResource): "create" | "import" | "import-replacement" | "update" {
  const goalId = resource.options.importId ?? "";
  const old = state.get(resource.urn);
  const oldImportId = old ? old.importId || old.id : "";
  if (goalId !== "" && (!old || oldImportId !== goalId)) return old ? "import-replacement" : "import";
  return old ? "update" : "create";
}

/** The rule as the API returns it after the provider wrote the program's rule. */
function apiRule(rule: Record<string, unknown>, i: number): NonNullable<ApiRuleset["rules"]>[number] {
  const parameters = rule["actionParameters"] as { id?: string } | undefined;
  return {
    id: `rule-${i}`,
    action: String(rule["action"]),
    expression: String(rule["expression"]),
    description: rule["description"] as string | undefined,
    enabled: rule["enabled"] as boolean | undefined,
    ...(parameters?.id ? { action_parameters: { id: parameters.id } } : {}),
  };
}

/**
 * Runs one deploy: plans with the preflight against the fake zone, judges each ruleset against
 * the state, then writes the program's rulesets into the zone and the state.
 */
async function deploy(dir: string, zone: ApiRuleset[], state: Map<string, StateEntry>): Promise<{ resources: PlannedResource[]; steps: Record<string, string> }> {
  const plan = await planTenant("acme", dir, { preflightEdge: true });
  const resources = plan.resources.filter((r) => r.type === RULESET);
  const steps: Record<string, string> = {};
  for (const resource of resources) {
    const phase = String(resource.inputs["phase"]);
    const step = engineStep(state, resource);
    steps[phase] = step;
    const importId = resource.options.importId ?? "";
    let id = state.get(resource.urn)?.id;
    if (step === "import" || step === "import-replacement") id = importId.split("/").pop()!;
    let ruleset = zone.find((r) => r.id === id);
    if (!ruleset) {
      ruleset = { id: `created-${phase}`, name: String(resource.inputs["name"]), kind: "zone", phase };
      zone.push(ruleset);
    }
    // On update the name is ignored (`ignoreChanges`); on import it is the zone's own already.
    ruleset.description = (resource.inputs["description"] as string | undefined) ?? "";
    ruleset.rules = ((resource.inputs["rules"] as Record<string, unknown>[] | undefined) ?? []).map(apiRule);
    state.set(resource.urn, { id: ruleset.id, importId: step === "update" || step === "create" ? "" : importId });
  }
  return { resources, steps };
}

describe("deploys after an entry point is adopted", () => {
  it("send the marker every time, so the third deploy's preflight adopts nothing, blocks nothing, and the engine imports nothing again", async () => {
    const yaml = [
      "aws:", "  region: eu-central-1", "network:", "  cidr: 10.20.0.0/16", "edge:", "  zone: acme.example", '  hostnames: ["@", www]',
      `  zoneId: ${ZONE_ID}`, "  plan: free", "  waf: { adminPaths: [{ path: /admin, allow: [198.51.100.0/24] }] }", "",
    ].join("\n");
    const file = writeTenant(tempFolder(), "acme", yaml);
    const dir = file.replace(/\/acme\.yaml$/, "");
    // A Free zone's entry points as the dashboard leaves them: the default managed execution,
    // empty custom and cache entry points under the zone's own names.
    const zone: ApiRuleset[] = [
      { id: "m1", name: "zone", kind: "zone", phase: "http_request_firewall_managed", description: "", rules: [{ id: "e1", action: "execute", expression: "true", action_parameters: { id: MANAGED_RULESETS.freeManaged } }] },
      { id: "c1", name: "dashboard", kind: "zone", phase: "http_request_firewall_custom", description: "", rules: [] },
      { id: "q1", name: "default", kind: "zone", phase: "http_request_cache_settings", description: "", rules: [] },
    ];
    const server = await startFakeZone({ token: OFFLINE_CLOUDFLARE_TOKEN, rulesets: zone });
    vi.stubEnv("CLOUDFLARE_API_BASE", server.baseUrl);
    const state = new Map<string, StateEntry>();

    const first = await deploy(dir, zone, state);
    expect(first.steps).toEqual({ http_request_firewall_managed: "import", http_request_firewall_custom: "import", http_request_cache_settings: "import" });
    expect(Object.fromEntries(first.resources.map((r) => [r.inputs["phase"], [r.inputs["name"], r.options.importId]]))).toEqual({
      http_request_firewall_managed: ["zone", `zones/${ZONE_ID}/m1`],
      http_request_firewall_custom: ["dashboard", `zones/${ZONE_ID}/c1`],
      http_request_cache_settings: ["default", `zones/${ZONE_ID}/q1`],
    });

    const second = await deploy(dir, zone, state);
    expect(second.steps).toEqual({ http_request_firewall_managed: "update", http_request_firewall_custom: "update", http_request_cache_settings: "update" });
    // Every entry point keeps the zone's name and carries the marker.
    expect(zone.map((r) => [r.id, r.name, r.description])).toEqual([
      ["m1", "zone", "Managed rulesets the zone's plan offers (tenant-platform)"],
      ["c1", "dashboard", "Edge allowlists and country blocks (tenant-platform)"],
      ["q1", "default", "Cache rules (tenant-platform)"],
    ]);

    const loaded = loadTenantFile(file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const preflight = await edgePreflight(server.api(), loaded.tenant.spec, ZONE_ID);
    expect(preflight.adoptRulesets).toEqual({});
    expect(preflight.blocking).toEqual([]);

    const third = await deploy(dir, zone, state);
    expect(third.steps).toEqual({ http_request_firewall_managed: "update", http_request_firewall_custom: "update", http_request_cache_settings: "update" });
    expect(third.resources.map((r) => r.options.importId)).toEqual([undefined, undefined, undefined]);
    expect(zone.map((r) => r.id)).toEqual(["m1", "c1", "q1"]);
  });

  it("knows the managed entry point by the description it carried before the marker (stacks deployed before), and does not import it again", async () => {
    const yaml = ["aws:", "  region: eu-central-1", "network:", "  cidr: 10.20.0.0/16", "edge:", "  zone: acme.example", '  hostnames: ["@", www]', `  zoneId: ${ZONE_ID}`, "  plan: free", ""].join("\n");
    const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", yaml));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const managed = (description: string): ApiRuleset => ({ id: "m1", name: "zone", kind: "zone", phase: "http_request_firewall_managed", description, rules: [{ id: "e1", action: "execute", expression: "true", action_parameters: { id: MANAGED_RULESETS.freeManaged } }] });
    const server = await startFakeZone({ token: OFFLINE_CLOUDFLARE_TOKEN, rulesets: [managed("Managed rulesets the zone's plan offers")] });
    const foreign = await startFakeZone({ token: OFFLINE_CLOUDFLARE_TOKEN, rulesets: [managed("")] });
    expect((await edgePreflight(server.api(), loaded.tenant.spec, ZONE_ID)).adoptRulesets).toEqual({});
    expect((await edgePreflight(foreign.api(), loaded.tenant.spec, ZONE_ID)).adoptRulesets).toEqual({ http_request_firewall_managed: { id: "m1", name: "zone" } });
  });
});

describe("entry points the stack's state holds", () => {
  const yaml = ["aws:", "  region: eu-central-1", "network:", "  cidr: 10.20.0.0/16", "edge:", "  zone: acme.example", '  hostnames: ["@", www]', `  zoneId: ${ZONE_ID}`, "  plan: free", ""].join("\n");
  // The managed entry point an earlier deploy adopted, whose marker someone cleared through the API.
  const managed: ApiRuleset = { id: "m1", name: "zone", kind: "zone", phase: "http_request_firewall_managed", description: "", rules: [{ id: "e1", action: "execute", expression: "true", action_parameters: { id: MANAGED_RULESETS.freeManaged } }] };
  // A custom entry point it holds, with a rule added in the dashboard since: the deploy writes the file's rules over it.
  const custom: ApiRuleset = { id: "c1", name: "dashboard", kind: "zone", phase: "http_request_firewall_custom", description: "", rules: [{ id: "r1", action: "block", expression: "true", description: "by hand" }] };
  const withAdmin = yaml.replace("  plan: free\n", "  plan: free\n  waf: { adminPaths: [{ path: /admin, allow: [198.51.100.0/24] }] }\n");

  it("are the stack's own whatever their name and description: neither imported again nor listed", async () => {
    const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", withAdmin));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const server = await startFakeZone({ token: OFFLINE_CLOUDFLARE_TOKEN, rulesets: [managed, custom] });
    const api = new CloudflareApi({ token: OFFLINE_CLOUDFLARE_TOKEN, baseUrl: server.baseUrl });
    const held = await edgePreflight(api, loaded.tenant.spec, ZONE_ID, { stateRulesetIds: new Set(["m1", "c1"]) });
    expect([held.adoptRulesets, held.blocking]).toEqual([{}, []]);
    // Known by the marker alone, the same zone looks foreign: the managed one adopted, the custom one listed.
    const unknown = await edgePreflight(api, loaded.tenant.spec, ZONE_ID);
    expect(unknown.adoptRulesets).toEqual({ http_request_firewall_managed: { id: "m1", name: "zone" } });
    expect(unknown.blocking.map((f) => f.path.join("."))).toEqual(["edge.waf.adminPaths"]);
  });

  it("a deploy reads them from its own state through the engine and sends no import id for them", async () => {
    const file = writeTenant(tempFolder(), "acme", yaml);
    const server = await startFakeZone({ token: OFFLINE_CLOUDFLARE_TOKEN, rulesets: [managed] });
    vi.stubEnv("CLOUDFLARE_API_BASE", server.baseUrl);
    const dir = file.replace(/\/acme\.yaml$/, "");
    const managedOf = (resources: readonly PlannedResource[]) => resources.find((r) => r.type === RULESET && r.inputs["phase"] === "http_request_firewall_managed")!;
    const fresh = await planTenant("acme", dir, { preflightEdge: true });
    expect(managedOf(fresh.resources).options.importId).toBe(`zones/${ZONE_ID}/m1`);
    const urn = managedOf(fresh.resources).urn;
    const deployed = await planTenant("acme", dir, {
      preflightEdge: true,
      deployedState: { outputs: { tenantId: "acme" }, resources: { [urn]: { type: RULESET, outputs: { id: "m1", name: "zone", phase: "http_request_firewall_managed", description: "" } } } },
    });
    expect(managedOf(deployed.resources).options.importId).toBeUndefined();
  });
});

describe("adopting the managed phase", () => {
  const yaml = ["aws:", "  region: eu-central-1", "network:", "  cidr: 10.20.0.0/16", "edge:", "  zone: acme.example", '  hostnames: ["@", www]', `  zoneId: ${ZONE_ID}`, "  plan: pro", ""].join("\n");
  async function preflightOf(rules: NonNullable<ApiRuleset["rules"]>) {
    const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", yaml));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const server = await startFakeZone({ token: OFFLINE_CLOUDFLARE_TOKEN, plan: "pro", rulesets: [{ id: "m1", name: "zone", kind: "zone", phase: "http_request_firewall_managed", description: "", rules }] });
    return edgePreflight(server.api(), loaded.tenant.spec, ZONE_ID);
  }
  const execute = (id: string, ruleset: string, more: Partial<NonNullable<ApiRuleset["rules"]>[number]> = {}) =>
    ({ id, action: "execute", expression: "true", description: id, action_parameters: { id: ruleset }, ...more });

  it("adopts executions of the plan's managed rulesets that run exactly as the deploy's", async () => {
    const result = await preflightOf([execute("managed", MANAGED_RULESETS.cloudflareManaged), execute("owasp", MANAGED_RULESETS.owaspCore, { enabled: true })]);
    expect(result.blocking).toEqual([]);
    expect(result.adoptRulesets).toEqual({ http_request_firewall_managed: { id: "m1", name: "zone" } });
  });

  it("lists, and does not adopt, an execution that is disabled, limited to some requests, overridden or logging payloads, saying what the deploy changes", async () => {
    const result = await preflightOf([
      execute("owasp", MANAGED_RULESETS.owaspCore, { enabled: false }),
      execute("managed", MANAGED_RULESETS.cloudflareManaged, { action_parameters: { id: MANAGED_RULESETS.cloudflareManaged, overrides: { action: "log" } } }),
      execute("shop only", MANAGED_RULESETS.cloudflareManaged, { expression: 'http.host eq "shop.acme.example"', action_parameters: { id: MANAGED_RULESETS.cloudflareManaged, matched_data: { public_key: "k" } } }),
    ]);
    expect(result.adoptRulesets).toEqual({});
    expect(result.blocking.map((f) => f.path.join("."))).toEqual(["edge.waf.managedRules"]);
    const lines = result.blocking[0]!.message.split("\n");
    expect(lines[0]).toBe('the zone\'s entry-point ruleset for phase http_request_firewall_managed (id m1, "zone") has 3 rule(s) the deploy would replace with the tenant file\'s:');
    expect(lines.slice(1, 4)).toEqual([
      `    - "owasp": execute ruleset ${MANAGED_RULESETS.owaspCore} when true: it is disabled; the deploy enables it`,
      `    - "managed": execute ruleset ${MANAGED_RULESETS.cloudflareManaged} when true: it has overrides {"action":"log"}; the deploy drops them`,
      `    - "shop only": execute ruleset ${MANAGED_RULESETS.cloudflareManaged} when http.host eq "shop.acme.example": it runs only when http.host eq "shop.acme.example"; the deploy runs it on every request; it sets matched_data {"public_key":"k"}; the deploy drops it`,
    ]);
    expect(lines[4]).toMatch(/or set edge\.waf\.managedRules: false to leave the managed phase as it is$/);
  });
});

describe("finding the created zone by name", () => {
  it("asks GET /zones for at most 50 zones a page", async () => {
    const server = await startFakeZone({ token: OFFLINE_CLOUDFLARE_TOKEN, status: "pending", zone: { plan: undefined, account: { id: "a".repeat(32) } } });
    expect((await server.api().zoneByName("acme.example", "a".repeat(32)))?.id).toBe(ZONE_ID);
  });
});
