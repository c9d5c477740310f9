/** The tenant file → the arguments of its MediaBucket. */
import type * as pulumi from "@pulumi/pulumi";
import type { MediaBucketArgs } from "../../../components/media-bucket";
import { qualifyHostname } from "../../../tenant-schema/sections/edge";
import type { TenantSpec } from "../../../tenant-schema/tenant-schema";

/** What the media bucket takes from the edge and the web tier. */
export interface MediaInputs {
  /** The zone its hostname's record goes into. */
  readonly zoneId: pulumi.Input<string>;
  /** The instances' role, which writes the media (none without a web tier). */
  readonly writerRoleName?: pulumi.Input<string>;
}

/** The bucket of the `media` section at its hostname in the zone; none without it. */
export function mediaBucketArgs(spec: TenantSpec, inputs: MediaInputs): MediaBucketArgs | undefined {
  const { media } = spec;
  if (!media) return undefined;
  return {
    hostname: qualifyHostname(media.hostname, spec.edge.zone),
    zoneId: inputs.zoneId,
    region: spec.aws.region,
    corsOrigins: media.corsOrigins,
    noncurrentVersionDays: media.noncurrentVersionDays,
    writerRoleName: inputs.writerRoleName,
  };
}
