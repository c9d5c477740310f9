/** The generated nginx site, run by a real nginx on loopback in front of an echoing upstream. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NGINX_HEALTH_PATH, renderNginxSite } from "../../components/web-tier/nginx-config";
import { MOCK_CLOUDFLARE_IP_RANGES } from "../../tools/plan/mock-fixtures";
import { freePort, get, nginxTest, startNginx, startUpstream, type RunningNginx, type Upstream } from "../helpers/nginx-harness";
import { toolsAvailable } from "../helpers/system-tools";
import { removeTempFolders, tempFolder } from "../helpers/temp-tenants";

// In the test, loopback plays the VPC (where the load balancer connects from) and TEST-NET-2
// plays Cloudflare's edge.
const CLOUDFLARE_EDGE = "198.51.100.7";
const VISITOR = "203.0.113.9";

describe.runIf(toolsAvailable("nginx"))("nginx site (real nginx)", () => {
  let upstream: Upstream;
  let nginx: RunningNginx;

  beforeAll(async () => {
    upstream = await startUpstream();
    const site = renderNginxSite({
      listenPort: await freePort(),
      appPort: upstream.port,
      proxyCidrs: ["127.0.0.0/8"],
      cloudflareCidrs: ["198.51.100.0/24", "2001:db8::/32"],
      maxBodyMegabytes: 1,
      readTimeoutSeconds: 1,
      accessLog: "/dev/null",
      errorLog: "/dev/null",
    });
    const port = Number(/listen (\d+)/.exec(site)![1]);
    nginx = await startNginx(tempFolder(), site, port);
  });

  afterAll(async () => {
    await nginx?.stop();
    await upstream?.close();
    removeTempFolders();
  });

  /** Headers as Cloudflare → load balancer would send them. */
  const viaCloudflare = (extra: Record<string, string> = {}) => ({
    "x-forwarded-for": `${VISITOR}, ${CLOUDFLARE_EDGE}`,
    "cf-connecting-ip": VISITOR,
    "x-forwarded-proto": "https",
    ...extra,
  });

  it("answers its own health endpoint without the application", async () => {
    const reply = await get(nginx.port, "/nginx-health");
    expect(reply).toMatchObject({ status: 200, body: "ok\n" });
  });

  it("proxies to the application with the visitor's address from CF-Connecting-IP", async () => {
    const reply = await get(nginx.port, "/page?x=1", viaCloudflare());
    expect(reply.status).toBe(200);
    const echoed = JSON.parse(reply.body);
    expect(echoed.url).toBe("/page?x=1");
    expect(echoed.headers["x-real-ip"]).toBe(VISITOR);
    expect(echoed.headers["x-forwarded-for"]).toBe(VISITOR);
    expect(echoed.headers["x-forwarded-proto"]).toBe("https");
  });

  it("ignores a forged X-Forwarded-For sent through Cloudflare", async () => {
    const reply = await get(nginx.port, "/", viaCloudflare({ "x-forwarded-for": `6.6.6.6, ${VISITOR}, ${CLOUDFLARE_EDGE}` }));
    expect(JSON.parse(reply.body).headers["x-real-ip"]).toBe(VISITOR);
  });

  it("refuses requests that reached the load balancer from outside Cloudflare, forged header or not", async () => {
    const reply = await get(nginx.port, "/", { "x-forwarded-for": "192.0.2.50", "cf-connecting-ip": VISITOR });
    expect(reply.status).toBe(403);
    const asset = await get(nginx.port, "/assets/app.css", { "x-forwarded-for": "192.0.2.50" });
    expect(asset.status).toBe(403);
  });

  it("lets the load balancer's own health checks (from the VPC, no X-Forwarded-For) reach the application", async () => {
    const reply = await get(nginx.port, "/health");
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body).headers["x-real-ip"]).toBe("127.0.0.1");
  });

  it("compresses text responses for clients that accept gzip", async () => {
    const reply = await get(nginx.port, "/", viaCloudflare({ "accept-encoding": "gzip" }));
    expect(reply.headers["content-encoding"]).toBe("gzip");
    expect(reply.headers["vary"]).toContain("Accept-Encoding");
    expect(JSON.parse(reply.body).url).toBe("/");
  });

  it("gives static assets a one-year immutable cache lifetime, replacing the application's header", async () => {
    const reply = await get(nginx.port, "/assets/app.css", viaCloudflare());
    expect(reply.status).toBe(200);
    expect(reply.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const page = await get(nginx.port, "/page", viaCloudflare());
    expect(page.headers["cache-control"]).toBeUndefined();
  });

  it("never gives an error response for a static asset a long cache lifetime", async () => {
    const missing = await get(nginx.port, "/assets/missing.css", viaCloudflare());
    expect(missing.status).toBe(404);
    expect(missing.headers["cache-control"]).toBeUndefined();
  });

  it("refuses bodies above the limit with 413", async () => {
    const small = await get(nginx.port, "/upload", viaCloudflare(), Buffer.alloc(512 * 1024), "POST");
    expect(small.status).toBe(200);
    expect(JSON.parse(small.body).bodyBytes).toBe(512 * 1024);
    const large = await get(nginx.port, "/upload", viaCloudflare(), Buffer.alloc(2 * 1024 * 1024), "POST");
    expect(large.status).toBe(413);
  });

  it("gives up on a slow application after the read timeout with 504", async () => {
    const reply = await get(nginx.port, "/slow", viaCloudflare());
    expect(reply.status).toBe(504);
  });

  it("does not reveal its version", async () => {
    const reply = await get(nginx.port, "/nginx-health");
    expect(reply.headers["server"]).toBe("nginx");
  });
});

