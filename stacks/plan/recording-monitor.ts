/**
 * A mock resource monitor that records every registration with its parent, provider and options
 * (which the plain `Mocks` interface does not see), every invoke, and the stack's outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor, type Mocks } from "@pulumi/pulumi/runtime/mocks";
import type {
  RegisterResourceOutputsRequest, RegisterResourceRequest, RegisterResourceResponse, ResourceInvokeRequest,
} from "@pulumi/pulumi/proto/resource_pb";
import type { PlannedInvoke, PlannedResource } from "./plan-types";
import { decodeStruct } from "./wire-values";

/** Splits a provider reference `urn::id` into its URN. */
export function providerUrn(reference: string): string | null {
  if (!reference) return null;
  const cut = reference.lastIndexOf("::");
  return cut > 0 ? reference.slice(0, cut) : reference;
}

/** The URN the Pulumi engine gives a resource of `type` named `name` under `parent`. */
export function engineUrn(parent: string, type: string, name: string): string {
  const stack = pulumi.getStack();
  const project = pulumi.getProject();
  let qualifiedType = type;
  if (parent) {
    const parentType = parent.split("::")[2] ?? "";
    if (parentType !== "pulumi:pulumi:Stack") qualifiedType = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the base class types its callbacks loosely
type Callback = (error: any, response: any) => void;

export class RecordingMonitor extends MockMonitor {
  readonly registrations: PlannedResource[] = [];
  readonly invokes: PlannedInvoke[] = [];
  readonly ids: Record<string, string> = {};
  readonly propertyDependencies: Record<string, Record<string, string[]>> = {};
  stackOutputs: Record<string, unknown> = {};
  private stackUrn: string | undefined;

  constructor(mocks: Mocks) {
    super(mocks);
    // URNs as the engine forms them: the parent's full type chain (without the stack's type)
    // joined by `$`. The stock mock keeps only the parent's last type.
    (this as unknown as { newUrn: typeof engineUrn }).newUrn = engineUrn;
  }

  override async registerResource(req: RegisterResourceRequest, callback: Callback): Promise<void> {
    const inputs = decodeStruct(req.getObject());
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
    }
    super.registerResourceOutputs(req, callback);
  }
}
