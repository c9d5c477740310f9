/**
 * Runs a generated nginx site for real on loopback, in front of a small upstream that echoes what
 * it receives, so tests can assert real responses.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import { freePort } from "./free-port";

export { freePort };

export interface Upstream {
  readonly port: number;
  close(): Promise<void>;
}

/** An application stand-in: echoes the request headers as JSON; /slow waits 2 s; /assets/* are CSS. */
export async function startUpstream(): Promise<Upstream> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const respond = () => {
        if (req.url === "/assets/missing.css") {
          res.writeHead(404, { "content-type": "text/plain" });
          res.end("not here\n");
          return;
        }
        if (req.url?.startsWith("/assets/")) {
          res.writeHead(200, { "content-type": "text/css", "cache-control": "no-cache" });
          res.end("body { color: black; }\n".repeat(100));
          return;
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ url: req.url, headers: req.headers, bodyBytes: Buffer.concat(chunks).length, padding: "x".repeat(2048) }));
      };
      if (req.url === "/slow") setTimeout(respond, 2000);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export interface RunningNginx {
  readonly port: number;
  readonly dir: string;
  stop(): Promise<void>;
  errorLog(): string;
}

/** The main config that includes a site the way distribution packages include conf.d files. */
function mainConfig(dir: string, site: string): string {
  return [
    "daemon off;",
    "master_process off;",
    "worker_processes 1;",
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/main-error.log warn;`,
    "events { worker_connections 64; }",
    "http {",
    `    client_body_temp_path ${dir}/client_body;`,
    `    proxy_temp_path ${dir}/proxy;`,
    `    fastcgi_temp_path ${dir}/fastcgi;`,
    `    uwsgi_temp_path ${dir}/uwsgi;`,
    `    scgi_temp_path ${dir}/scgi;`,
    "    default_type application/octet-stream;",
    `    include ${site};`,
    "}",
    "",
  ].join("\n");
}

/** Checks a site with `nginx -t`; returns nginx's output. Throws with that output when invalid. */
export function nginxTest(dir: string, siteConfig: string): string {
  mkdirSync(dir, { recursive: true });
  const site = path.join(dir, "site.conf");
  writeFileSync(site, siteConfig);
  writeFileSync(path.join(dir, "nginx.conf"), mainConfig(dir, site));
  return execFileSync("nginx", ["-t", "-p", dir, "-c", path.join(dir, "nginx.conf")], { encoding: "utf8", stdio: "pipe" });
}

/** Starts nginx with the site on `port`; resolves once it answers. */
export async function startNginx(dir: string, siteConfig: string, port: number): Promise<RunningNginx> {
  nginxTest(dir, siteConfig);
  const child: ChildProcess = spawn("nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: "ignore" });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await get(port, "/nginx-health");
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error("nginx did not start", { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    port,
    dir,
    errorLog: () => readFileSync(path.join(dir, "main-error.log"), "utf8"),
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGQUIT");
    }),
  };
}

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One HTTP request to loopback, with headers and an optional body; gzip bodies are decoded. */
export function get(port: number, urlPath: string, headers: Record<string, string> = {}, body?: Buffer, method = "GET"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: urlPath, method, headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const decoded = res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: decoded.toString("utf8") });
      });
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}
