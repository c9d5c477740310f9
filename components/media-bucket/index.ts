export { MediaBucket } from "./media-bucket";
export type { MediaBucketArgs } from "./media-bucket";
export { MEDIA_BUCKET_DEFAULTS } from "./defaults";
export { isNonPublicSourceRange, mediaPolicyStatements, mediaWriterPolicy } from "./media-policy";
