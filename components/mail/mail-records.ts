/** The DNS records SES needs for a sending domain, and the app's sending permission. */

/** A DNS record the mail setup publishes. */
export interface MailRecord {
  readonly type: "CNAME" | "MX" | "TXT";
  readonly name: string;
  readonly content: string;
  readonly priority?: number;
}

/** DMARC policy of the domain. */
export interface DmarcPolicy {
  /** What receivers do with failing mail. */
  readonly policy: "none" | "quarantine" | "reject";
  /** Where aggregate reports go. @default none */
  readonly reportEmail?: string;
}

/** Easy DKIM: one CNAME per token SES gives the identity. */
export function dkimRecord(domain: string, token: string): MailRecord {
  return { type: "CNAME", name: `${token}._domainkey.${domain}`, content: `${token}.dkim.amazonses.com` };
}

/**
 * The custom MAIL FROM domain's records: MX to SES's feedback endpoint of the region, and SPF
 * allowing SES. With the MAIL FROM domain under the sending domain, SPF aligns for DMARC.
 */
export function mailFromRecords(mailFromDomain: string, region: string): MailRecord[] {
  return [
    { type: "MX", name: mailFromDomain, content: `feedback-smtp.${region}.amazonses.com`, priority: 10 },
    { type: "TXT", name: mailFromDomain, content: "v=spf1 include:amazonses.com ~all" },
  ];
}

/** The domain's DMARC record (relaxed alignment, as SES's DKIM and MAIL FROM need). */
export function dmarcRecord(domain: string, dmarc: DmarcPolicy): MailRecord {
  const report = dmarc.reportEmail ? `; rua=mailto:${dmarc.reportEmail}` : "";
  return { type: "TXT", name: `_dmarc.${domain}`, content: `v=DMARC1; p=${dmarc.policy}${report}; adkim=r; aspf=r` };
}

/**
 * Least-privilege sending: `SendEmail`/`SendRawEmail` through this identity only, from the given
 * local parts of the domain (any address of the domain when none are given); and reading this
 * identity alone (`ses:GetEmailIdentity`, access level Read, resource type `identity`:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleemailservicev2.html),
 * so the app can tell whether the domain is verified for sending before it sends. A role policy's
 * `policy` is updated in place (aws_iam_role_policy: only `name`, `name_prefix` and `role` force a
 * new resource: hashicorp/terraform-provider-aws internal/service/iam/role_policy.go).
 */
export function sendPolicy(identityArn: string, domain: string, fromLocalParts: readonly string[]): object {
  const from = fromLocalParts.length > 0 ? fromLocalParts.map((local) => `${local}@${domain}`) : [`*@${domain}`];
  return {
    Version: "2012-10-17",
    Statement: [{
      Sid: "SendAsTenantDomain",
      Effect: "Allow",
      Action: ["ses:SendEmail", "ses:SendRawEmail"],
      Resource: identityArn,
      Condition: { StringLike: { "ses:FromAddress": from } },
    }, {
      Sid: "ReadTenantIdentity",
      Effect: "Allow",
      Action: ["ses:GetEmailIdentity"],
      Resource: identityArn,
    }],
  };
}
