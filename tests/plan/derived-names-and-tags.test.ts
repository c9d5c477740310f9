/**
 * Resources named after values of the tenant file stay distinct and keep existing names (through
 * aliases the engine follows); dashboards name their region; launched instances carry the tags.
 */
import { afterEach, describe, expect, it } from "vitest";
import { offlineChanges } from "../../tools/fleet/offline-changes";
import type { TenantPlan } from "../../policies/plan-types";
import { LONGEST_TENANT_ID, planFullFeatureTenant } from "../helpers/full-feature-tenant";
import { ofType, planYaml, removeTempFolders } from "../helpers/temp-tenants";
import { webTenantYaml } from "../helpers/web-tenant";

afterEach(removeTempFolders);

const monitored = (monitoring: string) => `${webTenantYaml()}monitoring: ${monitoring}\n`;

describe("subscriptions and records named after values", () => {
  it("are one each for addresses that slug alike, webhooks on one host and hostnames * and wildcard", async () => {
    const plan = await planFullFeatureTenant();
    const subscriptions = ofType(plan, "aws:sns/topicSubscription:TopicSubscription");
    expect(subscriptions.map((s) => s.inputs["endpoint"]).sort()).toEqual([
      "a.b@c.de", "a@b.c.de", "https://hooks.chat.example/services/T1/B1", "https://hooks.chat.example/services/T1/B2", "ops@northwind-traders.example",
    ]);
    const webRecords = ofType(plan, "cloudflare:index/dnsRecord:DnsRecord").filter((r) => r.name.startsWith(`${LONGEST_TENANT_ID}-web-`));
    expect(webRecords.map((r) => r.inputs["name"]).sort()).toEqual([
      "*.northwind-traders.example", "northwind-traders.example", "wildcard.northwind-traders.example", "www.northwind-traders.example",
    ]);
  });

  it("keep an existing subscription whose name changed, through an alias the plan comparison follows", async () => {
    const plan = await planYaml("acme", monitored("{ alertEmails: [ops@acme-site.example] }"));
    const [subscription] = ofType(plan, "aws:sns/topicSubscription:TopicSubscription");
    const former = subscription!.urn.replace(/::acme-alerts-ops-acme-site-example--[0-9a-f]{8}$/, "::acme-alerts-ops-acme-site-example");
    expect(former).not.toBe(subscription!.urn);
    expect(subscription!.options.aliases).toContain(former);
    // The previous revision knew it by its former name.
    const base: TenantPlan = { ...plan, resources: plan.resources.map((r) => (r === subscription ? { ...r, urn: former, options: { ...r.options, aliases: [] } } : r)) };
    const changes = offlineChanges(plan, base);
    expect(changes.resources.filter((r) => r.type === "aws:sns/topicSubscription:TopicSubscription")).toEqual([]);
    expect(changes.counts.create ?? 0).toBe(0);
    expect(changes.counts.delete ?? 0).toBe(0);
  });

  it("keep names that were distinct already, without aliases", async () => {
    const plan = await planYaml("acme", monitored("{ alertEmails: [ops@acme.example] }"));
    const [subscription] = ofType(plan, "aws:sns/topicSubscription:TopicSubscription");
    expect(subscription!.name).toBe("acme-alerts-ops-acme-example");
    expect(subscription!.options.aliases ?? []).toEqual([]);
  });
});

describe("the dashboard", () => {
  it("names the region of every metric widget (required by the dashboard body)", async () => {
    const plan = await planYaml("acme", monitored("{ alertEmails: [ops@acme.example] }"));
    const [dashboard] = ofType(plan, "aws:cloudwatch/dashboard:Dashboard");
    const widgets = (JSON.parse(dashboard!.inputs["dashboardBody"] as string) as { widgets: { type: string; properties: { region?: string } }[] }).widgets;
    expect(widgets.length).toBeGreaterThan(3);
    expect(widgets.filter((w) => w.type === "metric").map((w) => w.properties.region)).toEqual(widgets.map(() => "eu-central-1"));
  });
});

describe("instances and volumes", () => {
  it("carry the tenant's tags through the group (at launch) and the launch template's tag specifications", async () => {
    const plan = await planYaml("acme", `${webTenantYaml()}tags: { cost-centre: web }\n`);
    const expected = { tenant: "acme", "managed-by": "tenant-platform", "cost-centre": "web" };
    for (const template of ofType(plan, "aws:ec2/launchTemplate:LaunchTemplate")) {
      const specs = template.inputs["tagSpecifications"] as { resourceType: string; tags: Record<string, string> }[];
      for (const resourceType of ["instance", "volume"]) {
        expect(specs.find((s) => s.resourceType === resourceType)?.tags).toMatchObject(expected);
      }
    }
    for (const group of ofType(plan, "aws:autoscaling/group:Group")) {
      const tags = group.inputs["tags"] as { key: string; value: string; propagateAtLaunch: boolean }[];
      for (const [key, value] of Object.entries(expected)) expect(tags).toContainEqual({ key, value, propagateAtLaunch: true });
    }
  });
});
