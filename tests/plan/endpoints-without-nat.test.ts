/**
 * Without NAT the instances reach AWS only through endpoints: the interface endpoints follow what
 * the instances use (the platform's own secrets, mail, the queue), and an exchange partner's
 * bucket in another region, which no endpoint of the VPC serves, is refused with its position.
 */
import { afterAll, describe, expect, it } from "vitest";
import { planTenant } from "../../tools/plan/run-plan";
import type { TenantPlan } from "../../policies/plan-types";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { listTenantFiles, loadFleet } from "../../tenant-schema/tenant-files";
import { MYSQL } from "../helpers/data-tenant";
import { featureTenantYaml } from "../helpers/feature-tenant";
import { removeTempFolders, planYaml, tempFolder, writeTenant, ofType } from "../helpers/temp-tenants";
import { webTenantYaml } from "../helpers/web-tenant";

afterAll(removeTempFolders);

const ECR_IMAGE = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/acme/site:1.4";

/** A web tenant without NAT whose app has no Secrets Manager reference of its own. */
function withoutNat(extra: string[] = [], web: (yaml: string) => string = (y) => y): string {
  const yaml = webTenantYaml({ nat: "none" })
    .replace("ghcr.io/acme/site:1.4", ECR_IMAGE)
    .replace(/secrets: \{[^}]*\}/, 'secrets: { API_KEY: "ssm:/acme/api-key" }');
  return `${web(yaml)}${extra.join("\n")}\n`;
}

function interfaceServices(plan: TenantPlan): string[] {
  return ofType(plan, "aws:ec2/vpcEndpoint:VpcEndpoint")
    .filter((e) => e.inputs["vpcEndpointType"] === "Interface")
    .map((e) => (e.inputs["serviceName"] as string).replace("com.amazonaws.eu-central-1.", ""))
    .sort();
}

// The boot and the heartbeat (autoscaling: set-instance-health).
const BOOT = ["autoscaling", "ec2messages", "ecr.api", "ecr.dkr", "logs", "monitoring", "ssm", "ssmmessages"];

describe("interface endpoints without NAT", () => {
  it("reach only what the boot needs when the app has no secrets, mail or queue", async () => {
    expect(interfaceServices(await planYaml("acme", withoutNat()))).toEqual(BOOT);
  });

  it("include Secrets Manager for the platform's database password and cache token", async () => {
    const plan = await planYaml("acme", withoutNat(["database:", ...MYSQL.map((l) => `  ${l}`), "cache: { nodeType: cache.t4g.small }"]));
    expect(interfaceServices(plan)).toEqual([...BOOT, "secretsmanager"].sort());
  });

  it("include the SES API when mail is on, and SQS for workers", async () => {
    const mail = ["mail:", "  dmarc: { policy: reject, reportEmail: dmarc@acme.example }", "  fromAddresses: [noreply]"];
    const workers = (yaml: string) => yaml.replace("  loadBalancer:", "  workers: { command: [celery, worker] }\n  loadBalancer:");
    expect(interfaceServices(await planYaml("acme", withoutNat(mail, workers)))).toEqual([...BOOT, "email", "sqs"].sort());
  });
});

describe("exchange without NAT", () => {
  function fleet(importerRegion: string): string {
    const dir = tempFolder();
    writeTenant(dir, "alpha", featureTenantYaml({ account: "111111111111", zone: "alpha.example", partners: ["beta"] }));
    const beta = featureTenantYaml({ account: "222222222222", zone: "beta.example", cidr: "10.21.0.0/16", region: importerRegion })
      .replace("  nat: single", "  nat: none")
      .replace("ghcr.io/acme/site:1.4", `222222222222.dkr.ecr.${importerRegion}.amazonaws.com/beta/site:1`);
    writeTenant(dir, "beta", beta);
    return dir;
  }

  it("refuses a partner's bucket in another region, at the importer's network.nat", async () => {
    const dir = fleet("eu-west-1");
    expect(formatIssues(loadFleet(listTenantFiles(dir)).issues).replaceAll(`${dir}/`, "")).toBe(
      "beta.yaml:7:8: network.nat: is none, but tenant alpha (alpha.yaml) shares its export bucket in eu-central-1 with this tenant; " +
      "without NAT the instances reach S3 only through the gateway endpoint, which serves buckets in eu-west-1 alone. " +
      "Choose nat single or perZone, or remove this tenant from alpha's exchange.partners",
    );
    await expect(planTenant("beta", dir)).rejects.toThrow("shares its export bucket in eu-central-1");
  });

  it("accepts a partner's bucket in the same region (the S3 gateway endpoint serves it)", () => {
    expect(loadFleet(listTenantFiles(fleet("eu-central-1"))).issues).toEqual([]);
  });
});
