/* global process, console, URL -- Node.js globals */
// The smoke service. GET /livez answers without I/O (the liveness path: docs/instance-runtime.md,
// "Health"); GET /health checks every dependency and reports the Cloudflare headers it saw;
// GET /marker?host=<database host> reads the newest marker row there (the restore drill).
import { createServer } from "node:http";
import { healthReport, latestMarker } from "./checks.mjs";

/** Hosts /marker may read: the database, its replicas, or another RDS endpoint of the account. */
function markerHostAllowed(env, host) {
  const known = [env.DATABASE_HOST, ...(env.DATABASE_READER_HOSTS ?? "").split(",")].filter(Boolean);
  return known.includes(host) || /^[a-z0-9-]+(\.[a-z0-9-]+)*\.rds\.amazonaws\.com$/.test(host);
}

function send(response, status, body) {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}

export function smokeServer(env) {
  return createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (request.method !== "GET") return send(response, 405, { error: "GET only" });
    if (url.pathname === "/livez") return send(response, 200, { ok: true });
    if (url.pathname === "/health") {
      return void healthReport(env, request.headers).then((report) => send(response, report.ok ? 200 : 503, report), (error) => send(response, 500, { error: String(error) }));
    }
    if (url.pathname === "/marker") {
      const host = url.searchParams.get("host") ?? env.DATABASE_HOST ?? "";
      if (!env.DATABASE_HOST) return send(response, 404, { error: "no database given to this container" });
      if (!markerHostAllowed(env, host)) return send(response, 400, { error: `host ${host} is neither the database, a replica nor an RDS endpoint` });
      return void latestMarker(env, host).then((marker) => send(response, marker ? 200 : 404, marker ?? { error: `no marker row on ${host}` }), (error) => send(response, 502, { error: String(error?.message ?? error) }));
    }
    return send(response, 404, { error: "not found" });
  });
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const port = Number(process.env.PORT ?? 8080);
  const server = smokeServer(process.env).listen(port, () => console.log(`smoke app listening on ${port}`));
  // docker stop sends SIGTERM: finish the requests in flight, then exit.
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}
