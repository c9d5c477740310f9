/**
 * A small read-only client of Cloudflare's API (v4) for the edge preflight: a zone, its rulesets,
 * DNS records, edge certificate packs and origin-pull certificates. Answers follow the API's
 * envelope (developers.cloudflare.com/fundamentals/api/how-to/make-api-calls/): `{ success,
 * errors: [{ code, message }], messages, result, result_info }`; most lists are paged with
 * `page`/`per_page` and `result_info.total_pages`, rulesets by `cursor`.
 */
/** Cloudflare's API v4 base URL. */
export const CLOUDFLARE_API = "https://api.cloudflare.com/client/v4";

export class CloudflareApiError extends Error {
  override readonly name = "CloudflareApiError";
  constructor(message: string, readonly status: number, readonly codes: readonly number[]) {
    super(message);
  }
}

/** One error of the envelope; `error_chain` holds the causes (a malformed header: 6003 "Invalid request headers", then 6111). */
interface ApiErrorItem {
  code?: number;
  message?: string;
  error_chain?: ApiErrorItem[];
}

interface Envelope<T> {
  success?: boolean;
  errors?: ApiErrorItem[];
  result?: T;
  result_info?: { page?: number; per_page?: number; total_pages?: number; count?: number; total_count?: number; cursor?: string };
}

/** The zone as GET /zones/{zone_id} returns it (the fields the preflight reads). */
export interface ApiZone {
  id: string;
  name: string;
  /** "initializing", "pending", "active" or "moved". */
  status: string;
  name_servers?: string[];
  /** `legacy_id`: "free", "pro", "business", "enterprise", or a plan the tenant file does not name ("lite", "pro_plus": plans.ts `filePlanOf`). */
  plan?: { id?: string; name?: string; legacy_id?: string };
  account?: { id?: string; name?: string };
}

/** A zone setting as GET /zones/{zone_id}/settings/{setting_id} returns it. */
export interface ApiZoneSetting {
  id: string;
  /** A string for the settings the platform compares (ssl: "off", "flexible", "full", "strict"). */
  value: unknown;
  editable?: boolean;
}

/**
 * The zone's URL normalization as GET /zones/{zone_id}/url_normalization returns it
 * (cloudflare-typescript src/resources/url-normalization.ts `URLNormalizationGetResponse`;
 * terraform-provider-cloudflare v5 internal/services/url_normalization_settings/model.go).
 */
export interface ApiUrlNormalization {
  /** "cloudflare" or "rfc3986". */
  type?: string;
  /** "incoming", "both" or "none". */
  scope?: string;
}

/**
 * The zone's bot management configuration as GET /zones/{zone_id}/bot_management returns it: the
 * fields the Edge component writes (terraform-provider-cloudflare v5
 * internal/services/bot_management/model.go `BotManagementAPIModel`; the result is the
 * configuration object of the zone's plan).
 */
export interface ApiBotManagement {
  fight_mode?: boolean;
  is_robots_txt_managed?: boolean;
  sbfm_definitely_automated?: string;
  sbfm_likely_automated?: string;
  sbfm_verified_bots?: string;
  sbfm_static_resource_protection?: boolean;
  [field: string]: unknown;
}

/** A Cloud Connector rule as GET /zones/{zone_id}/cloud_connector/rules lists it. */
export interface ApiCloudConnectorRule {
  id?: string;
  description?: string;
  enabled?: boolean;
  expression?: string;
  /** "aws_s3", "r2", "gcp_storage" or "azure_storage". */
  provider?: string;
  parameters?: { host?: string };
}

/** A ruleset as GET /zones/{zone_id}/rulesets lists it. */
export interface ApiRuleset {
  id: string;
  name: string;
  /** "managed", "custom", "root" or "zone"; a zone's entry points are kind "zone". */
  kind: string;
  phase: string;
  /** The ruleset's description ("" when none). */
  description?: string;
  /** Its rules: only in the answer of GET /zones/{zone_id}/rulesets/{ruleset_id}, not in the list. */
  rules?: ApiRulesetRule[];
}

/** A rule of a ruleset as GET /zones/{zone_id}/rulesets/{ruleset_id} returns it. */
export interface ApiRulesetRule {
  id: string;
  action: string;
  expression: string;
  description?: string;
  /** Absent means enabled. */
  enabled?: boolean;
  /**
   * For `execute`: the managed ruleset's `id`, its `version` ("latest" when absent), `overrides`
   * (action, enabled, sensitivity level, per category or rule) and `matched_data` (payload
   * logging) (developers.cloudflare.com/api/resources/rulesets/methods/get/, rule
   * `action_parameters`).
   */
  action_parameters?: { id?: string; version?: string; overrides?: unknown; [key: string]: unknown };
}

