/** Validation of the offboarding declaration: a reason in a sentence, and nothing else. */
import { describe, expect, it } from "vitest";
import { parseTenant } from "../../tenant-schema/load-tenant";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { tenantYaml } from "../helpers/temp-tenants";

function messages(yaml: string): string {
  const result = parseTenant("tenants/acme.yaml", Buffer.from(yaml));
  return result.ok ? "accepted" : formatIssues(result.issues).replaceAll("tenants/acme.yaml:", "");
}

describe("offboarding section", () => {
  it("accepts a reason and keeps it", () => {
    const result = parseTenant("tenants/acme.yaml", Buffer.from(`${tenantYaml({})}offboarding: { reason: "contract ended in November" }\n`));
    expect(result.ok && result.tenant.spec.offboarding).toEqual({ reason: "contract ended in November" });
  });

  it.each([
    ["a reason that says nothing", 'offboarding: { reason: "bye" }\n', '9:24: offboarding.reason: must say in a sentence why the tenant leaves'],
    ["a declaration without a reason", "offboarding: {}\n", "9:1: offboarding.reason: is required"],
  ])("refuses %s", (_label, lines, expected) => {
    expect(messages(`${tenantYaml({})}${lines}`)).toContain(expected);
  });
});
