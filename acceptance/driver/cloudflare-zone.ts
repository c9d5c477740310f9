/**
 * The real {@link AcceptanceZone}: Cloudflare's API with the run's token (CLOUDFLARE_API_TOKEN).
 */
import type { AcceptanceZone } from "./ports";

const CLOUDFLARE_API = "https://api.cloudflare.com/client/v4";

export class CloudflareZone implements AcceptanceZone {
  constructor(private readonly token: string, private readonly baseUrl = CLOUDFLARE_API) {}

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
