import { z } from "zod";
import { MEDIA_BUCKET_DEFAULTS } from "../../components/media-bucket/defaults";

const ORIGIN = /^https:\/\/([a-z0-9-]+\.)+[a-z]{2,63}(:\d{1,5})?$/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A bucket for user uploads and front-end assets, served through Cloudflare. */
export const mediaSection = z
  .strictObject({
    hostname: z.string().regex(LABEL, { error: "must be one label under edge.zone such as media or static (Cloudflare's universal certificate covers one level; not the apex, no wildcard)" })
      .default("media")
      .describe("Hostname, relative to edge.zone, that serves the bucket through Cloudflare's cache."),
    corsOrigins: z.array(z.string().regex(ORIGIN, { error: "must be an https:// origin without a path, such as https://www.acme.example" }))
      .default([])
      .describe("Browser origins allowed to read (GET, HEAD) and upload (PUT, POST with pre-signed URLs) by CORS; none by default."),
    noncurrentVersionDays: z.number().int().min(1).max(3650).default(MEDIA_BUCKET_DEFAULTS.noncurrentVersionDays)
      .describe("Days a replaced or deleted object's old version is kept (versioning is always on)."),
  })
  .describe("Media/static bucket: private to everyone but Cloudflare's edge, versioned, encrypted; the app can write to it.");

export type MediaSpec = z.output<typeof mediaSection>;