/** A DNS record as GET /zones/{zone_id}/dns_records lists it. */
export interface ApiDnsRecord {
  id: string;
  type: string;
  name: string;
  content: string;
  proxied?: boolean;
  ttl?: number;
  priority?: number;
  comment?: string | null;
  /**
   * A CAA record's parts: `flags` (0-255), `tag` (issue, issuewild, iodef) and `value` (the
   * issuer's domain, then optional `;` parameters); `content` holds them formatted
   * (developers.cloudflare.com/api/resources/dns/subresources/records/methods/list/, CAARecord `data`).
   */
  data?: { flags?: number; tag?: string; value?: string };
}

/** An edge certificate pack (GET /zones/{zone_id}/ssl/certificate_packs). */
export interface ApiCertificatePack {
  id: string;
  type: string;
  /** "active", "pending_validation", "initializing", … */
  status: string;
  hosts?: string[];
}

/** A zone-level origin-pull certificate (GET /zones/{zone_id}/origin_tls_client_auth). */
export interface ApiOriginPullCertificate {
  id: string;
  /** "initializing", "pending_deployment", "active", "pending_deletion", "deleted", … */
  status: string;
  expires_on?: string;
  issuer?: string;
  /** The zone's leaf certificate, PEM (cloudflare-go `OriginTLSClientAuthListResponse.Certificate`). */
  certificate?: string;
}

export interface CloudflareApiOptions {
  /** API token (read access to the zone: Zone Read, DNS Read, SSL and Certificates Read, Zone WAF Read). */
  token: string;
  /** API base URL. @default https://api.cloudflare.com/client/v4 */
  baseUrl?: string;
  /** Records per page of a list. @default 100 */
  perPage?: number;
}

/** The most rulesets one page of GET /zones/{zone_id}/rulesets holds (`per_page` maximum 50). */
const RULESETS_PER_PAGE_MAX = 50;

/**
 * The most zones one page of GET /zones is asked for: 50, the page size Cloudflare's own Go client
 * uses for this list (cloudflare-go v0 zone.go `listZonesPerPage = 50`, "where the total #zones
 * <= 50"). One zone matches a name anyway.
 */
const ZONES_PER_PAGE_MAX = 50;

/** Reads what the preflight needs; every failure is a {@link CloudflareApiError} naming the request. */
export class CloudflareApi {
  private readonly baseUrl: string;
  private readonly perPage: number;

  constructor(private readonly options: CloudflareApiOptions) {
    if (!options.token) throw new CloudflareApiError("no API token: set CLOUDFLARE_API_TOKEN", 0, []);
    this.baseUrl = (options.baseUrl ?? CLOUDFLARE_API).replace(/\/$/, "");
    this.perPage = options.perPage ?? 100;
  }

