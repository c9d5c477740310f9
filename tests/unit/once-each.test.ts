/** Entries that each become a resource named after them are listed once: the engine refuses one URN twice. */
import { describe, expect, it } from "vitest";
import { parseTenant } from "../../tenant-schema/load-tenant";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { tenantYaml } from "../helpers/temp-tenants";

function messages(yaml: string): string {
  const result = parseTenant("tenants/acme.yaml", Buffer.from(yaml));
  return result.ok ? "accepted" : formatIssues(result.issues).replaceAll("tenants/acme.yaml:", "");
}

const withRecords = (...records: string[]) =>
  tenantYaml({}).replace("  accountId:", ["  records:", ...records.map((r) => `    - ${r}`), "  accountId:"].join("\n"));

describe("entries listed twice", () => {
  it.each([
    ["an alert e-mail", `${tenantYaml({})}monitoring: { alertEmails: [ops@acme.example, Ops@acme.example] }\n`,
      "9:47: monitoring.alertEmails[1]: repeats monitoring.alertEmails[0]; each address once"],
    ["a webhook", `${tenantYaml({})}monitoring: { webhooks: [https://hooks.example/a, https://hooks.example/a] }\n`,
      "9:51: monitoring.webhooks[1]: repeats monitoring.webhooks[0]; each URL once"],
    ["an identical record, differing only in TTL", withRecords('{ type: TXT, name: "@", content: "v=spf1 -all" }', '{ type: TXT, name: "@", content: "v=spf1 -all", ttl: 600 }'),
      "10:7: edge.records[1]: repeats edge.records[0]; each record (type, name, content and priority) once"],
  ])("are refused with their position: %s", (_label, yaml, expected) => {
    expect(messages(yaml)).toBe(expected);
  });

  it("are not confused with entries that only look alike", () => {
    expect(messages(`${tenantYaml({})}monitoring: { alertEmails: [a.b@c.de, a@b.c.de], webhooks: [https://hooks.example/a, https://hooks.example/b] }\n`)).toBe("accepted");
    expect(messages(withRecords('{ type: TXT, name: "@", content: "a" }', '{ type: TXT, name: "@", content: "b" }', '{ type: TXT, name: www, content: "a" }'))).toBe("accepted");
  });
});
