/**
 * The defaults of {@link NetworkArgs}: the component uses them for what its caller leaves out, and
 * the tenant-file schema fills its fields from them.
 */

/** What {@link NetworkArgs} leaves out becomes. */
export const NETWORK_DEFAULTS = {
  nat: "single",
  flowLogs: {
    retentionInDays: 90,
    trafficType: "ALL",
  } as const,
} as const;
