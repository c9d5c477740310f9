/** The preflight's Cloudflare client against the fake API: authentication failures and the certificate-pack list's paging. */
import { afterEach, describe, expect, it } from "vitest";
import { CloudflareApi, CloudflareApiError } from "../../program/edge-preflight/cloudflare-api";
import { closeFakeCloudflares, FAKE_ZONE_ID, startFakeZone } from "../helpers/fake-cloudflare-api";

afterEach(closeFakeCloudflares);

const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as CloudflareApiError);

describe("authentication failures", () => {
  it("reports a malformed token with the API's code and the cause in its error chain", async () => {
    const server = await startFakeZone();
    const failure = await failureOf(new CloudflareApi({ token: "two words", baseUrl: server.baseUrl }).zone(FAKE_ZONE_ID));
    expect(failure).toBeInstanceOf(CloudflareApiError);
    expect(failure?.message).toBe(`GET /zones/${FAKE_ZONE_ID}: HTTP 400: 6003: Invalid request headers (6111: Invalid format for Authorization header)`);
    expect([failure?.status, failure?.codes]).toEqual([400, [6003]]);
  });

  it("reports a well-formed token the API does not accept as 403, code 9109", async () => {
    const server = await startFakeZone();
    const failure = await failureOf(new CloudflareApi({ token: "not-the-token", baseUrl: server.baseUrl }).zone(FAKE_ZONE_ID));
    expect([failure?.status, failure?.codes, failure?.message]).toEqual([403, [9109], `GET /zones/${FAKE_ZONE_ID}: HTTP 403: 9109: Invalid access token`]);
  });

  it("the fake answers a request without a token 400, code 9106", async () => {
    const server = await startFakeZone();
    const response = await fetch(`${server.baseUrl}/zones/${FAKE_ZONE_ID}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ success: false, errors: [{ code: 9106, message: "Missing X-Auth-Key, X-Auth-Email or Authorization headers" }] });
  });
});

describe("certificate packs", () => {
  const packs = ["p1", "p2", "p3"].map((id) => ({ id, type: "advanced", status: "active", hosts: ["acme.example"] }));

  it("reads every page of a list whose result_info has no total_pages, stopping at a short page", async () => {
    const server = await startFakeZone({ certificatePacks: packs });
    expect((await server.api(2).certificatePacks(FAKE_ZONE_ID)).map((p) => p.id)).toEqual(["p1", "p2", "p3"]);
    expect(server.requests.filter((r) => r.includes("/ssl/certificate_packs"))).toEqual([
      `/client/v4/zones/${FAKE_ZONE_ID}/ssl/certificate_packs?status=all&page=1&per_page=2`,
      `/client/v4/zones/${FAKE_ZONE_ID}/ssl/certificate_packs?status=all&page=2&per_page=2`,
    ]);
  });

  it("asks for the page after a full one, which is empty", async () => {
    const server = await startFakeZone({ certificatePacks: packs.slice(0, 2) });
    expect((await server.api(2).certificatePacks(FAKE_ZONE_ID)).map((p) => p.id)).toEqual(["p1", "p2"]);
    expect(server.requests.filter((r) => r.includes("/ssl/certificate_packs"))).toHaveLength(2);
  });
});
