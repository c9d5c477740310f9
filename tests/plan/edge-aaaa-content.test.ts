/**
 * An AAAA record of the tenant file is sent in the address's canonical text, which Cloudflare
 * stores and returns (a file's other spelling would be an update on every deploy), while its
 * logical name keeps the file's text, so that an existing record is neither renamed nor replaced.
 */
import { afterEach, describe, expect, it } from "vitest";
import { planTenant } from "../../tools/plan/run-plan";
import { removeTempFolders, tempFolder, writeTenant } from "../helpers/temp-tenants";
import { webTenantYaml } from "../helpers/web-tenant";

afterEach(() => removeTempFolders());

const DNS_RECORD = "cloudflare:index/dnsRecord:DnsRecord";

async function aaaaRecordOf(address: string): Promise<{ name: string; content: unknown }> {
  const dir = tempFolder();
  writeTenant(dir, "acme", webTenantYaml().replace("  zone: acme.example\n", `  zone: acme.example\n  records: [{ type: AAAA, name: v6, content: "${address}" }]\n`));
  const plan = await planTenant("acme", dir);
  const record = plan.resources.find((r) => r.type === DNS_RECORD && r.inputs["type"] === "AAAA")!;
  return { name: record.name, content: record.inputs["content"] };
}

describe("AAAA record content", () => {
  it("sends the canonical text of an address written otherwise, under the name its file text gives", async () => {
    const written = await aaaaRecordOf("2001:0DB8:0::1");
    const canonical = await aaaaRecordOf("2001:db8::1");
    expect(written.content).toBe("2001:db8::1");
    expect(canonical.content).toBe("2001:db8::1");
    // The logical name is derived from the file's text, as before: an existing stack keeps its URN.
    expect(written.name).not.toBe(canonical.name);
    expect(written.name).toMatch(/^acme-record-aaaa-v6-/);
  });
});
