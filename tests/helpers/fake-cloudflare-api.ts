/**
 * A local stand-in for Cloudflare's API v4 (real HTTP on 127.0.0.1): answers in the API's
 * envelope, pages lists by `page`/`per_page` with `result_info` (rulesets by an opaque `cursor`,
 * `per_page` at most 50, the next cursor in `result_info.cursor`; certificate packs with only
 * `page` and `per_page` in `result_info`, see below) and answers an unknown zone with HTTP 404
 * (code 7003). The rulesets list leaves out the rules, which GET /rulesets/{id} returns; zone
 * settings answer one by one (GET /settings/{id}); the Cloud Connector rules come in one unpaged
 * list; URL normalization and bot management answer their object.
 *
 * Authentication. The API reference documents the envelope, not the status and code of each
 * authentication failure; what the fake answers comes from answers of the live API quoted in
 * public reports, which is all that is sourced here:
 * - no Authorization header: HTTP 400, code 9106 "Missing X-Auth-Key, X-Auth-Email or
 *   Authorization headers" (cloudflare/cloudflare-python issue 2678, `BadRequestError: Error code: 400`);
 * - a malformed Authorization header: HTTP 400, code 6003 "Invalid request headers" with
 *   `error_chain` code 6111 "Invalid format for Authorization header" (jeessy2/ddns-go issue 916,
 *   status 400). Which values the API takes for malformed is not sourced: the fake takes any value
 *   that is not `Bearer ` followed by letters, digits, `-` or `_`;
 * - a well-formed token the API does not accept: HTTP 403, code 9109 (jeessy2/ddns-go issue 1341,
 *   status 403 with code 9109); the message "Invalid access token" is the one public reports quote
 *   for an unknown token.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ZONE_SETTINGS } from "../../components/edge/edge";
import { securityHeaderValue, URL_NORMALIZATION } from "../../components/edge/zone-wide-settings";
import { CloudflareApi, type ApiBotManagement, type ApiCertificatePack, type ApiCloudConnectorRule, type ApiDnsRecord, type ApiOriginPullCertificate, type ApiRuleset, type ApiUrlNormalization, type ApiZone } from "../../program/edge-preflight/cloudflare-api";

export interface FakeZone {
  zone: ApiZone;
  rulesets?: ApiRuleset[];
  records?: ApiDnsRecord[];
  certificatePacks?: ApiCertificatePack[];
  originPullCertificates?: ApiOriginPullCertificate[];
  /**
   * Zone settings by id (GET /zones/{id}/settings/{setting_id}), over the platform's values
   * (ZONE_SETTINGS and the default `security_header`); a setting given as undefined is unknown (404).
   */
  settings?: Record<string, unknown>;
  cloudConnectorRules?: ApiCloudConnectorRule[];
  /** GET /zones/{id}/url_normalization. @default the platform's (URL_NORMALIZATION) */
  urlNormalization?: ApiUrlNormalization;
  /** GET /zones/{id}/bot_management. @default Bot Fight Mode on, managed robots.txt off (a Free zone as the platform leaves it) */
  botManagement?: ApiBotManagement;
}

export interface FakeCloudflare {
  readonly baseUrl: string;
  /** Request paths with their queries, in order. */
  readonly requests: string[];
  /** A client of this fake with its token. @param perPage items per page asked @default the client's */
  api(perPage?: number): CloudflareApi;
  close(): Promise<void>;
}

const error = (code: number, message: string) => ({ success: false, errors: [{ code, message }], messages: [], result: null });

const started: FakeCloudflare[] = [];

