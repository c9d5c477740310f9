/**
 * A mock resource monitor that records every registration with its parent, provider and options
 * (which the plain `Mocks` interface does not see), every invoke, and the stack's outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor, type Mocks } from "@pulumi/pulumi/runtime/mocks";
import type {
  ReadResourceRequest, RegisterResourceOutputsRequest, RegisterResourceRequest, RegisterResourceResponse, ResourceInvokeRequest,
} from "@pulumi/pulumi/proto/resource_pb";
import type { PlannedInvoke, PlannedResource } from "../../policies/plan-types";
import type { Refusals } from "./refusals";
import { decodeStruct, type SecretDigests } from "./wire-values";

/** Splits a provider reference `urn::id` into its URN. */
export function providerUrn(reference: string): string | null {
  if (!reference) return null;
  const cut = reference.lastIndexOf("::");
  return cut > 0 ? reference.slice(0, cut) : reference;
}

/** The URN the Pulumi engine gives a resource of `type` named `name` under `parent`. */
export function engineUrn(parent: string, type: string, name: string, stack = pulumi.getStack(), project = pulumi.getProject()): string {
  let qualifiedType = type;
  if (parent) {
    const parentType = parent.split("::")[2] ?? "";
    if (parentType !== "pulumi:pulumi:Stack") qualifiedType = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

/**
 * The URNs a registration's aliases stand for, as the engine resolves alias specs: each part the
 * spec leaves empty is the resource's own (pulumi/pulumi `sdk/proto/alias.proto`).
 */
export function aliasUrns(req: RegisterResourceRequest): string[] {
  const urns = req.getAliasesList().map((alias) => {
    const spec = alias.getSpec();
    if (!spec) return alias.getUrn();
    const parent = spec.getNoparent() ? "" : spec.getParenturn() || req.getParent();
    return engineUrn(parent, spec.getType() || req.getType(), spec.getName() || req.getName(), spec.getStack() || undefined, spec.getProject() || undefined);
  });
  return [...new Set([...urns, ...req.getAliasurnsList()])];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the base class types its callbacks loosely
type Callback = (error: any, response: any) => void;

/**
 * The engine's refusal of a second registration of one URN, word for word: `generateURN` in
 * pulumi/pulumi `pkg/resource/deploy/step_generator.go` bails with
 * `diag.GetDuplicateResourceURNError` (`sdk/go/common/diag/errors.go`, code 2001) when the URN
 * was already seen in this deployment, for registered and read resources alike. (Its check of an
 * alias against an already-registered URN needs the stack's previous state, which an offline plan
 * of a new stack does not have.)
 */
export function duplicateUrnMessage(urn: string): string {
  return `Duplicate resource URN '${urn}'; try giving it a unique name`;
}

export class RecordingMonitor extends MockMonitor {
  readonly registrations: PlannedResource[] = [];
  readonly invokes: PlannedInvoke[] = [];
  readonly ids: Record<string, string> = {};
  readonly propertyDependencies: Record<string, Record<string, string[]>> = {};
  /** Per URN, the keyed digests of its known secret inputs (wire-values.ts). */
  readonly secretDigests: Record<string, SecretDigests> = {};
  stackOutputs: Record<string, unknown> = {};
  /** Per component URN (the stack's aside), the outputs it registered (`registerOutputs`). */
  readonly componentOutputs: Record<string, Record<string, unknown>> = {};
  private stackUrn: string | undefined;
  /** Every URN registered or read so far, as the engine's step generator keeps them. */
  private readonly seenUrns = new Set<string>();

  /**
   * @param refusals where the engine's refusals are collected (the plan fails when any).
   * @param refuseDuplicateUrns refuse a URN registered twice, as the engine does. @default true;
   *   false only to measure what the check costs (`npm run bench`)
   */
  constructor(mocks: Mocks, private readonly refusals: Refusals, private readonly refuseDuplicateUrns = true) {
    super(mocks);
    // URNs as the engine forms them: the parent's full type chain (without the stack's type)
    // joined by `$`. The stock mock keeps only the parent's last type.
    (this as unknown as { newUrn: typeof engineUrn }).newUrn = engineUrn;
  }

  /**
   * Refuses a URN seen before, as the engine does (the stock mock silently overwrites the first
   * registration). The refusal is recorded and the registration answered, so that the program
   * runs to its end and the plan fails with every refusal at once.
   */
  private claimUrn(parent: string, type: string, name: string): void {
    if (!this.refuseDuplicateUrns) return;
    const urn = engineUrn(parent, type, name);
    if (this.seenUrns.has(urn)) this.refusals.refuse(duplicateUrnMessage(urn));
    this.seenUrns.add(urn);
  }

  override async readResource(req: ReadResourceRequest, callback: Callback): Promise<void> {
    this.claimUrn(req.getParent(), req.getType(), req.getName());
    return super.readResource(req, callback);
  }

  override async registerResource(req: RegisterResourceRequest, callback: Callback): Promise<void> {
    this.claimUrn(req.getParent(), req.getType(), req.getName());
    const digests: SecretDigests = {};
    const inputs = decodeStruct(req.getObject(), digests);
    const implicit = new Set<string>();
    const byProperty: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, property) => {
      byProperty[property] = [...deps.getUrnsList()];
      for (const urn of deps.getUrnsList()) implicit.add(urn);
    });
    const explicit = req.getDependenciesList().filter((urn) => !implicit.has(urn));
    await super.registerResource(req, (error: unknown, response: RegisterResourceResponse | undefined) => {
      if (!error && response) {
        const urn = response.getUrn();
        if (req.getType() === "pulumi:pulumi:Stack") this.stackUrn = urn;
        if (req.getCustom()) this.ids[urn] = response.getId();
        this.propertyDependencies[urn] = byProperty;
        if (Object.keys(digests).length > 0) this.secretDigests[urn] = digests;
        this.registrations.push({
          urn,
          type: req.getType(),
          name: req.getName(),
          parent: req.getParent() || null,
          custom: req.getCustom(),
          provider: providerUrn(req.getProvider()),
          inputs,
          options: {
            protect: req.getProtect() === true,
            retainOnDelete: req.getRetainondelete() === true,
            deleteBeforeReplace: req.getDeletebeforereplace() === true,
            ignoreChanges: [...req.getIgnorechangesList()],
            dependsOn: [...new Set(explicit)],
            aliases: aliasUrns(req),
            ...(req.getReplaceonchangesList().length > 0 ? { replaceOnChanges: [...req.getReplaceonchangesList()] } : {}),
            ...(req.getImportid() ? { importId: req.getImportid() } : {}),
          },
        });
      }
      callback(error, response);
    });
  }

  override async invoke(req: ResourceInvokeRequest, callback: Callback): Promise<void> {
    const token = req.getTok();
    if (token !== "pulumi:pulumi:getResource") {
      this.invokes.push({ token, inputs: decodeStruct(req.getArgs()), provider: providerUrn(req.getProvider()) });
    }
    return super.invoke(req, callback);
  }

  override registerResourceOutputs(req: RegisterResourceOutputsRequest, callback: Callback): void {
    if (req.getUrn() === this.stackUrn && req.getOutputs()) {
      this.stackOutputs = decodeStruct(req.getOutputs());
    } else if (req.getUrn() !== this.stackUrn) {
      this.componentOutputs[req.getUrn()] = decodeStruct(req.getOutputs());
    }
    super.registerResourceOutputs(req, callback);
  }
}
