/**
 * Reachability over the offline plan: every reference tenant has each intended flow open and no
 * rule beyond them; breaking one flow at a time (a rule, an endpoint, a route) turns it into a
 * mandatory finding of the policy pack, and so does a rule that opens more than the flows need.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_RULES } from "../../policies/all-rules";
import { planStackResources } from "../../policies/plan-view";
import { reachability, type Flow } from "../../policies/reachability/flows";
import { runRules } from "../../policies/run-offline";
import { main } from "../../tools/cli/plan";
import type { TenantPlan } from "../../policies/plan-types";
import { samplePlan } from "../helpers/sample-plans";
import { listTenantIds } from "../../tenant-schema/tenant-files";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";
import { editPlan } from "../helpers/edit-plan";
import { named } from "../helpers/plan-queries";
import { planYaml, removeTempFolders } from "../helpers/temp-tenants";

afterAll(removeTempFolders);

const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const ROUTE = "aws:ec2/route:Route";

const line = (flow: Flow) => `${flow.from} -> ${flow.to} tcp/${flow.port}`;

/** The plan without the named resources (of any type). */
function without(plan: TenantPlan, ...names: string[]): TenantPlan {
  for (const name of names) if (!plan.resources.some((r) => r.name === name)) throw new Error(`no resource ${name} in the plan`);
  return editPlan(plan, (r) => names.includes(r.name), () => undefined);
}

/** The mandatory findings of the network-reachability rule, as `resource: message`. */
function findings(plan: TenantPlan): string[] {
  return runRules(plan, ALL_RULES)
    .filter((v) => v.rule === "network-reachability" && v.enforcementLevel === "mandatory")
    .map((v) => `${v.urn.split("::").pop()}: ${v.message}`);
}

describe("reference tenants", () => {
  it.each(listTenantIds("samples"))("%s has every intended flow open and nothing beyond", async (id) => {
    const plan = await samplePlan(id);
    const { flows, unintended } = reachability(planStackResources(plan));
    expect(flows.filter((f) => f.status === "missing").map((f) => `${line(f)}: ${f.reason}`)).toEqual([]);
    expect(unintended).toEqual([]);
    expect(findings(plan)).toEqual([]);
    if (!plan.resources.some((r) => r.name === `${id}-web`)) {
      expect(flows).toEqual([]); // no web tier: nothing in the VPC needs a flow
      return;
    }
    const open = flows.map(line);
    expect(open).toContain(`internet edge -> ${id}-alb tcp/443`);
    expect(open).toContain(`internet edge -> ${id}-alb tcp/80`);
    expect(open).toContain(`${id}-alb -> ${id}-web tcp/80`);
    expect(open).toContain(`${id}-web -> ${id}-db tcp/3306`);
    for (const service of ["logs", "monitoring", "ssm", "ssmmessages", "secretsmanager"]) {
      expect(open.some((flow) => flow.startsWith(`${id}-web -> ${service}.`)), service).toBe(true);
    }
  });
});

