/**
 * Turns the wire form of resource properties into plain JSON for the plan: secrets masked,
 * resource references as their URN, unknowns and assets as readable markers. (The SDK's own
 * deserializer would turn references back into live resources, which a plan must not do.)
 */
import {
  specialArchiveSig, specialAssetSig, specialOutputValueSig, specialResourceSig, specialSecretSig, specialSigKey,
  unknownValue,
} from "@pulumi/pulumi/runtime/rpc";
import { SECRET_MASK } from "./plan-types";

/** What unknown values (known only after deployment) read as. */
export const UNKNOWN_MARK = "[unknown]";

/** Decodes one property value from its wire form (`Struct.toJavaScript()`). */
export function decodeProperty(value: unknown): unknown {
  if (value === unknownValue) return UNKNOWN_MARK;
  if (Array.isArray(value)) return value.map(decodeProperty);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  switch (record[specialSigKey]) {
    case specialSecretSig:
      return SECRET_MASK;
    case specialResourceSig:
      return record["urn"];
    case specialAssetSig:
    case specialArchiveSig:
      return "[asset]";
    case specialOutputValueSig:
      if (record["secret"] === true) return SECRET_MASK;
      return "value" in record ? decodeProperty(record["value"]) : UNKNOWN_MARK;
    default:
      return Object.fromEntries(
        Object.entries(record).filter(([, inner]) => inner !== undefined).map(([key, inner]) => [key, decodeProperty(inner)]),
      );
  }
}

/** Decodes a properties struct (anything with `toJavaScript()`), or `{}` when absent. */
export function decodeStruct(struct: { toJavaScript(): Record<string, unknown> } | undefined): Record<string, unknown> {
  return struct ? (decodeProperty(struct.toJavaScript()) as Record<string, unknown>) : {};
}
