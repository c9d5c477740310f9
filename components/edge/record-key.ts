/** How a DNS record is recognised among a zone's existing records, to adopt (import) it. */
export interface RecordIdentity {
  type: string;
  /** Fully qualified name. */
  name: string;
  content: string;
  priority?: number;
}

/**
 * The key of a record for adoption: type, name and content (and an MX priority). Cloudflare
 * compares CNAME and MX targets case-insensitively and stores names in lower case; TXT content
 * is compared as written. Content without surrounding quotes: the API returns TXT content as it
 * was sent.
 */
export function recordKey(record: RecordIdentity): string {
  const content = record.type === "TXT" ? record.content : record.content.toLowerCase().replace(/\.$/, "");
  return [record.type, record.name.toLowerCase().replace(/\.$/, ""), content, record.priority ?? ""].join(" ");
}

/** The import id of a DNS record (terraform-provider-cloudflare v5 internal/services/dns_record/resource.go: `<zone_id>/<dns_record_id>`). */
export function recordImportId(zoneId: string, recordId: string): string {
  return `${zoneId}/${recordId}`;
}
