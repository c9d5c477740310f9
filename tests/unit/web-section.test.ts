/** Validation of the web section: each rule with its exact message and position. */
import { describe, expect, it } from "vitest";
import { parseTenant } from "../../tenant-schema/load-tenant";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { webTenantYaml } from "../helpers/web-tenant";

function messages(yaml: string): string {
  const result = parseTenant("tenants/acme.yaml", Buffer.from(yaml));
  return result.ok ? "accepted" : formatIssues(result.issues).replaceAll("tenants/acme.yaml:", "");
}

describe("web section", () => {
  it("accepts the sample and fills the defaults", () => {
    const result = parseTenant("tenants/acme.yaml", Buffer.from(webTenantYaml()));
    expect(result.ok && result.tenant.spec.web).toMatchObject({
      scaling: { min: 2, max: 6, cpuTarget: 50, warmupSeconds: 180, schedules: [], scaleIn: true },
      healthCheck: { path: "/" },
      loadBalancer: { deletionProtection: true, idleTimeoutSeconds: 60, deregistrationDelaySeconds: 60, stickinessSeconds: 0, accessLogRetentionDays: 90 },
      rootVolumeGiB: 20,
      logRetentionDays: 30,
    });
    expect(result.ok && result.tenant.spec.web?.healthCheck.gracePeriodSeconds).toBeUndefined();
    const withWorkers = parseTenant("tenants/acme.yaml", Buffer.from(webTenantYaml().replace("  loadBalancer:", "  workers: { command: [w] }\n  loadBalancer:")));
    expect(withWorkers.ok && withWorkers.tenant.spec.web?.workers?.stopTimeoutSeconds).toBe(120);
  });

  it.each([
    ["a worker stop timeout of zero", webTenantYaml().replace("  loadBalancer:", "  workers: { command: [w], stopTimeoutSeconds: 0 }\n  loadBalancer:"),
      "19:48: web.workers.stopTimeoutSeconds: must be at least 1; got number 0"],
    ["a deregistration delay of zero (nginx would wait 0 s for the application)",
      webTenantYaml().replace("  loadBalancer:\n", "  loadBalancer:\n    deregistrationDelaySeconds: 0\n"),
      "20:33: web.loadBalancer.deregistrationDelaySeconds: must be at least 1; got number 0"],
    ["min above max", webTenantYaml().replace("{ min: 2, max: 6 }", "{ min: 7, max: 6 }"),
      "18:19: web.scaling.min: must not exceed web.scaling.max (6)"],
    ["desired outside min and max", webTenantYaml().replace("{ min: 2, max: 6 }", "{ min: 2, max: 6, desired: 9 }"),
      "18:39: web.scaling.desired: must lie between web.scaling.min (2) and web.scaling.max (6)"],
    ["an architecture the instance type does not run", webTenantYaml().replace("  instanceType: t4g.small", "  instanceType: t4g.small\n  architecture: x86_64"),
      "13:17: web.architecture: t4g.small runs arm64; leave architecture out or choose a matching instance type"],
    ["a certificate from another region", webTenantYaml().replace("acm:eu-central-1", "acm:us-east-1"),
      "20:21: web.loadBalancer.certificateArn: is in us-east-1; the load balancer needs a certificate in aws.region (eu-central-1)"],
    ["an image outside ECR without NAT", webTenantYaml({ nat: "none" }),
      "14:12: web.app.image: with network.nat none the instances reach only AWS endpoints in eu-central-1: push the image to ECR there, or choose nat single"],
    ["a secret value instead of a reference", webTenantYaml().replace('API_KEY: "ssm:/acme/api-key"', 'API_KEY: "hunter2"'),
      "17:112: web.app.secrets.API_KEY: must reference a secret: a Secrets Manager ARN (arn:aws:secretsmanager:…) or an SSM parameter as ssm:/path"],
    ["a secret in another region", webTenantYaml().replace("secretsmanager:eu-central-1", "secretsmanager:eu-west-1"),
      "17:29: web.app.secrets.DB_PASSWORD: is a secret in eu-west-1; instances read secrets from aws.region (eu-central-1)"],
    ["an environment variable name with a hyphen", webTenantYaml().replace("env: { APP_ENV: production }", "env: { APP-ENV: production }"),
      '16:21: web.app.env.APP-ENV: key "APP-ENV" is not allowed: environment variable names are letters, digits and _, not starting with a digit'],
    ["workers of another architecture, min above max", webTenantYaml().replace("  loadBalancer:", "  workers: { command: [w], instanceType: m7i.large, min: 5, max: 2 }\n  loadBalancer:"), [
      "19:42: web.workers.instanceType: runs x86_64 but the web instances run arm64: one image serves both",
      "19:58: web.workers.min: must not exceed web.workers.max (2)",
    ].join("\n")],
    ["bad schedules", webTenantYaml().replace("  scaling: { min: 2, max: 6 }", '  scaling:\n    min: 2\n    max: 6\n    schedules:\n      - { name: peak, cron: "0 * * * *", min: 5, max: 4 }\n      - { name: peak, cron: "every hour" }'), [
      "22:47: web.scaling.schedules[0].min: must not exceed this schedule's max (4)",
      "23:9: web.scaling.schedules[1]: changes nothing: give it min, max or desired",
      '23:17: web.scaling.schedules[1].name: "peak" is already the name of web.scaling.schedules[0]',
      '23:29: web.scaling.schedules[1].cron: must be a Unix cron expression of five fields (minute hour day-of-month month day-of-week), such as "0 * * * *" (every hour): has 2 fields, not 5',
    ].join("\n")],
    ["a schedule lifting min or desired above the group's max", webTenantYaml().replace("  scaling: { min: 2, max: 6 }", '  scaling:\n    min: 2\n    max: 6\n    schedules:\n      - { name: peak, cron: "0 8 * * *", min: 8 }\n      - { name: burst, cron: "0 9 * * *", desired: 7 }\n      - { name: lifted, cron: "0 10 * * *", min: 8, max: 10 }'), [
      "22:47: web.scaling.schedules[0].min: must not exceed web.scaling.max (6); give this schedule a max of 8 or more, or lower its min",
      "23:52: web.scaling.schedules[1].desired: must not exceed web.scaling.max (6); give this schedule a max of 7 or more, or lower its desired",
    ].join("\n")],
  ])("refuses %s", (_label, yaml, expected) => {
    expect(messages(yaml)).toBe(expected);
  });
});
