/**
 * The defaults of {@link MediaBucketArgs}: the component uses them for what its caller leaves out,
 * and the tenant-file schema fills its fields from them.
 */

/** What {@link MediaBucketArgs} leaves out becomes. */
export const MEDIA_BUCKET_DEFAULTS = {
  noncurrentVersionDays: 30,
} as const;
