import { z } from "zod";

const LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

/** A DNS zone such as `acme.example`: two or more lowercase labels. */
export const DOMAIN_NAME = new RegExp(`^(${LABEL}\\.)+[a-z][a-z0-9-]{0,62}$`);

/** A hostname relative to the zone: `@` for the apex, `www`, `shop.eu`, or `*` for a wildcard. */
export const RELATIVE_HOSTNAME = new RegExp(`^(@|(\\*\\.)?${LABEL}(\\.${LABEL})*|\\*)$`);

/** The public face of the tenant in Cloudflare. */
export const edgeSection = z
  .strictObject({
    zone: z
      .string()
      .regex(DOMAIN_NAME, { error: "must be a lowercase domain name such as acme.example" })
      .describe("DNS zone (domain) the tenant's hostnames live in."),
    hostnames: z
      .array(
        z.string().regex(RELATIVE_HOSTNAME, {
          error: 'must be "@" (the zone apex), a name relative to the zone such as www or shop.eu, or a wildcard such as *.eu',
        }),
      )
      .min(1)
      .describe('Web hostnames, relative to the zone: "@" is the zone itself. Each is unique across the fleet.'),
  })
  .describe("Cloudflare zone and web hostnames.");

/** The fully qualified name of a relative hostname in a zone. */
export function qualifyHostname(hostname: string, zone: string): string {
  return hostname === "@" ? zone : `${hostname}.${zone}`;
}
