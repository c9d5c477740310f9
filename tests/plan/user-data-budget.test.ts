/**
 * The share of EC2's 16 KB of user data a tenant's own variables may take: the platform's part of
 * the user data stays within what the schema reserves for it, so a file the schema accepts always
 * plans, and one a byte over is refused at web.app.env instead of failing in the plan.
 */
import { afterAll, describe, expect, it } from "vitest";
import { EC2_USER_DATA_MAX_BYTES } from "../../components/shared/aws-catalog";
import { parseTenant } from "../../tenant-schema/load-tenant";
import { APP_USER_DATA_BUDGET_BYTES, appUserDataBytes, PLATFORM_USER_DATA_BYTES } from "../../tenant-schema/rules/app-rules";
import { fullFeatureTenantYaml, LONGEST_TENANT_ID, planFullFeatureTenant } from "../helpers/full-feature-tenant";
import { ofType, removeTempFolders } from "../helpers/temp-tenants";

afterAll(removeTempFolders);

/** A flow mapping of plain env values taking exactly `bytes` of the user data (with the secret the tenant has). */
function envFilling(bytes: number): string {
  const secret = appUserDataBytes({ env: {}, secrets: { API_KEY: "ssm:/northwind/api-key" } });
  const entries: string[] = [];
  let left = bytes - secret;
  for (let i = 0; left > 0; i++) {
    const name = `FILL_${i}`;
    const overhead = appUserDataBytes({ env: { [name]: "" }, secrets: {} });
    const length = Math.min(4000, left - overhead);
    entries.push(`${name}: "${"x".repeat(length)}"`);
    left -= overhead + length;
  }
  return `{ ${entries.join(", ")} }`;
}

describe("the tenant's share of the user data", () => {
  it("leaves the platform's scripts and settings the bytes they take, measured on the tenant with every section on", async () => {
    for (const nat of ["perZone", "none"] as const) {
      const env = envFilling(APP_USER_DATA_BUDGET_BYTES);
      const loaded = parseTenant(`tenants/${LONGEST_TENANT_ID}.yaml`, Buffer.from(fullFeatureTenantYaml({ nat, env })));
      expect(loaded.ok && appUserDataBytes(loaded.tenant.spec.web!.app)).toBe(APP_USER_DATA_BUDGET_BYTES);
      // The file the schema accepts at its limit plans: every launch template fits EC2's limit.
      const plan = await planFullFeatureTenant({ nat, env });
      const templates = ofType(plan, "aws:ec2/launchTemplate:LaunchTemplate");
      expect(templates.length).toBe(2);
      for (const template of templates) {
        const size = Buffer.from(template.inputs["userData"] as string, "base64").byteLength;
        expect(size, template.name).toBeLessThanOrEqual(EC2_USER_DATA_MAX_BYTES);
        expect(size - APP_USER_DATA_BUDGET_BYTES, template.name).toBeLessThanOrEqual(PLATFORM_USER_DATA_BYTES);
      }
    }
  }, 300_000);

  it("refuses a byte more at web.app.env", () => {
    const loaded = parseTenant(`tenants/${LONGEST_TENANT_ID}.yaml`, Buffer.from(fullFeatureTenantYaml({ env: envFilling(APP_USER_DATA_BUDGET_BYTES + 1) })));
    expect(loaded.ok).toBe(false);
    const issues = loaded.ok ? [] : loaded.issues;
    expect(issues.map((issue) => `${issue.path}: ${issue.message}`).join("\n")).toContain(`web.app.env: with web.app.secrets takes ${APP_USER_DATA_BUDGET_BYTES + 1} bytes of the instance user data`);
  });
});