/** Starts a fake holding `zones`, accepting `token`; {@link closeFakeCloudflares} stops it. */
export async function startFakeCloudflare(token: string, zones: readonly FakeZone[]): Promise<FakeCloudflare> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(`${url.pathname}${url.search}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const authorization = req.headers.authorization;
    if (authorization === undefined) return send(400, error(9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers"));
    if (!/^Bearer [A-Za-z0-9_-]+$/.test(authorization)) {
      return send(400, { ...error(6003, "Invalid request headers"), errors: [{ code: 6003, message: "Invalid request headers", error_chain: [{ code: 6111, message: "Invalid format for Authorization header" }] }] });
    }
    if (authorization !== `Bearer ${token}`) return send(403, error(9109, "Invalid access token"));
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
      // Paged by page/per_page with only `page` and `per_page` in result_info (cloudflare-typescript
      // src/resources/ssl/certificate-packs/certificate-packs.ts, a V4PagePaginationArray): no
      // total_pages to stop on, the next page after the last is empty.
      case "/ssl/certificate_packs": {
        const { result, result_info } = pageOf(zone.certificatePacks ?? []);
        return send(200, { success: true, errors: [], messages: [], result, result_info: { page: result_info.page, per_page: result_info.per_page } });
      }
      case "/url_normalization": return send(200, { success: true, errors: [], messages: [], result: zone.urlNormalization ?? { ...URL_NORMALIZATION } });
      case "/bot_management": return send(200, { success: true, errors: [], messages: [], result: zone.botManagement ?? { fight_mode: true, is_robots_txt_managed: false, enable_js: false, using_latest_model: true } });
      case "/origin_tls_client_auth": return send(200, { success: true, errors: [], messages: [], result: zone.originPullCertificates ?? [] });
      case "/cloud_connector/rules": return send(200, { success: true, errors: [], messages: [], result: zone.cloudConnectorRules ?? [] });
      default: {
        const setting = /^\/settings\/([a-z0-9_]+)$/.exec(match[2] ?? "");
        if (setting) {
          const values: Record<string, unknown> = { ...Object.fromEntries(ZONE_SETTINGS.map((s) => [s.id, s.value])), security_header: securityHeaderValue(), ...zone.settings };
          if (values[setting[1]!] === undefined) return send(404, error(7000, "No route for that URI"));
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
  const baseUrl = `http://127.0.0.1:${port}/client/v4`;
  let closing: Promise<void> | undefined;
  const fake: FakeCloudflare = {
    baseUrl,
    requests,
    api: (perPage) => new CloudflareApi({ token, baseUrl, perPage }),
    // Once, however often it is called: a test may stop its fake itself, and test files that share a
    // process share `started`, so the next file's closeFakeCloudflares must not stop it again.
    close: () => (closing ??= new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))).finally(() => {
      const at = started.indexOf(fake);
      if (at >= 0) started.splice(at, 1);
    })),
  };
  started.push(fake);
  return fake;
}

/** The zone id of {@link startFakeZone}'s zone. */
export const FAKE_ZONE_ID = "fedcba9876543210fedcba9876543210";
/** The token {@link startFakeZone}'s fake accepts unless told another. */
export const FAKE_TOKEN = "test-token";

/** What {@link startFakeZone} puts in its one zone, besides what FakeZone holds. */
export interface FakeZoneOptions extends Omit<FakeZone, "zone"> {
  /** The zone's `plan.legacy_id`. @default "free" */
  plan?: string;
  /** The zone's status. @default "active" */
  status?: string;
  /** Other fields of the zone (account, name servers, plan name). @default none */
  zone?: Partial<ApiZone>;
  /** The token the fake accepts. @default FAKE_TOKEN */
  token?: string;
}

/**
 * Starts a fake holding one zone, acme.example (FAKE_ZONE_ID), active, on Free unless told
 * otherwise; {@link closeFakeCloudflares} stops every fake started so (call it after each test).
 */
export async function startFakeZone(options: FakeZoneOptions = {}): Promise<FakeCloudflare> {
  const { plan, status, zone, token, ...content } = options;
  return startFakeCloudflare(token ?? FAKE_TOKEN, [{
    ...content,
    zone: { id: FAKE_ZONE_ID, name: "acme.example", status: status ?? "active", plan: { legacy_id: plan ?? "free" }, ...zone },
  }]);
}

/** Stops every fake started (call it after each test). */
export async function closeFakeCloudflares(): Promise<void> {
  await Promise.all(started.splice(0).map((server) => server.close()));
}
