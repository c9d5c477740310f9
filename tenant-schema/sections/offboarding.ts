import { z } from "zod";

/** The tenant leaving the platform: what the deploy before `pulumi destroy` declares. */
export const offboardingSection = z
  .strictObject({
    reason: z.string().min(10, { error: "must say in a sentence why the tenant leaves" })
      .describe("Why the tenant leaves; the load balancer and the database carry it as a tag, the policy pack reads it as the declared intent."),
  })
  .optional()
  .describe("Declares that the tenant is being offboarded: turns off the load balancer's and the database's deletion protection and lifts the database's Pulumi protect (its final snapshot is kept), so that `pulumi destroy --exclude-protected` removes everything that runs. Keys, vaults, buckets and the zone stay protected and kept. A previous database generation must be retiring first (it is not lifted here). Deploy it on its own, then destroy.");

export type OffboardingSpec = z.output<typeof offboardingSection>;
