import { z } from "zod";
import { MAIL_DEFAULTS } from "../../components/mail/defaults";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Transactional mail through Amazon SES from the tenant's own domain. */
export const mailSection = z
  .strictObject({
    mailFromSubdomain: z.string().regex(LABEL, { error: "must be one DNS label such as bounce or mail" }).default(MAIL_DEFAULTS.mailFromSubdomain)
      .describe("Subdomain of edge.zone used as the MAIL FROM (bounce) domain, so SPF aligns."),
    dmarc: z.strictObject({
      policy: z.enum(["none", "quarantine", "reject"]).default(MAIL_DEFAULTS.dmarc.policy)
        .describe("What receivers do with mail that fails DMARC: none (the default) only reports, so mail sent from elsewhere keeps arriving; move to quarantine, then reject, once every sender passes."),
      reportEmail: z.string().regex(EMAIL, { error: "must be an e-mail address" }).optional()
        .describe("Address that receives aggregate DMARC reports (rua); none by default."),
    }).prefault({}),
    fromAddresses: z.array(z.string().regex(/^[a-z0-9._%+-]+$/i, { error: "must be the local part of an address, such as noreply" }))
      .default([])
      .describe("Local parts (before @) the app may send from; empty allows any address of the zone."),
  })
  .describe("SES domain identity for edge.zone with DKIM, SPF and DMARC records in the zone, and send permission for the app.");

export type MailSpec = z.output<typeof mailSection>;
