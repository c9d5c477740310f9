/**
 * A live zone taken over: the preflight notes the zone-wide settings the deploy changes beyond
 * ZONE_SETTINGS (HSTS, URL normalization, bot management), read from the fake API.
 */
import { afterEach, describe, expect, it } from "vitest";
import { edgePreflight } from "../../program/edge-preflight/edge-preflight";
import { loadTenantFile } from "../../tenant-schema/load-tenant";
import { closeFakeCloudflares, FAKE_ZONE_ID, startFakeZone } from "../helpers/fake-cloudflare-api";
import { removeTempFolders, tempFolder, writeTenant } from "../helpers/temp-tenants";

afterEach(async () => {
  await closeFakeCloudflares();
  removeTempFolders();
});

function spec(extra: string[] = []) {
  const yaml = ["aws:", "  region: eu-central-1", "network:", "  cidr: 10.20.0.0/16", "edge:", "  zone: acme.example", '  hostnames: ["@", www]', `  zoneId: ${FAKE_ZONE_ID}`, "  plan: free", ...extra, ""].join("\n");
  const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", yaml));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.tenant.spec;
}

describe("zone-wide changes of a takeover", () => {
  it("notes HSTS, URL normalization scope and a managed robots.txt the deploy turns off", async () => {
    const server = await startFakeZone({
      settings: { security_header: { strict_transport_security: { enabled: false, max_age: 0, include_subdomains: false, preload: false, nosniff: false } } },
      urlNormalization: { type: "cloudflare", scope: "incoming" },
      botManagement: { fight_mode: true, is_robots_txt_managed: true, enable_js: true },
    });
    const result = await edgePreflight(server.api(), spec(), FAKE_ZONE_ID);
    expect(result.notes).toEqual(expect.arrayContaining([
      "the deploy changes zone setting security_header (HSTS for every proxied host of the zone): enabled from false to true, max_age from 0 to 31536000, nosniff from false to true",
      'the deploy changes the zone\'s URL normalization (every origin of the zone receives the normalized URL with scope "both"): scope from "incoming" to "both"',
      "the deploy changes the zone's bot management: is_robots_txt_managed from true to false",
    ]));
    expect(result.blocking).toEqual([]);
    expect(server.requests).toEqual(expect.arrayContaining([
      `/client/v4/zones/${FAKE_ZONE_ID}/settings/security_header`, `/client/v4/zones/${FAKE_ZONE_ID}/url_normalization`, `/client/v4/zones/${FAKE_ZONE_ID}/bot_management`,
    ]));
  });

  it("notes nothing zone-wide on a zone that already has what the file says (hsts off included)", async () => {
    const server = await startFakeZone({
      settings: { security_header: { strict_transport_security: { enabled: false, max_age: 0, include_subdomains: false, preload: false, nosniff: true } } },
    });
    const notes = (await edgePreflight(server.api(), spec(["  hsts: false"]), FAKE_ZONE_ID)).notes;
    expect(notes.filter((n) => /security_header|URL normalization|bot management/.test(n))).toEqual([]);
  });

  it("reads none of them when the zone is managed by another tenant (manageZone: false)", async () => {
    const server = await startFakeZone({ urlNormalization: { type: "rfc3986", scope: "incoming" } });
    const notes = (await edgePreflight(server.api(), spec(["  manageZone: false"]), FAKE_ZONE_ID)).notes;
    expect(notes.filter((n) => n.includes("URL normalization"))).toEqual([]);
    expect(server.requests.some((r) => r.endsWith("/url_normalization"))).toBe(false);
  });
});
