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
 * The naming arguments for a resource whose type allows names of at most `maxLength` characters
 * and name prefixes of at most `prefixMaxLength`, such that the provider always forms the name:
 *
 * - none while the bridge's auto-name (`logicalName` + "-" + 7 random characters) fits, so that
 *   existing resources keep the names they have;
 * - beyond that, `namePrefix`: the logical name's start and "-", within `prefixMaxLength`; the
 *   provider appends a unique suffix (terraform-provider-aws `create.NewNameGenerator`, which takes
 *   terraform-plugin-sdk `id.PrefixedUniqueId`: a timestamp and a counter, 26 characters).
 *
 * Never a fixed name: on a replacement the engine creates the new resource before it deletes the
 * old one (pulumi/pulumi `pkg/resource/deploy/step_generator.go`, which runs the provider's Check
 * again without the old inputs so that auto-names are formed anew; the bridge leaves `name` unset
 * when `namePrefix` is given, pulumi-terraform-bridge `pkg/tfbridge/schema.go` buildConflictsWith),
 * and a fixed name would still be taken by the old resource.
 */
export function providerNamed(logicalName: string, maxLength: number, prefixMaxLength: number): { namePrefix?: string } {
  if (logicalName.length + AUTO_NAME_SUFFIX_LENGTH <= maxLength) return {};
  return { namePrefix: `${logicalName.slice(0, prefixMaxLength - 1).replace(/-+$/, "")}-` };
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
