/**
 * Purging a tenant's Cloudflare cache after a deploy (Roadiz purges on content change). The
 * provider has no purge resource, so this calls the API: POST /zones/{zone_id}/purge_cache.
 */

import { CLOUDFLARE_API } from "../program/edge-preflight/cloudflare-api";

export class PurgeError extends Error {
  override readonly name = "PurgeError";
}

export interface PurgeOptions {
  zoneId: string;
  /** API token with Cache Purge permission on the zone. */
  apiToken: string;
  /** Purge only these URLs. */
  files?: string[];
  /** Purge everything cached for these host names (every plan offers it). */
  hosts?: string[];
  /** API base URL. @default CLOUDFLARE_API */
  apiBase?: string;
  /** Attempts on rate limiting (429) and server errors, with a doubling pause. @default 5 */
  attempts?: number;
  /** First pause between attempts, in milliseconds. @default 2000 */
  backoffMs?: number;
  /**
   * Longest pause a `Retry-After` answer may ask for, in milliseconds (Free accounts purge 5 times
   * a minute). @default 60000
   */
  maxRetryAfterMs?: number;
  /** Waits between attempts. @default a timer */
  sleep?: (ms: number) => Promise<void>;
}

/** The pause a 429 or 5xx answer asks for (`Retry-After` in seconds), capped; undefined when it names none. */
function retryAfterMs(response: Response, cap: number): number | undefined {
  const seconds = Number(response.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, cap) : undefined;
}

interface ApiResponse {
  success?: boolean;
  errors?: { code?: number; message?: string }[];
}

/**
 * Purges the given URLs, else the given host names, else the whole zone's cache; resolves when
 * Cloudflare accepted it, throws {@link PurgeError} otherwise.
 */
export async function purgeCache(options: PurgeOptions): Promise<void> {
  if (!/^[0-9a-f]{32}$/.test(options.zoneId)) throw new PurgeError(`"${options.zoneId}" is not a Cloudflare zone id`);
  if (!options.apiToken) throw new PurgeError("no API token: set CLOUDFLARE_API_TOKEN to a token with Cache Purge permission");
  const url = `${options.apiBase ?? CLOUDFLARE_API}/zones/${options.zoneId}/purge_cache`;
  // URLs, else host names, else the whole zone; Cloudflare takes at most 100 of either per request.
  const body = JSON.stringify(
    options.files && options.files.length > 0 ? { files: options.files }
      : options.hosts && options.hosts.length > 0 ? { hosts: options.hosts }
        : { purge_everything: true },
  );
  if ((options.files?.length ?? 0) > 100 || (options.hosts?.length ?? 0) > 100) throw new PurgeError("Cloudflare purges at most 100 URLs or host names per request");
  const attempts = options.attempts ?? 5;
  let pause = options.backoffMs ?? 2000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${options.apiToken}`, "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      if (attempt >= attempts) throw new PurgeError(`Cloudflare did not answer: ${(error as Error).message}`);
      await sleep(pause);
      pause *= 2;
      continue;
    }
    const retryable = response.status === 429 || response.status >= 500;
    if (retryable && attempt < attempts) {
      await sleep(Math.max(pause, retryAfterMs(response, options.maxRetryAfterMs ?? 60_000) ?? 0));
      pause *= 2;
      continue;
    }
    const answer = (await response.json().catch(() => ({}))) as ApiResponse;
    if (response.ok && answer.success === true) return;
    const reasons = (answer.errors ?? []).map((e) => `${e.code ?? "?"}: ${e.message ?? "no message"}`).join("; ");
    throw new PurgeError(`Cloudflare refused the purge of zone ${options.zoneId} (HTTP ${response.status})${reasons ? `: ${reasons}` : ""}`);
  }
}
