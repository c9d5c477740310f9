/** The cache purge against a stand-in for Cloudflare's API on loopback: request, retries, refusals. */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../tools/cli/purge";
import { purgeCache } from "../../tools/purge-cache";
import { removeTempFolders, tempFolder, tenantYaml, writeTenant } from "../helpers/temp-tenants";

const ZONE = "fedcba9876543210fedcba9876543210";

interface Seen { method: string; url: string; authorization: string; body: unknown }

/** Serves the given replies in order (the last one repeats) and records each request. */
async function fakeApi(replies: { status: number; body: unknown; headers?: Record<string, string> }[]): Promise<{ base: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let data = "";
    req.on("data", (chunk: Buffer) => { data += chunk.toString(); });
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: String(req.headers.authorization), body: JSON.parse(data || "null") });
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)]!;
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`, seen, server };
}

const servers: Server[] = [];
afterEach(async () => {
  removeTempFolders();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("purgeCache", () => {
  it("posts purge_everything to the zone with the token", async () => {
    const api = await fakeApi([{ status: 200, body: { success: true, errors: [], result: { id: ZONE } } }]);
    servers.push(api.server);
    await purgeCache({ zoneId: ZONE, apiToken: "t0ken", apiBase: api.base });
    expect(api.seen).toEqual([{ method: "POST", url: `/client/v4/zones/${ZONE}/purge_cache`, authorization: "Bearer t0ken", body: { purge_everything: true } }]);
  });

  it("purges single URLs when given", async () => {
    const api = await fakeApi([{ status: 200, body: { success: true } }]);
    servers.push(api.server);
    await purgeCache({ zoneId: ZONE, apiToken: "t", apiBase: api.base, files: ["https://acme.example/app.css"] });
    expect(api.seen[0]!.body).toEqual({ files: ["https://acme.example/app.css"] });
  });

  it("retries when rate limited, then succeeds", async () => {
    const api = await fakeApi([{ status: 429, body: { success: false } }, { status: 200, body: { success: true } }]);
    servers.push(api.server);
    await purgeCache({ zoneId: ZONE, apiToken: "t", apiBase: api.base, backoffMs: 10 });
    expect(api.seen).toHaveLength(2);
  });

  it("waits as long as a rate-limited answer's Retry-After asks, within a cap", async () => {
    const api = await fakeApi([
      { status: 429, body: { success: false }, headers: { "retry-after": "12" } },
      { status: 429, body: { success: false }, headers: { "retry-after": "600" } },
      { status: 429, body: { success: false } },
      { status: 200, body: { success: true } },
    ]);
    servers.push(api.server);
    const waits: number[] = [];
    await purgeCache({ zoneId: ZONE, apiToken: "t", apiBase: api.base, backoffMs: 100, maxRetryAfterMs: 60_000, sleep: (ms) => { waits.push(ms); return Promise.resolve(); } });
    // 12 s asked; 600 s asked but capped at 60 s; none asked: the doubling backoff (100, 200, 400 ms).
    expect(waits).toEqual([12_000, 60_000, 400]);
    expect(api.seen).toHaveLength(4);
  });

  it("reports Cloudflare's refusal", async () => {
    const api = await fakeApi([{ status: 403, body: { success: false, errors: [{ code: 10000, message: "Authentication error" }] } }]);
    servers.push(api.server);
    await expect(purgeCache({ zoneId: ZONE, apiToken: "t", apiBase: api.base })).rejects.toThrow(
      `Cloudflare refused the purge of zone ${ZONE} (HTTP 403): 10000: Authentication error`,
    );
  });

  it("refuses to run without a token", async () => {
    await expect(purgeCache({ zoneId: ZONE, apiToken: "" })).rejects.toThrow("no API token: set CLOUDFLARE_API_TOKEN to a token with Cache Purge permission");
  });
});

describe("npm run purge", () => {
  it("purges a tenant's zone named in its file", async () => {
    const api = await fakeApi([{ status: 200, body: { success: true } }]);
    servers.push(api.server);
    const dir = tempFolder();
    writeTenant(dir, "acme", tenantYaml({}).replace("accountId: 0123456789abcdef0123456789abcdef", `zoneId: ${ZONE}`));
    const out: string[] = [];
    const code = await main(["acme", "--dir", dir], { CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_API_BASE: api.base }, { out: (t) => out.push(t), err: (t) => out.push(t) });
    // Its own host names only: other tenants sharing the zone keep their cache.
    expect({ code, out }).toEqual({ code: 0, out: [`acme: purged acme.example, www.acme.example from zone ${ZONE}`] });
    expect(api.seen[0]!.body).toEqual({ hosts: ["acme.example", "www.acme.example"] });
  });

  it("purges a wildcard tenant's zone whole when the zone is its alone, and warns when it is shared", async () => {
    const api = await fakeApi([{ status: 200, body: { success: true } }]);
    servers.push(api.server);
    const dir = tempFolder();
    const wildcard = tenantYaml({}).replace("accountId: 0123456789abcdef0123456789abcdef", `zoneId: ${ZONE}`).replace('hostnames: ["@", www]', 'hostnames: ["@", "*"]');
    writeTenant(dir, "acme", wildcard);
    const run = async () => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(["acme", "--dir", dir], { CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_API_BASE: api.base }, { out: (t) => out.push(t), err: (t) => err.push(t) });
      return { code, out, err };
    };
    expect(await run()).toEqual({ code: 0, out: [`acme: purged everything from zone ${ZONE}`], err: [] });
    expect(api.seen[0]!.body).toEqual({ purge_everything: true });
    // Another tenant in the same zone: only the exact names, and a warning.
    writeTenant(dir, "blog", tenantYaml({ cidr: "10.21.0.0/16" }).replace("accountId: 0123456789abcdef0123456789abcdef", `zoneId: ${ZONE}\n  manageZone: false`).replace('hostnames: ["@", www]', "hostnames: [blog]"));
    const shared = await run();
    expect(shared.code).toBe(0);
    expect(shared.err).toEqual(["acme: *.acme.example cannot be purged by host name and the zone is shared; purge those URLs with --file"]);
    expect(api.seen[1]!.body).toEqual({ hosts: ["acme.example"] });
  });

  it("purges the whole zone only when asked with --everything", async () => {
    const api = await fakeApi([{ status: 200, body: { success: true } }]);
    servers.push(api.server);
    const dir = tempFolder();
    writeTenant(dir, "acme", tenantYaml({}).replace("accountId: 0123456789abcdef0123456789abcdef", `zoneId: ${ZONE}`));
    const out: string[] = [];
    const code = await main(["acme", "--dir", dir, "--everything"], { CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_API_BASE: api.base }, { out: (t) => out.push(t), err: (t) => out.push(t) });
    expect({ code, out }).toEqual({ code: 0, out: [`acme: purged everything from zone ${ZONE}`] });
    expect(api.seen[0]!.body).toEqual({ purge_everything: true });
  });

  it("asks for the zone id of a zone the stack creates", async () => {
    const dir = tempFolder();
    writeTenant(dir, "acme", tenantYaml({}));
    const err: string[] = [];
    const code = await main(["acme", "--dir", dir], {}, { out: () => undefined, err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err).toEqual([`${dir}/acme.yaml: the zone is created by the stack; pass its id with --zone-id (stack output zoneId)`]);
  });
});
