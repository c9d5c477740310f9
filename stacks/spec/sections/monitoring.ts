import { z } from "zod";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Who hears about trouble. */
export const monitoringSection = z
  .strictObject({
    alertEmails: z.array(z.string().regex(EMAIL, { error: "must be an e-mail address" })).min(1)
      .describe("Addresses that receive alerts (edge health checks, alarms)."),
  })
  .describe("Alerting.");

export type MonitoringSpec = z.output<typeof monitoringSection>;
