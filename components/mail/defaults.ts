/**
 * The defaults of {@link MailArgs}: the component uses them for what its caller leaves out, and
 * the tenant-file schema fills its fields from them.
 */

/** What {@link MailArgs} leaves out becomes. */
export const MAIL_DEFAULTS = {
  mailFromSubdomain: "bounce",
  dmarc: { policy: "none" },
} as const;
