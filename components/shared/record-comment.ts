/**
 * The marker every DNS record the platform creates carries at the end of its comment, so a
 * preflight reading the zone tells the platform's records from the ones someone else made.
 * A record's comment changes in place (terraform-provider-cloudflare v5
 * internal/services/dns_record/schema.go: only `zone_id` and `type` require replacement).
 */
export const PLATFORM_RECORD_MARKER = "(tenant-platform)";

/** A record comment: what the record is for, then the platform's marker. */
export function platformComment(purpose: string): string {
  return `${purpose} ${PLATFORM_RECORD_MARKER}`;
}

/** True when a record's comment says the platform made it. */
export function isPlatformRecord(comment: string | null | undefined): boolean {
  return (comment ?? "").includes(PLATFORM_RECORD_MARKER);
}
