/** Helpers every component uses to name children and tag them consistently. */
import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";

/** Tags merged onto a child: the caller's tags plus a readable `Name`. */
export function nameTags(name: string, tags: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return { ...tags, Name: name };
}

/** The region of an availability zone name (`eu-central-1a` → `eu-central-1`). */
export function regionOfZone(zone: string): string {
  return zone.slice(0, -1);
}

/** A short, stable hex digest of some text. */
export function shortDigest(text: string, length = 7): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/**
 * What the AWS provider appends to a logical name when it auto-names a resource: "-" and 7
 * random hex characters (pulumi-terraform-bridge `pkg/tfbridge/names.go` `AutoName`, Randlen 7).
 */
export const AUTO_NAME_SUFFIX_LENGTH = 8;

/**
 * The explicit physical name for a resource whose type allows at most `maxLength` characters.
 * Undefined while the provider's own auto-name (`logicalName` + "-" + 7 random characters) fits:
 * the provider keeps naming it as it always has, so existing resources keep their names. Beyond
 * that, the logical name cut to fit and ended with a digest of the whole logical name, in the
 * shape of an auto-name (`<prefix>-<7 hex>`): stable across deployments and distinct for
 * distinct logical names. Such a name is fixed, so replacing the resource needs a new name.
 */
export function nameWithin(logicalName: string, maxLength: number): string | undefined {
  if (logicalName.length + AUTO_NAME_SUFFIX_LENGTH <= maxLength) return undefined;
  const stem = logicalName.slice(0, maxLength - AUTO_NAME_SUFFIX_LENGTH).replace(/-+$/, "");
  return `${stem}-${shortDigest(logicalName)}`;
}

/**
 * A label for a value inside a logical name, distinct for distinct values and stable: the
 * value's readable slug `plain` when `decode(plain)` gives the value back (then no other value
 * has that slug), else the slug, `--` and a digest of the value. Slugs that decode back never
 * contain `--`, so the two kinds never meet.
 */
export function distinctLabel(value: string, plain: string, decode: (label: string) => string): string {
  return decode(plain) === value ? plain : `${plain}--${shortDigest(value, 8)}`;
}

/**
 * Aliases that keep a resource its identity after its logical name moved from `formerName` to
 * `name`: the former name, unless it is the same or another entry of the list had it too (then
 * the former name never deployed: the engine refuses a URN registered twice).
 */
export function formerNameAliases(formerName: string, name: string, formerNamesOfTheList: readonly string[]): pulumi.Alias[] {
  if (formerName === name) return [];
  return formerNamesOfTheList.filter((other) => other === formerName).length === 1 ? [{ name: formerName }] : [];
}
