/**
 * A local stand-in for Cloudflare's API v4 (real HTTP on 127.0.0.1): answers in the API's
 * envelope, pages lists by `page`/`per_page` with `result_info` (rulesets by an opaque `cursor`,
 * `per_page` at most 50, the next cursor in `result_info.cursor`), refuses a wrong token the way
 * the API does (HTTP 403, code 9109) and an unknown zone with HTTP 404 (code 7003). The rulesets
 * list leaves out the rules, which GET /rulesets/{id} returns; zone settings answer one by one
 * (GET /settings/{id}); the Cloud Connector rules come in one unpaged list.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ZONE_SETTINGS } from "../../components/edge/edge";
import type { ApiCertificatePack, ApiCloudConnectorRule, ApiDnsRecord, ApiOriginPullCertificate, ApiRuleset, ApiZone } from "../../stacks/edge/cloudflare-api";

export interface FakeZone {
  zone: ApiZone;
  rulesets?: ApiRuleset[];
  records?: ApiDnsRecord[];
  certificatePacks?: ApiCertificatePack[];
  originPullCertificates?: ApiOriginPullCertificate[];
  /** Zone settings by id (GET /zones/{id}/settings/{setting_id}); the platform's values (ZONE_SETTINGS) when not given. */
  settings?: Record<string, unknown>;
  cloudConnectorRules?: ApiCloudConnectorRule[];
}

export interface FakeCloudflare {
  readonly baseUrl: string;
  /** Request paths with their queries, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

const error = (code: number, message: string) => ({ success: false, errors: [{ code, message }], messages: [], result: null });

export async function startFakeCloudflare(token: string, zones: readonly FakeZone[]): Promise<FakeCloudflare> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(`${url.pathname}${url.search}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return send(403, error(9109, "Invalid access token"));
    const pageOf = (items: readonly unknown[]) => {
      const perPage = Number(url.searchParams.get("per_page") ?? "20");
      const number = Number(url.searchParams.get("page") ?? "1");
      const slice = items.slice((number - 1) * perPage, number * perPage);
      return { success: true, errors: [], messages: [], result: slice, result_info: { page: number, per_page: perPage, count: slice.length, total_count: items.length, total_pages: Math.max(1, Math.ceil(items.length / perPage)) } };
    };
    if (url.pathname === "/client/v4/zones") {
      // GET /zones?name=&account.id=: the zones of that name in that account, paged. A page of
      // more than 50 is refused: the largest page Cloudflare's own client asks this list for
      // (cloudflare-go v0 zone.go `listZonesPerPage`); whether the API refuses or clamps a larger
      // one is not documented where this was checked, so the fake takes the strict side.
      if (Number(url.searchParams.get("per_page") ?? "20") > 50) return send(400, error(1001, "per_page must be at most 50"));
      const name = url.searchParams.get("name");
      const account = url.searchParams.get("account.id");
      return send(200, pageOf(zones.map((z) => z.zone).filter((z) => (!name || z.name === name) && (!account || z.account?.id === account))));
    }
    const match = /^\/client\/v4\/zones\/([0-9a-f]{32})(\/.*)?$/.exec(url.pathname);
    const zone = match ? zones.find((z) => z.zone.id === match[1]) : undefined;
    if (!match || !zone) return send(404, error(7003, "Could not route to /zones/..., perhaps your object identifier is invalid?"));
    /** Cursor paging as the rulesets list does it: an opaque cursor, none after the last page. */
    const cursorPage = (items: readonly unknown[]) => {
      const perPage = Number(url.searchParams.get("per_page") ?? "50");
      if (perPage < 1 || perPage > 50) return send(400, { success: false, errors: [{ message: "per_page must be between 1 and 50" }], messages: [], result: null });
      const cursor = url.searchParams.get("cursor");
      const start = cursor ? Number(Buffer.from(cursor, "base64url").toString()) : 0;
      const slice = items.slice(start, start + perPage);
      const next = start + perPage < items.length ? Buffer.from(String(start + perPage)).toString("base64url") : undefined;
      return send(200, { success: true, errors: [], messages: [], result: slice, result_info: { count: slice.length, per_page: perPage, ...(next ? { cursor: next } : {}) } });
    };
    switch (match[2] ?? "") {
      case "": return send(200, { success: true, errors: [], messages: [], result: zone.zone });
      // The list leaves the rules out; one ruleset's GET has them.
      case "/rulesets": return cursorPage((zone.rulesets ?? []).map(({ rules: _rules, ...summary }) => summary));
      case "/dns_records": return send(200, pageOf(zone.records ?? []));
      case "/ssl/certificate_packs": return send(200, pageOf(zone.certificatePacks ?? []));
      case "/origin_tls_client_auth": return send(200, { success: true, errors: [], messages: [], result: zone.originPullCertificates ?? [] });
      case "/cloud_connector/rules": return send(200, { success: true, errors: [], messages: [], result: zone.cloudConnectorRules ?? [] });
      default: {
        const setting = /^\/settings\/([a-z0-9_]+)$/.exec(match[2] ?? "");
        if (setting) {
          const values: Record<string, unknown> = zone.settings ?? Object.fromEntries(ZONE_SETTINGS.map((s) => [s.id, s.value]));
          if (!(setting[1]! in values)) return send(404, error(7000, "No route for that URI"));
          return send(200, { success: true, errors: [], messages: [], result: { id: setting[1], value: values[setting[1]!], editable: true, modified_on: null } });
        }
        const ruleset = /^\/rulesets\/([^/]+)$/.exec(match[2] ?? "");
        const found = ruleset ? (zone.rulesets ?? []).find((r) => r.id === ruleset[1]) : undefined;
        if (found) return send(200, { success: true, errors: [], messages: [], result: { rules: [], ...found } });
        return send(404, error(7000, "No route for that URI"));
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/client/v4`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
