/**
 * What the stack already manages, read from its own last deployment through the engine's builtin
 * provider, so that the edge preflight never hands an import id to a record or a ruleset the
 * stack has in state, and the edge knows whether its web records still serve the current hosting.
 * An import id on a resource already in state, other than the one it was imported with,
 * is not ignored: the engine imports the resource again and replaces the old one, and
 * deleting the replaced one deletes that very record or ruleset (pulumi/pulumi
 * pkg/resource/deploy/step_generator.go: `isImport := goal.Custom && goal.ID != "" && (old == nil
 * || old.External || oldImportID != goal.ID)`, then `NewImportReplacementStep` and
 * `NewReplaceStep`, and pkg/resource/deploy/step.go ImportStep.Apply marks the original for
 * deletion; a created resource has no ImportID, so its id, `<record id>`, never equals an import
 * id `<zone id>/<record id>`, nor a ruleset's `<ruleset id>` its import id `zones/<zone id>/<ruleset id>`;
 * after any deploy without an import the state's ImportID is empty, :827 `ImportID: goal.ID`).
 *
 * Two builtin invokes of the `pulumi` package (pkg/resource/deploy/builtins.go):
 * `pulumi:pulumi:readStackOutputs` (`{ name }` → `{ outputs }`, the stack outputs of the latest
 * deployment, empty for a stack that never finished one) and
 * `pulumi:pulumi:readStackResourceOutputs` (`{ stackName }` → `{ outputs: { <urn>: { type,
 * outputs } } }`, every resource of the latest snapshot, without the pending operations of an
 * interrupted update). The second is asked only of a stack that has outputs: for a stack never
 * deployed the backend has no snapshot and the engine dereferences it (pkg/backend/backend.go
 * `GetStackResourceOutputs` ranges over `snap.Resources` of a nil snapshot:
 * `stack.DeserializeCheckpoint` returns nil without `Latest`).
 */
import * as pulumi from "@pulumi/pulumi";
import { WEB_RECORD_COMMENTS } from "../../components/edge/edge";

/** The stack output every deployment of the program exports (program/program.ts). */
const DEPLOYED_MARK = "tenantId";
const DNS_RECORD = "cloudflare:index/dnsRecord:DnsRecord";
const RULESET = "cloudflare:index/ruleset:Ruleset";
const ACM_CERTIFICATE = "aws:acm/certificate:Certificate";

/** A DNS record as the stack's state holds it: what the last deployment (or `pulumi refresh`) read from the zone. */
export interface StateRecord {
  readonly content?: string;
  readonly proxied?: boolean;
  readonly comment?: string;
}

/** What the stack's last deployment left in its state, as far as the edge is concerned. */
export interface DeployedStack {
  /** The ids of its DNS records (the record id the API lists: v5 dns_record ImportState stores it as `id`). */
  readonly recordIds: ReadonlySet<string>;
  /** Its DNS records by id, with the content, proxy status and comment the state holds. */
  readonly records: ReadonlyMap<string, StateRecord>;
  /** The ids of its rulesets (the ruleset id the API lists: v5 ruleset ImportState stores it as `id`). */
  readonly rulesetIds: ReadonlySet<string>;
  /**
   * True when a web hostname's record in the state still points at the current hosting (its
   * comment is `WEB_RECORD_COMMENTS.currentHosting`, components/edge/edge.ts): a deploy that no
   * longer awaits the cutover moves it to the load balancer.
   */
  readonly webRecordsOnCurrentHosting: boolean;
  /**
   * True when the state holds the edge's ACM certificate (`<name>-certificate`,
   * components/edge/edge.ts `createCertificate`; the Origin CA certificate imported into ACM is
   * `<name>-origin-ca`): a deploy keeps it and requests none.
   */
  readonly acmCertificateInState: boolean;
}

/** The fully qualified name the builtin provider reads a stack by: `<organization>/<project>/<stack>`. */
export function ownStackName(): string {
  return `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
}

/**
 * How a self-managed (DIY) backend in the legacy layout, from before project-scoped stacks and
 * never upgraded (`pulumi state upgrade`), refuses a qualified name: it parses every stack
 * reference with `tokens.ParseStackName` (pulumi/pulumi pkg/backend/diy/store.go
 * `legacyReferenceStore.ParseReference`), which allows no `/` (sdk/go/common/tokens/stack_name.go:
 * "a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character
 * '/' at position N"). The project layout and Pulumi Cloud take the qualified name.
 */
const LEGACY_LAYOUT_REFUSAL = "a stack name may only contain alphanumeric, hyphens, underscores, or periods";

/**
 * The stack's own outputs and the name the backend reads it by: the qualified name, or, when the
 * backend is a DIY one in the legacy layout and refuses it, the bare stack name, which that layout
 * reads the same stack by (stacks/<stack>.json).
 */
async function readOwnOutputs(): Promise<{ name: string; outputs?: Record<string, unknown> }> {
  const read = async (name: string) => ({ name, ...(await pulumi.runtime.invoke("pulumi:pulumi:readStackOutputs", { name })) as { outputs?: Record<string, unknown> } });
  try {
    return await read(ownStackName());
  } catch (error) {
    if (!String((error as Error | undefined)?.message ?? error).includes(LEGACY_LAYOUT_REFUSAL)) throw error;
    return read(pulumi.getStack());
  }
}

/**
 * What the stack holds in its state, or undefined when the stack has not finished a deployment
 * yet (the preflight then knows the platform's records by their marker).
 */
export async function readDeployedStack(): Promise<DeployedStack | undefined> {
  const stack = await readOwnOutputs();
  const name = stack.name;
  if (stack.outputs?.[DEPLOYED_MARK] === undefined) return undefined;
  const state = (await pulumi.runtime.invoke("pulumi:pulumi:readStackResourceOutputs", { stackName: name })) as {
    outputs?: Record<string, { type?: string; outputs?: Record<string, unknown> }>;
  };
  const entries = Object.entries(state.outputs ?? {});
  const resources = entries.map(([, resource]) => resource);
  const idsOf = (type: string) => new Set(resources
    .filter((resource) => resource.type === type)
    .map((resource) => resource.outputs?.["id"])
    .filter((id): id is string => typeof id === "string"));
  const records = new Map<string, StateRecord>();
  for (const resource of resources.filter((r) => r.type === DNS_RECORD)) {
    const { id, content, proxied, comment } = resource.outputs ?? {};
    if (typeof id !== "string") continue;
    records.set(id, {
      ...(typeof content === "string" ? { content } : {}),
      ...(typeof proxied === "boolean" ? { proxied } : {}),
      ...(typeof comment === "string" ? { comment } : {}),
    });
  }
  return {
    recordIds: idsOf(DNS_RECORD),
    records,
    rulesetIds: idsOf(RULESET),
    webRecordsOnCurrentHosting: resources.some((resource) => resource.type === DNS_RECORD && resource.outputs?.["comment"] === WEB_RECORD_COMMENTS.currentHosting),
    // A URN ends with `::<name>` (pulumi/pulumi sdk/go/common/resource/urn.go).
    acmCertificateInState: entries.some(([urn, resource]) => resource.type === ACM_CERTIFICATE && urn.slice(urn.lastIndexOf("::") + 2).endsWith("-certificate")),
  };
}
