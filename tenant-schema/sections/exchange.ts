import { z } from "zod";
import { EXPORT_LOCATION_DEFAULTS } from "../../components/data-exchange/defaults";

/** Data a tenant shares with named tenants of the fleet. */
export const exchangeSection = z
  .strictObject({
    partners: z.array(z.string().regex(/^(?!.*--)[a-z][a-z0-9-]{1,26}[a-z0-9]$/, { error: "must be a tenant id (the file name of another tenant, without .yaml)" }))
      .min(1, { error: "names at least one partner tenant; remove the exchange section to share with nobody" })
      .describe("Tenants whose app roles may read this tenant's export location. Removing one revokes its access on the next deploy."),
    keepDays: z.number().int().min(1).max(3650).default(EXPORT_LOCATION_DEFAULTS.keepDays)
      .describe("Days an exported object is kept before it expires."),
  })
  .describe("Export location (an S3 prefix of a bucket of this tenant) that exactly the named partner tenants can read.");

export type ExchangeSpec = z.output<typeof exchangeSection>;