  private async get<T>(path: string): Promise<Envelope<T>> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${this.options.token}`, accept: "application/json" },
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new CloudflareApiError(`GET ${path}: Cloudflare did not answer: ${(error as Error).message}`, 0, []);
    }
    const answer = (await response.json().catch(() => ({}))) as Envelope<T>;
    if (response.ok && answer.success === true) return answer;
    const errors = answer.errors ?? [];
    const describe = (e: ApiErrorItem): string => `${e.code ?? "?"}: ${e.message ?? "no message"}${e.error_chain?.length ? ` (${e.error_chain.map(describe).join("; ")})` : ""}`;
    const reasons = errors.map(describe).join("; ");
    throw new CloudflareApiError(`GET ${path}: HTTP ${response.status}${reasons ? `: ${reasons}` : ""}`, response.status, errors.map((e) => e.code ?? 0));
  }

  /**
   * Every item of a paged list, page after page: until `result_info.total_pages` when the answer
   * has it; otherwise until a page holds fewer items than a page can (`result_info.per_page`, else
   * the number asked) or none, as Cloudflare's own client pages a list whose `result_info` has only
   * `page` and `per_page` (cloudflare-typescript src/pagination.ts `V4PagePaginationArray`: the next
   * page is `page + 1`, until an empty one). At most `maxPerPage` items a page.
   */
  private async list<T>(path: string, query: Record<string, string> = {}, maxPerPage = Infinity): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const params = new URLSearchParams({ ...query, page: String(page), per_page: String(Math.min(this.perPage, maxPerPage)) });
      const answer = await this.get<T[]>(`${path}?${params.toString()}`);
      const result = answer.result ?? [];
      items.push(...result);
      const info = answer.result_info ?? {};
      const last = info.total_pages !== undefined ? page >= info.total_pages : result.length < (info.per_page ?? Number(params.get("per_page")));
      if (last || result.length === 0) return items;
    }
  }

  zone(zoneId: string): Promise<ApiZone> {
    return this.get<ApiZone>(`/zones/${zoneId}`).then((a) => a.result!);
  }

  /**
   * The account's zone of that name, or undefined when there is none yet: GET /zones filtered by
   * `name` and `account.id` (developers.cloudflare.com/api/resources/zones/methods/list/; the
   * provider's zone lookup sends the same query, terraform-provider-cloudflare v5
   * internal/services/zone/data_source_model.go `ZoneFindOneByDataSourceModel`).
   */
  async zoneByName(name: string, accountId: string): Promise<ApiZone | undefined> {
    const zones = await this.list<ApiZone>("/zones", { name, "account.id": accountId }, ZONES_PER_PAGE_MAX);
    return zones.find((zone) => zone.name === name);
  }

  /**
   * Every ruleset of the zone. The list is paged by cursor, not by page number: `per_page` (at
   * most 50) and `cursor`, the next page's cursor in `result_info.cursor`, none after the last
   * page (developers.cloudflare.com/api/resources/rulesets/methods/list/; cloudflare-go v6
   * `RulesetService.List` returns a `pagination.CursorPagination`, whose GetNextPage sends
   * `result_info.cursor` as `cursor` and stops on an empty cursor or an empty page).
   */
  async rulesets(zoneId: string): Promise<ApiRuleset[]> {
    const items: ApiRuleset[] = [];
    for (let cursor: string | undefined; ;) {
      const params = new URLSearchParams({ per_page: String(Math.min(this.perPage, RULESETS_PER_PAGE_MAX)), ...(cursor ? { cursor } : {}) });
      const answer = await this.get<ApiRuleset[]>(`/zones/${zoneId}/rulesets?${params.toString()}`);
      const page = answer.result ?? [];
      items.push(...page);
      cursor = answer.result_info?.cursor;
      if (!cursor || page.length === 0) return items;
    }
  }

  /**
   * One ruleset with its rules: GET /zones/{zone_id}/rulesets/{ruleset_id}
   * (developers.cloudflare.com/api/resources/rulesets/methods/get/).
   */
  ruleset(zoneId: string, rulesetId: string): Promise<ApiRuleset> {
    return this.get<ApiRuleset>(`/zones/${zoneId}/rulesets/${rulesetId}`).then((a) => a.result!);
  }

  /** One zone setting: GET /zones/{zone_id}/settings/{setting_id} (developers.cloudflare.com/api/resources/zones/subresources/settings/methods/get/). */
  zoneSetting(zoneId: string, settingId: string): Promise<ApiZoneSetting> {
    return this.get<ApiZoneSetting>(`/zones/${zoneId}/settings/${settingId}`).then((a) => a.result!);
  }

  /**
   * The zone's Cloud Connector rules, all of them in one answer (no paging):
   * GET /zones/{zone_id}/cloud_connector/rules (developers.cloudflare.com/api/resources/cloud_connector/subresources/rules/methods/list/).
   */
  cloudConnectorRules(zoneId: string): Promise<ApiCloudConnectorRule[]> {
    return this.get<ApiCloudConnectorRule[]>(`/zones/${zoneId}/cloud_connector/rules`).then((a) => a.result ?? []);
  }

  dnsRecords(zoneId: string): Promise<ApiDnsRecord[]> {
    return this.list<ApiDnsRecord>(`/zones/${zoneId}/dns_records`);
  }

  /**
   * Every edge certificate pack of the zone, of any status: GET /zones/{zone_id}/ssl/certificate_packs
   * with `status=all`, paged by `page`/`per_page` (cloudflare-typescript
   * src/resources/ssl/certificate-packs/certificate-packs.ts: `CertificatePackListParams extends
   * V4PagePaginationArrayParams`, the answer a `V4PagePaginationArray` whose `result_info` has
   * `page` and `per_page`; older clients, cloudflare-go v6 ssl/certificatepack.go, read it as a
   * single page).
   */
  certificatePacks(zoneId: string): Promise<ApiCertificatePack[]> {
    return this.list<ApiCertificatePack>(`/zones/${zoneId}/ssl/certificate_packs`, { status: "all" });
  }

  /** The zone's URL normalization: GET /zones/{zone_id}/url_normalization (developers.cloudflare.com/api/resources/url_normalization/methods/get/). */
  urlNormalization(zoneId: string): Promise<ApiUrlNormalization> {
    return this.get<ApiUrlNormalization>(`/zones/${zoneId}/url_normalization`).then((a) => a.result ?? {});
  }

  /** The zone's bot management configuration: GET /zones/{zone_id}/bot_management (developers.cloudflare.com/api/resources/bot_management/methods/get/). */
  botManagement(zoneId: string): Promise<ApiBotManagement> {
    return this.get<ApiBotManagement>(`/zones/${zoneId}/bot_management`).then((a) => a.result ?? {});
  }

  originPullCertificates(zoneId: string): Promise<ApiOriginPullCertificate[]> {
    return this.get<ApiOriginPullCertificate[]>(`/zones/${zoneId}/origin_tls_client_auth`).then((a) => a.result ?? []);
  }
}
