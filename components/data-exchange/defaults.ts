/**
 * The defaults of {@link ExportLocationArgs}: the component uses them for what its caller leaves
 * out, and the tenant-file schema fills its fields from them.
 */

/** What {@link ExportLocationArgs} leaves out becomes. */
export const EXPORT_LOCATION_DEFAULTS = {
  keepDays: 30,
} as const;
