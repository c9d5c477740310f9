export { MediaBucket } from "./media-bucket";
export type { MediaBucketArgs } from "./media-bucket";
export { isNonPublicSourceRange, mediaPolicyStatements, mediaWriterPolicy } from "./media-policy";
