/**
 * The kept mapping from Pulumi AWS types to the IAM actions they need, as data with its sources:
 * - `data/pulumi-terraform-types.json`: Pulumi type token -> Terraform type (pulumi-aws's bridge);
 * - `data/pike-aws-actions.json`: Terraform type -> actions per operation, copied from Pike
 *   (github.com/JamesWoolfenden/pike, Apache-2.0; `import-pike.ts` refreshes it);
 * - `data/extra-aws-actions.json`: types Pike lacks or maps to a whole service, from the AWS Service
 *   Authorization Reference; an entry there takes precedence over Pike's.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import typeMap from "./data/pulumi-terraform-types.json";

/** One Terraform type's actions, in Pike's sections. */
export interface PikeEntry {
  /** Creating the resource (and reading it back). */
  readonly apply: readonly string[];
  /** Updating it in place. @default [] */
  readonly modify?: readonly string[];
  readonly destroy: readonly string[];
  /** Reading it (refresh, plan). */
  readonly plan: readonly string[];
  /** Extra actions when a Terraform argument is set, by argument name. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

/** `data/pike-aws-actions.json`. */
export const PIKE_FILE = path.join(__dirname, "data/pike-aws-actions.json");
const EXTRA_FILE = path.join(__dirname, "data/extra-aws-actions.json");

/** Pulumi type tokens (resources and invoke functions) to Terraform type names. */
export const TYPE_MAP: { readonly resources: Readonly<Record<string, string>>; readonly functions: Readonly<Record<string, string>> } = typeMap;

interface ActionFile {
  readonly resources?: Readonly<Record<string, PikeEntry>>;
  readonly functions?: Readonly<Record<string, PikeEntry>>;
  readonly types?: Readonly<Record<string, PikeEntry>>;
}

let loaded: { pike: ActionFile; extra: ActionFile } | undefined;

function files(): { pike: ActionFile; extra: ActionFile } {
  loaded ??= {
    pike: JSON.parse(readFileSync(PIKE_FILE, "utf8")) as ActionFile,
    extra: JSON.parse(readFileSync(EXTRA_FILE, "utf8")) as ActionFile,
  };
  return loaded;
}

/** What the mapping knows of a Pulumi type token: its Terraform type and actions, or why not. */
export type ActionLookup =
  | { readonly known: true; readonly terraformType: string; readonly entry: PikeEntry }
  | { readonly known: false; readonly reason: string };

/** The actions of a resource type (`kind` "resources") or an invoke's data source ("functions"). */
export function lookupActions(kind: "resources" | "functions", token: string): ActionLookup {
  const terraformType = TYPE_MAP[kind][token];
  if (terraformType === undefined) {
    return { known: false, reason: `no Terraform type for ${token} in policies/deploy-permissions/data/pulumi-terraform-types.json (add it from pulumi-aws's bridge-metadata.json)` };
  }
  const { pike, extra } = files();
  const entry = (kind === "resources" ? extra.types?.[terraformType] : undefined) ?? pike[kind]?.[terraformType];
  if (entry === undefined) {
    return { known: false, reason: `no actions for ${terraformType} (${token}) in policies/deploy-permissions/data/: run import-pike.ts, or add it to extra-aws-actions.json from the Service Authorization Reference` };
  }
  return { known: true, terraformType, entry };
}