describe("breaking one flow at a time", () => {
  let withNat: TenantPlan;
  let noNat: TenantPlan;
  beforeAll(async () => {
    withNat = await planYaml("acme", dataTenantYaml(MYSQL, ["nodeType: cache.t4g.small"]));
    const yaml = dataTenantYaml(MYSQL).replace("nat: single", "nat: none").replace("ghcr.io/acme/site:1.4", "123456789012.dkr.ecr.eu-central-1.amazonaws.com/acme/site:1.4");
    noNat = await planYaml("acme", yaml);
  });

  it("starts from plans with every flow open", () => {
    expect(findings(withNat)).toEqual([]);
    expect(findings(noNat)).toEqual([]);
  });

  it.each([
    ["the instances' egress to the database", ["acme-db-client-1-out"], "acme-web", "acme-web cannot reach acme-db on tcp/3306: acme-web's security groups allow no egress to acme-db on tcp/3306"],
    ["the instances' egress to the cache", ["acme-cache-client-1-out"], "acme-web", "acme-web cannot reach acme-cache on tcp/6379: acme-web's security groups allow no egress to acme-cache on tcp/6379"],
    ["the database's ingress from the instances", ["acme-db-from-client-1"], "acme-web", "acme-web cannot reach acme-db on tcp/3306: acme-db's security groups admit no tcp/3306 from acme-web"],
    ["the load balancer's HTTPS from Cloudflare", ["acme-alb-443-cloudflare-ipv4", "acme-alb-443-cloudflare-ipv6"], "acme-alb", "internet edge cannot reach acme-alb on tcp/443: acme-alb's security groups admit tcp/443 from no edge prefix list"],
    ["the load balancer's way to nginx", ["acme-alb-to-instances"], "acme-alb", "acme-alb cannot reach acme-web on tcp/80: acme-alb's security groups allow no egress to acme-web on tcp/80"],
    ["nginx's ingress from the load balancer", ["acme-instances-from-alb"], "acme-alb", "acme-alb cannot reach acme-web on tcp/80: acme-web's security groups admit no tcp/80 from acme-alb"],
    ["the public subnets' internet route", ["acme-public-internet"], "acme-alb", "internet edge cannot reach acme-alb on tcp/443: no route to an internet gateway from acme-public-a, acme-public-b"],
  ])("without %s, the flow is a mandatory finding", (_what, names, resource, message) => {
    expect(findings(without(withNat, ...names))).toContain(`${resource}: ${message}`);
  });

  it("without the NAT route of one zone, the instances there reach no AWS API", () => {
    const found = findings(without(withNat, "acme-private-b-internet"));
    expect(found).toContain("acme-web: acme-web cannot reach secretsmanager.eu-central-1 on tcp/443: no interface endpoint for com.amazonaws.eu-central-1.secretsmanager; no route to a NAT gateway from acme-private-b");
    expect(found.some((f) => f.includes("internet (ghcr.io)"))).toBe(true);
  });

  it("without the instances' HTTPS egress, nothing outside the VPC is reached", () => {
    const found = findings(without(withNat, "acme-instances-https"));
    expect(found).toContain("acme-web: acme-web cannot reach logs.eu-central-1 on tcp/443: acme-web's security groups allow no tcp/443 egress to public addresses");
  });

  it("without NAT, a missing interface endpoint is a missing flow", () => {
    expect(findings(without(noNat, "acme-endpoint-secretsmanager"))).toContain(
      "acme-web: acme-web cannot reach secretsmanager.eu-central-1 on tcp/443: no interface endpoint for com.amazonaws.eu-central-1.secretsmanager; no route to a NAT gateway from acme-private-a, acme-private-b",
    );
  });

  it("without NAT, the endpoints' ingress and the S3 gateway route are needed", () => {
    expect(findings(without(noNat, "acme-endpoints-https"))).toContain(
      "acme-web: acme-web cannot reach logs.eu-central-1 on tcp/443: acme-endpoint-logs's security groups admit no tcp/443 from acme-web",
    );
    expect(findings(without(noNat, "acme-s3-private-a"))).toContain(
      "acme-web: acme-web cannot reach s3.eu-central-1 on tcp/443: no interface endpoint for com.amazonaws.eu-central-1.s3; no route to a NAT gateway from acme-private-a, acme-private-b",
    );
  });

  it("reports a rule that opens more than the flows need, such as SSH from anywhere or all egress", () => {
    let widened = editPlan(withNat, { type: INGRESS, name: "acme-instances-from-alb" }, (inputs) => ({ ...inputs, referencedSecurityGroupId: undefined, cidrIpv4: "0.0.0.0/0", fromPort: 22, toPort: 22 }), { copyAs: "acme-instances-ssh" });
    widened = editPlan(widened, { type: EGRESS, name: "acme-instances-https" }, (inputs) => ({ ...inputs, ipProtocol: "-1", fromPort: undefined, toPort: undefined }), { copyAs: "acme-instances-all-out" });
    expect(findings(widened)).toEqual([
      "acme-instances-ssh: acme-instances admits tcp/22 from 0.0.0.0/0 (the whole internet), which no intended flow needs",
      "acme-instances-all-out: acme-instances allows out all traffic to 0.0.0.0/0, wider than the flows it serves (tcp/443, 3306, 6379)",
    ]);
  });

  it("reports instances admitting the load balancer's port from outside the VPC, even when the flow uses the rule", () => {
    const fromAlb = { type: INGRESS, name: "acme-instances-from-alb" };
    const fromAddresses = (cidrIpv4: string) => (inputs: Record<string, unknown>) => ({ ...inputs, referencedSecurityGroupId: undefined, cidrIpv4 });
    const widened = editPlan(withNat, fromAlb, fromAddresses("198.51.100.0/24"), { copyAs: "acme-instances-from-office" });
    expect(findings(widened)).toEqual([
      "acme-instances-from-office: acme-instances admits tcp/80 from 198.51.100.0/24, which no intended flow needs",
    ]);
    const wholeVpc = without(editPlan(withNat, fromAlb, fromAddresses("0.0.0.0/0"), { copyAs: "acme-instances-from-anywhere" }), "acme-instances-from-alb");
    expect(findings(wholeVpc)).toEqual([
      "acme-instances-from-anywhere: acme-instances admits tcp/80 from 0.0.0.0/0 (the whole internet), which lets addresses outside the VPC in",
    ]);
  });

  it("reports an interface endpoint without private DNS: the instances keep calling the public name", () => {
    const withoutPrivateDns = editPlan(noNat, { type: ENDPOINT, name: "acme-endpoint-logs" }, (inputs) => ({ ...inputs, privateDnsEnabled: false }));
    expect(findings(withoutPrivateDns)).toContain(
      "acme-web: acme-web cannot reach logs.eu-central-1 on tcp/443: no interface endpoint for com.amazonaws.eu-central-1.logs; no route to a NAT gateway from acme-private-a, acme-private-b",
    );
    expect(noNat.resources.some((r) => r.type === ROUTE && r.name.startsWith("acme-private"))).toBe(false);
  });
});

