/**
 * The mail component's MAIL FROM records checked against the zone: the MX and SPF TXT it creates
 * at `<mailFromSubdomain>.<zone>` are known before the deploy (components/mail/mail-records.ts
 * `mailFromRecords`). A zone that already sends through SES with that MAIL FROM domain holds the
 * same records, which the API refuses as duplicates (error 81057), failing the deploy midway; a
 * different MX there would share the bounces, and a second SPF record makes SPF fail for both
 * (RFC 7208 section 4.5: more than one "v=spf1" record is a permerror).
 */
import { mailFromRecords } from "../../components/mail/mail-records";
import { recordKey, txtText } from "../../components/edge/record-key";
import { isPlatformRecord } from "../../components/shared/record-comment";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";
import type { ApiDnsRecord } from "./cloudflare-api";
import type { PreflightFinding } from "./edge-preflight";

/** The blocking findings for the MAIL FROM domain's records; none without `mail`. */
export function mailFromFindings(spec: TenantSpec, records: readonly ApiDnsRecord[]): PreflightFinding[] {
  if (!spec.mail) return [];
  const domain = `${spec.mail.mailFromSubdomain}.${spec.edge.zone}`.toLowerCase();
  const path = ["mail", "mailFromSubdomain"];
  const wanted = mailFromRecords(domain, spec.aws.region);
  const keys = new Set(wanted.map((record) => recordKey(record)));
  const foreign = records.filter((r) => r.name.toLowerCase().replace(/\.$/, "") === domain && !isPlatformRecord(r.comment));
  const findings: PreflightFinding[] = [];
  for (const record of foreign) {
    const what = `${record.type} record (id ${record.id}, ${record.priority !== undefined ? `${record.priority} ` : ""}${record.content})`;
    if (keys.has(recordKey(record))) {
      findings.push({ path, message: `${domain} already has the ${what} the deploy creates for SES's MAIL FROM domain: the API refuses a duplicate. Delete it right before the deploy, which creates it again` });
    } else if (record.type === "MX") {
      findings.push({ path, message: `${domain} already has an ${what}: the deploy adds SES's MX beside it, and bounces would go to either. Delete it, or choose another mail.mailFromSubdomain` });
    } else if (record.type === "TXT" && txtText(record.content).toLowerCase().startsWith("v=spf1")) {
      findings.push({ path, message: `${domain} already has an SPF ${what}: a second SPF record makes SPF fail for both (RFC 7208 section 4.5). Delete it, or choose another mail.mailFromSubdomain` });
    } else if (record.type === "CNAME") {
      findings.push({ path, message: `${domain} already has a ${what}: no other record can stand beside a CNAME. Delete it, or choose another mail.mailFromSubdomain` });
    }
  }
  return findings;
}
