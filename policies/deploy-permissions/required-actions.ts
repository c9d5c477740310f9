/**
 * The IAM actions a set of planned resources and invokes needs: to deploy them (create, read,
 * update, delete) and to refresh them (read only), from the kept mapping (`action-data.ts`).
 */
import { lookupActions, type PikeEntry } from "./action-data";

/** A planned AWS resource as the mapping needs it. */
export interface PlannedAwsUse {
  /** The Pulumi type token, `aws:<module>/<name>:<Type>`. */
  readonly type: string;
}

/** What one Pulumi type needs. */
export interface TypeActions {
  readonly token: string;
  readonly terraformType: string;
  /** Every action of the type: create, update, delete, read, and every argument's own actions. */
  readonly deploy: readonly string[];
  /** The read-level actions among them (Get, Describe, List): what a refresh uses. */
  readonly read: readonly string[];
}

/** The actions of a set of types, and the types the mapping does not know (each with why). */
export interface ActionNeeds {
  readonly types: readonly TypeActions[];
  readonly unknown: ReadonlyMap<string, string>;
}

/** True for AWS resource and function tokens (`aws:…`; the provider is `pulumi:providers:aws`). */
export function isAwsToken(token: string): boolean {
  return token.startsWith("aws:");
}

/**
 * Read-level actions. The Service Authorization Reference gives Get*, Describe* and List* actions
 * the Read or List access level (e.g. list_amazonec2.html, list_amazons3.html). Pike's `plan`
 * section is not taken whole: it lists a write action now and then (ec2:RevokeSecurityGroupEgress).
 */
function isReadAction(action: string): boolean {
  const verb = action.slice(action.indexOf(":") + 1);
  return /^(Get|Describe|List)/.test(verb);
}

/**
 * Actions deduplicated and sorted, each with its service prefix in lower case: IAM matches action
 * names case-insensitively (IAM User Guide, reference_policies_elements_action.html), and Pike
 * spells a few differently (`SNS:…`, `ec2:CreateVPC` beside `ec2:CreateVpc`).
 */
export function sorted(actions: Iterable<string>): string[] {
  const byKey = new Map<string, string>();
  for (const action of actions) {
    const colon = action.indexOf(":");
    const normal = `${action.slice(0, colon).toLowerCase()}${action.slice(colon)}`;
    if (!byKey.has(normal.toLowerCase())) byKey.set(normal.toLowerCase(), normal);
  }
  return [...byKey.values()].sort();
}

/**
 * Every action of an entry. Every argument's actions are included, not only those of the
 * arguments the plans set today: a later change to a tenant file may set one, and the deploy must
 * not then fail for want of a permission nobody reviewed.
 */
function entryActions(entry: PikeEntry): { deploy: string[]; read: string[] } {
  const all = [...entry.apply, ...(entry.modify ?? []), ...entry.destroy, ...entry.plan, ...Object.values(entry.attributes).flat()];
  return { deploy: sorted(all), read: sorted(all.filter(isReadAction)) };
}

/**
 * A wildcard the generated policies may carry: only over read-level verbs of one service
 * (`autoscaling:Describe*`, as Pike maps aws_autoscaling_group). Pike maps a few types to a whole
 * service (`s3:*`, `sqs:*`): such a type is refused until its actions are entered one by one in
 * data/extra-aws-actions.json, which takes precedence over Pike.
 */
export function isAllowedWildcard(action: string): boolean {
  return !action.includes("*") || /^[a-z0-9-]+:(Describe|Get|List)\*$/i.test(action);
}

/** The actions the given resource types and invoke tokens need (non-AWS tokens are ignored). */
export function actionNeeds(resourceTypes: Iterable<string>, invokeTokens: Iterable<string> = []): ActionNeeds {
  const types: TypeActions[] = [];
  const unknown = new Map<string, string>();
  const add = (kind: "resources" | "functions", token: string) => {
    const found = lookupActions(kind, token);
    if (!found.known) return void unknown.set(token, found.reason);
    const actions = entryActions(found.entry);
    const wildcards = actions.deploy.filter((action) => !isAllowedWildcard(action));
    if (wildcards.length > 0) unknown.set(token, `the mapping grants ${found.terraformType} the wildcard ${wildcards.join(", ")}: enter its actions one by one in policies/deploy-permissions/data/extra-aws-actions.json`);
    else types.push({ token, terraformType: found.terraformType, ...actions });
  };
  for (const token of sorted(resourceTypes)) if (isAwsToken(token)) add("resources", token);
  for (const token of sorted(invokeTokens)) if (isAwsToken(token)) add("functions", token);
  return { types, unknown };
}
