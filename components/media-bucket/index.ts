export { MediaBucket } from "./media-bucket";
export type { MediaBucketArgs } from "./media-bucket";
export { mediaPolicyStatements, mediaWriterPolicy } from "./media-policy";
