/**
 * S3 actions limited to the tenants' buckets. Every bucket the components create is named from
 * the tenant id (`<tenant>-…`: auto-named from a logical name that starts with it, or the data
 * exchange's explicit `<tenant>-exchange-<account>`), so the bucket-level actions are granted on
 * `arn:aws:s3:::<tenant>-*` and the object-level ones on `arn:aws:s3:::<tenant>-*\/*`, from the
 * fleet's facts as the IAM role patterns are. Which resource type an action is authorized against
 * is data (data/s3-resource-types.json, from the Service Authorization Reference); an action the
 * data does not know keeps `*`, so a new action never fails a deploy, it is only not narrowed.
 */
import s3Data from "./data/s3-resource-types.json";

/** The resource an S3 action is authorized against. */
export type S3ResourceKind = "bucket" | "object" | "other";

const KINDS = s3Data.actions as Readonly<Record<string, S3ResourceKind>>;

/** The kind of `action` (`s3:GetObject`), "other" for one the data does not list. */
export function s3ResourceKind(action: string): S3ResourceKind {
  const found = Object.entries(KINDS).find(([name]) => name.toLowerCase() === action.toLowerCase());
  return found ? found[1] : "other";
}

/** True when the data lists `action`. */
export function knowsS3Action(action: string): boolean {
  return Object.keys(KINDS).some((name) => name.toLowerCase() === action.toLowerCase());
}

/**
 * The ARN patterns of buckets with these name prefixes, or of the objects under these key
 * prefixes in them (`arn:aws:s3:::<tenant>-*\/trust-store/*`).
 */
export function s3ResourcePatterns(prefixes: readonly string[], kind: "bucket" | "object", keyPrefixes: readonly string[] = [""]): string[] {
  return kind === "bucket" ? prefixes.map((prefix) => `arn:aws:s3:::${prefix}*`) : prefixes.flatMap((prefix) => keyPrefixes.map((key) => `arn:aws:s3:::${prefix}*/${key}*`));
}
