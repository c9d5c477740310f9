/** The policy pack over the offline plans: the reference tenants pass; weakened tenants fail with the rules' messages. */
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../policies/all-rules";
import { declarationsFromSpec, type TenantDeclarations } from "../../policies/declarations";
import { runRules } from "../../policies/run-offline";
import type { TenantPlan } from "../../policies/plan-types";
import { planTenant } from "../../tools/plan/run-plan";
import { loadTenantFile } from "../../tenant-schema/load-tenant";
import { listTenantIds } from "../../tenant-schema/tenant-files";
import { editPlan } from "../helpers/edit-plan";

async function planned(id: string): Promise<{ plan: TenantPlan; declared: TenantDeclarations }> {
  const loaded = loadTenantFile(`samples/${id}.yaml`);
  if (!loaded.ok) throw new Error(`samples/${id}.yaml is invalid`);
  return { plan: await planTenant(id, "samples"), declared: declarationsFromSpec(loaded.tenant.spec) };
}

const mandatory = (plan: TenantPlan, declared: TenantDeclarations) =>
  runRules(plan, ALL_RULES, { declared }).filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.rule}: ${v.urn.split("::").pop() ?? ""}: ${v.message}`).sort();

describe("policies over the offline plan", () => {
  it.each(listTenantIds("samples"))("%s passes every mandatory rule", async (id) => {
    const { plan, declared } = await planned(id);
    expect(mandatory(plan, declared)).toEqual([]);
  });

  it("reports a database made public and an open security group", async () => {
    const { plan, declared } = await planned("tipster");
    let weakened = editPlan(plan, { type: "aws:rds/instance:Instance", name: "tipster-db" }, (inputs) => ({ ...inputs, publiclyAccessible: true }));
    weakened = editPlan(weakened, { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "tipster-instances-from-alb" }, (inputs) => ({ ...inputs, referencedSecurityGroupId: undefined, cidrIpv4: "0.0.0.0/0" }));
    expect(mandatory(weakened, declared)).toEqual([
      "network-reachability: tipster-instances-from-alb: tipster-instances admits tcp/80 from 0.0.0.0/0 (the whole internet), which lets addresses outside the VPC in",
      "rds-not-public: tipster-db: the database is publicly accessible",
      "security-group-no-open-ingress: tipster-instances-from-alb: the rule admits the whole internet",
    ]);
  });

  it("reports a listener serving plain HTTP and a load balancer without HTTPS", async () => {
    const { plan, declared } = await planned("tipster");
    const targetGroup = plan.resources.find((r) => r.type === "aws:lb/targetGroup:TargetGroup")!;
    let weakened = editPlan(plan, { type: "aws:lb/listener:Listener", name: "tipster-https" }, () => undefined);
    weakened = editPlan(weakened, { type: "aws:lb/listener:Listener", name: "tipster-http" }, (inputs) => ({ ...inputs, defaultActions: [{ type: "forward", targetGroupArn: plan.ids[targetGroup.urn] }] }));
    expect(mandatory(weakened, declared)).toEqual([
      "http-listener-redirects-to-https: tipster-http: the HTTP listener serves requests instead of redirecting them to HTTPS",
      "load-balancer-serves-https: tipster-alb: the load balancer has no HTTPS listener",
      // Nothing listens on 443 any more, and no redirect sends visitors there.
      "network-reachability: tipster-alb-443-cloudflare-ipv4: tipster-alb admits tcp/443 from prefix list tipster-cloudflare-ipv4, which no intended flow needs",
      "network-reachability: tipster-alb-443-cloudflare-ipv6: tipster-alb admits tcp/443 from prefix list tipster-cloudflare-ipv6, which no intended flow needs",
    ]);
  });

  it("reports a VPC without flow logs, a bucket without its TLS-only policy and a load balancer open to the internet", async () => {
    const { plan, declared } = await planned("tipster");
    let weakened = editPlan(plan, { type: "aws:ec2/flowLog:FlowLog", name: "tipster-flow-logs" }, () => undefined);
    weakened = editPlan(weakened, { type: "aws:s3/bucketPolicy:BucketPolicy", name: "tipster-backups" }, () => undefined);
    weakened = editPlan(weakened, { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "tipster-alb-443-cloudflare-ipv4" }, (inputs) => ({ ...inputs, prefixListId: undefined, cidrIpv4: "0.0.0.0/0" }));
    expect(mandatory(weakened, declared)).toEqual([
      "load-balancer-only-from-cloudflare: tipster-alb-443-cloudflare-ipv4: the load balancer admits a source other than the Cloudflare prefix lists",
      "network-reachability: tipster-alb-443-cloudflare-ipv4: tipster-alb admits tcp/443 from 0.0.0.0/0 (the whole internet), which no intended flow needs",
      "s3-tls-only: tipster-backups: no bucket policy denies requests without TLS (Deny when aws:SecureTransport is false)",
      "security-group-no-open-ingress: tipster-alb-443-cloudflare-ipv4: the rule admits the whole internet",
      "vpc-flow-logs: tipster-vpc: the VPC has no flow log of ALL or REJECT traffic",
    ]);
  });

  it("compares with what the tenant file declares: standby, backup retention, proxied hostnames", async () => {
    const { plan, declared } = await planned("example");
    let weakened = editPlan(plan, { type: "aws:rds/instance:Instance", name: "example-db" }, (inputs) => ({ ...inputs, multiAz: false }));
    weakened = editPlan(weakened, { type: "aws:backup/plan:Plan", name: "example-plan" }, (inputs) => ({
      ...inputs,
      rules: (inputs["rules"] as Record<string, unknown>[]).map((rule) => ({ ...rule, lifecycle: { deleteAfter: 3 } })),
    }));
    weakened = editPlan(weakened, { type: "cloudflare:index/dnsRecord:DnsRecord", name: "example-web-www" }, (inputs) => ({ ...inputs, proxied: false }));
    expect(mandatory(weakened, declared)).toEqual([
      "backup-retention-as-declared: example-plan: rule daily keeps recovery points 3 days; the tenant file declares backup.snapshotsKeepDays: 10",
      "cloudflare-web-records-proxied: example-web-www: www.example.com is not proxied: set proxied true (and ttl 1)",
      "rds-multi-az-as-declared: example-db: the tenant file asks for a standby (database.standby: true) but the database is not Multi-AZ",
    ]);
  });
});
