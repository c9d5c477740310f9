import { isIPv6, SocketAddress } from "node:net";

/** How a DNS record is recognised among a zone's existing records, to adopt (import) it. */
export interface RecordIdentity {
  type: string;
  /** Fully qualified name. */
  name: string;
  content: string;
  priority?: number;
}

/** TXT content made of quoted character strings: `"v=spf1 " "-all"`. */
const QUOTED_STRINGS = /^\s*"(?:[^"\\]|\\.)*"(?:\s+"(?:[^"\\]|\\.)*")*\s*$/;

/**
 * The text a TXT record holds. Its content is one or more RFC 1035 character strings: records
 * added in the dashboard are stored quoted, and long ones split into several (the API's TXT
 * content is "quoted character strings (RFC 1035), each up to 255 bytes", cloudflare-typescript
 * src/resources/dns/records.ts `TXTRecord.content`), while a tenant file writes the bare text.
 * Receivers join the strings without separator (RFC 7208 section 3.3), so `"a" "b"` is `ab`.
 */
export function txtText(content: string): string {
  if (!QUOTED_STRINGS.test(content)) return content;
  return [...content.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, "$1")).join("");
}

/**
 * An IPv6 address in its canonical text (RFC 5952: lower case, no leading zeros, the longest run
 * of zero groups as `::`), so that one address written two ways is one record: a file's
 * `2001:0DB8:0::1` is the zone's `2001:db8::1`. Node formats the address it parsed
 * (`net.SocketAddress`, nodejs.org/api/net.html#class-netsocketaddress, inet_pton then
 * inet_ntop); text that is not an IPv6 address is returned as it is.
 */
export function canonicalIpv6(text: string): string {
  return isIPv6(text) ? new SocketAddress({ address: text, family: "ipv6" }).address : text;
}

/** The content of a record as Cloudflare compares it ({@link recordKey}). */
function comparableContent(record: RecordIdentity): string {
  if (record.type === "TXT") return txtText(record.content);
  if (record.type === "AAAA") return canonicalIpv6(record.content.trim());
  return record.content.toLowerCase().replace(/\.$/, "");
}

/**
 * The key of a record for adoption: type, name and content (and an MX priority). Cloudflare
 * compares CNAME and MX targets case-insensitively and stores names in lower case; TXT content
 * is compared by the text it holds, quoted or not ({@link txtText}); AAAA content by the address
 * ({@link canonicalIpv6}).
 */
export function recordKey(record: RecordIdentity): string {
  const content = comparableContent(record);
  return [record.type, record.name.toLowerCase().replace(/\.$/, ""), content, record.priority ?? ""].join(" ");
}

/** The import id of a DNS record (terraform-provider-cloudflare v5 internal/services/dns_record/resource.go: `<zone_id>/<dns_record_id>`). */
export function recordImportId(zoneId: string, recordId: string): string {
  return `${zoneId}/${recordId}`;
}