describe.runIf(toolsAvailable("nginx"))("nginx site defaults (nginx -t)", () => {
  afterAll(removeTempFolders);

  it("is valid with the defaults and Cloudflare's real ranges", () => {
    const site = renderNginxSite({
      appPort: 8080,
      proxyCidrs: ["10.20.0.0/16"],
      cloudflareCidrs: [...MOCK_CLOUDFLARE_IP_RANGES.ipv4Cidrs, ...MOCK_CLOUDFLARE_IP_RANGES.ipv6Cidrs],
      accessLog: "/dev/null",
      errorLog: "/dev/null",
    });
    expect(() => nginxTest(tempFolder(), site)).not.toThrow();
  });
});

describe("renderNginxSite refuses unsafe values", () => {
  const base = { appPort: 8080, proxyCidrs: ["10.0.0.0/16"], cloudflareCidrs: ["198.51.100.0/24"] };
  it.each([
    [{ cloudflareCidrs: [] }, "cloudflareCidrs: at least one range is needed"],
    [{ proxyCidrs: ["10.0.0.0/16; include /etc/passwd"] }, 'proxyCidrs: "10.0.0.0/16; include /etc/passwd" is not a CIDR block'],
    [{ healthPath: "/ok; return 500" }, 'healthPath: "/ok; return 500" must be a plain path such as /nginx-health'],
    [{ appPort: 70000 }, "appPort: 70000 is not a TCP port"],
  ])("%j", (override, message) => {
    expect(() => renderNginxSite({ ...base, ...override })).toThrow(message);
  });
});

describe.runIf(toolsAvailable("nginx"))("nginx health path with the application's liveness path (real nginx)", () => {
  let status = 200;
  let hang = false;
  let seen: { url?: string; host?: string } = {};
  let app: Server;
  let nginx: RunningNginx;
  let appPort: number;

  beforeAll(async () => {
    app = createServer((req, res) => {
      seen = { url: req.url, host: req.headers.host };
      if (hang) return; // never answers
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(`status ${status}\n`);
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    appPort = (app.address() as AddressInfo).port;
    const site = renderNginxSite({
      listenPort: await freePort(), appPort, livenessPath: "/healthz",
      proxyCidrs: ["127.0.0.0/8"], cloudflareCidrs: ["198.51.100.0/24"], accessLog: "/dev/null", errorLog: "/dev/null",
    });
    nginx = await startNginx(tempFolder(), site, Number(/listen (\d+)/.exec(site)![1]));
  });

  afterAll(async () => {
    await nginx?.stop();
    app?.closeAllConnections();
    await new Promise((resolve) => app?.close(resolve));
    removeTempFolders();
  });

  it.each([200, 400, 404, 500, 503])("is healthy when the application answers %i (a refused Host, a failing database)", async (answer) => {
    status = answer;
    hang = false;
    // The load balancer sends the target's private IP as Host.
    const reply = await get(nginx.port, NGINX_HEALTH_PATH, { host: "10.20.3.17" });
    expect(reply.status).toBe(200);
    expect(seen).toEqual({ url: "/healthz", host: "localhost" });
  });

  it("is unhealthy when the application does not answer in time", async () => {
    hang = true;
    expect((await get(nginx.port, NGINX_HEALTH_PATH, { host: "10.20.3.17" })).status).toBe(504);
    hang = false;
  }, 15_000);

  it("is unhealthy when nothing listens on the application's port", async () => {
    app.closeAllConnections();
    await new Promise((resolve) => app.close(resolve));
    expect((await get(nginx.port, NGINX_HEALTH_PATH, { host: "10.20.3.17" })).status).toBe(502);
  });
});
