/**
 * Turns the wire form of resource properties into plain JSON for the plan: secrets masked,
 * resource references as their URN, unknowns and assets as readable markers. (The SDK's own
 * deserializer would turn references back into live resources, which a plan must not do.)
 *
 * Beside each masked secret whose value is known, a keyed digest of the value can be collected
 * (HMAC-SHA-256 under a key drawn once per process and never written anywhere): two plans of one
 * run can then tell whether a secret input changed, as the engine does: "Secret are equal if the
 * value they wrap are equal" (pulumi/pulumi sdk/go/common/resource/properties_diff.go,
 * `PropertyValue.DeepEquals`), while the plan still holds no secret, and no digest that could be
 * checked against a guessed value once the run has ended.
 */
import { createHmac, randomBytes } from "node:crypto";
import {
  specialArchiveSig, specialAssetSig, specialOutputValueSig, specialResourceSig, specialSecretSig, specialSigKey,
  unknownValue,
} from "@pulumi/pulumi/runtime/rpc";
import { SECRET_MASK } from "../../policies/plan-types";

/** What unknown values (known only after deployment) read as. */
export const UNKNOWN_MARK = "[unknown]";

/** The key of this process's secret digests: random, held in memory only. */
const DIGEST_KEY = randomBytes(32);

/** Keyed digests of secret values by the dotted path of the input that holds them (`input`, `environment.variables.TOKEN`, `items.0`). */
export type SecretDigests = Record<string, string>;

/** Canonical JSON: object keys sorted, so equal values read (and digest) equally whatever their key order; `undefined` (not set) reads `undefined`. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** The keyed digest of a known secret value, or undefined when any part of it is unknown. */
function secretDigest(wire: unknown): string | undefined {
  const plain = decodeProperty(wire);
  const text = canonicalJson(plain);
  if (text.includes(JSON.stringify(UNKNOWN_MARK))) return undefined;
  return createHmac("sha256", DIGEST_KEY).update(text).digest("hex");
}

/**
 * Decodes one property value from its wire form (`Struct.toJavaScript()`); with `digests`, records
 * the keyed digest of each known secret under its path below `path`.
 */
export function decodeProperty(value: unknown, digests?: SecretDigests, path: readonly string[] = []): unknown {
  if (value === unknownValue) return UNKNOWN_MARK;
  if (Array.isArray(value)) return value.map((item, i) => decodeProperty(item, digests, [...path, String(i)]));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const masked = (secret: unknown) => {
    const digest = digests && secretDigest(secret);
    if (digest) digests[path.join(".")] = digest;
    return SECRET_MASK;
  };
  switch (record[specialSigKey]) {
    case specialSecretSig:
      return masked(record["value"]);
    case specialResourceSig:
      return record["urn"];
    case specialAssetSig:
    case specialArchiveSig:
      return "[asset]";
    case specialOutputValueSig:
      if (record["secret"] === true) return "value" in record ? masked(record["value"]) : SECRET_MASK;
      return "value" in record ? decodeProperty(record["value"], digests, path) : UNKNOWN_MARK;
    default:
      return Object.fromEntries(
        Object.entries(record).filter(([, inner]) => inner !== undefined).map(([key, inner]) => [key, decodeProperty(inner, digests, [...path, key])]),
      );
  }
}

/**
 * Decodes a properties struct (anything with `toJavaScript()`), or `{}` when absent; with
 * `digests`, records the keyed digest of each known secret by its path.
 */
export function decodeStruct(struct: { toJavaScript(): Record<string, unknown> } | undefined, digests?: SecretDigests): Record<string, unknown> {
  return struct ? (decodeProperty(struct.toJavaScript(), digests) as Record<string, unknown>) : {};
}
