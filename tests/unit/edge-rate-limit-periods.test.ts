/** Rate-limit periods: the tenant file offers a subset of what Cloudflare supports, and says so. */
import { afterEach, describe, expect, it } from "vitest";
import { loadTenantFile } from "../../tenant-schema/load-tenant";
import { removeTempFolders, tempFolder, writeTenant } from "../helpers/temp-tenants";

const ZONE_ID = "fedcba9876543210fedcba9876543210";

afterEach(() => removeTempFolders());

describe("a rate-limit period outside the platform's list", () => {
  it("is refused as outside what the platform offers, not as refused by the API (which supports 15, 30, 90 and more)", () => {
    const yaml = ["aws:", "  region: eu-central-1", "network:", "  cidr: 10.20.0.0/16", "edge:", "  zone: acme.example", '  hostnames: ["@", www]', `  zoneId: ${ZONE_ID}`, "  plan: pro",
      "  waf: { rateLimits: [{ path: /login, requests: 20, periodSeconds: 15 }] }", ""].join("\n");
    const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", yaml));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues.map((i) => [i.path, i.message])).toEqual([["edge.waf.rateLimits[0].periodSeconds", "must be one of the periods the platform offers: 10, 60, 120, 300, 600 or 3600"]]);
  });
});
