/**
 * The real {@link AcceptanceZone}: Cloudflare's API with the run's token (CLOUDFLARE_API_TOKEN).
 */
import { CloudflareApi } from "../../program/edge-preflight/cloudflare-api";
import type { AcceptanceZone, Leftover } from "./ports";

const CLOUDFLARE_API = "https://api.cloudflare.com/client/v4";

export class CloudflareZone implements AcceptanceZone {
  constructor(private readonly token: string, private readonly baseUrl = CLOUDFLARE_API) {}

  /** Certificates in any status but `deleted`/`pending_deletion` (ApiOriginPullCertificate status). */
  async leftovers(zoneId: string): Promise<Leftover[]> {
    const certificates = await new CloudflareApi({ token: this.token, baseUrl: this.baseUrl }).originPullCertificates(zoneId);
    return certificates
      .filter((c) => c.status !== "deleted" && c.status !== "pending_deletion")
      .map((c) => ({ arn: `cloudflare:zones/${zoneId}/origin_tls_client_auth/${c.id}`, region: "cloudflare", note: `authenticated origin pulls certificate, ${c.status}` }));
  }

  /**
   * The provider's own delete (terraform-provider-cloudflare
   * internal/services/authenticated_origin_pulls_certificate/resource.go `Delete`:
   * `OriginTLSClientAuth.ZoneCertificates.Delete(id, ZoneID)`), i.e.
   * DELETE /zones/{zone_id}/origin_tls_client_auth/{certificate_id}
   * (https://developers.cloudflare.com/api/go/resources/origin_tls_client_auth/subresources/zone_certificates/methods/delete).
   */
  async deleteOriginPullCertificate(zoneId: string, certificateId: string): Promise<void> {
    const path = `/zones/${zoneId}/origin_tls_client_auth/${certificateId}`;
    const response = await fetch(`${this.baseUrl}${path}`, { method: "DELETE", headers: { authorization: `Bearer ${this.token}` }, signal: AbortSignal.timeout(30_000) });
    const answer = (await response.json().catch(() => ({}))) as { success?: boolean; errors?: { code?: number; message?: string }[] };
    if (!response.ok || answer.success !== true) {
      throw new Error(`DELETE ${path}: HTTP ${response.status}${(answer.errors ?? []).map((e) => `; ${e.code ?? "?"}: ${e.message ?? ""}`).join("")}`);
    }
  }
}