describe("tenants without NAT", () => {
  it("reach every AWS API they use, with every section on", async () => {
    const yaml = [
      "aws: { region: eu-central-1, accountId: \"123456789012\" }",
      "network: { cidr: 10.20.0.0/16, zones: 3, nat: none }",
      "edge: { zone: acme.example, hostnames: [\"@\", www], accountId: 0123456789abcdef0123456789abcdef }",
      "web:",
      "  instanceType: t4g.small",
      "  app: { image: 123456789012.dkr.ecr.eu-central-1.amazonaws.com/acme/site:1.4, port: 8080, secrets: { API_KEY: \"ssm:/acme/api-key\" } }",
      "  scaling: { min: 2, max: 6 }",
      "  workers: { command: [celery, worker] }",
      "database: { engine: postgres, version: \"16\", instanceClass: db.t4g.medium, standby: true, readReplicas: 2 }",
      "cache: { nodeType: cache.t4g.small, replica: true }",
      "mail: { dmarc: { policy: reject, reportEmail: dmarc@acme.example }, fromAddresses: [noreply] }",
      "media: {}",
      "",
    ].join("\n");
    const plan = await planYaml("acme", yaml);
    const { flows, unintended } = reachability(planStackResources(plan));
    expect(flows.filter((f) => f.status === "missing").map((f) => `${line(f)}: ${f.reason}`)).toEqual([]);
    expect(unintended).toEqual([]);
    const web = flows.filter((f) => f.from === "acme-web").map((f) => `${f.to} via ${f.via}`);
    expect(web).toEqual(expect.arrayContaining([
      "email.eu-central-1 via interface endpoint acme-endpoint-email",
      "secretsmanager.eu-central-1 via interface endpoint acme-endpoint-secretsmanager",
      "sqs.eu-central-1 via interface endpoint acme-endpoint-sqs",
      "s3.eu-central-1 via gateway endpoint acme-s3",
      "acme-db-replica-2 via security groups",
    ]));
    expect(flows.some((f) => f.to.startsWith("kms.") || f.to.startsWith("internet"))).toBe(false);
  });

  it("see that the exporter's app uses its key only through S3, so it needs no KMS endpoint", async () => {
    const plan = await samplePlan("lionsbase");
    const writer = JSON.parse(named(plan, "aws:iam/rolePolicy:RolePolicy", "lionsbase-exchange-writer").inputs["policy"] as string) as { Statement: { Sid: string; Condition?: unknown }[] };
    expect(writer.Statement.find((s) => s.Sid === "ExportKey")?.Condition).toEqual({ StringEquals: { "kms:ViaService": "s3.eu-central-1.amazonaws.com" } });
    expect(reachability(planStackResources(plan)).flows.map((f) => f.to)).not.toContain("kms.eu-central-1");
  });
});

describe("npm run plan", () => {
  it("prints the needed flows and how each gets through", async () => {
    const out: string[] = [];
    const code = await main(["example", "--dir", "samples"], { out: (t) => out.push(t), err: () => undefined });
    expect(code).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/example: reachability: \d+ needed flows open, 0 missing; 0 rules open beyond them/);
    expect(text).toMatch(/ {2}open {5}example-web -> example-db tcp\/3306 +via security groups/);
    expect(text).toMatch(/ {2}open {5}example-web -> secretsmanager\.eu-central-1 tcp\/443 +via NAT/);
  });
});
