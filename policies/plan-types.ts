/** The offline plan's document: what `npm run plan -- --json` writes. */

/** Resource options recorded at registration. */
export interface PlannedOptions {
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly deleteBeforeReplace: boolean;
  readonly ignoreChanges: string[];
  /** URNs of explicit `dependsOn` resources (dependencies through inputs are not listed). */
  readonly dependsOn: string[];
  /** URNs the resource was known by before (its `aliases`): the engine finds its old state there. @default [] */
  readonly aliases?: string[];
  /** The `replaceOnChanges` option: inputs whose change the engine turns into a replacement. Absent when not set. */
  readonly replaceOnChanges?: string[];
  /** The `import` option: the id of an existing resource the deploy adopts. Absent when not set. */
  readonly importId?: string;
}

/** One registered resource. */
export interface PlannedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** URN of the parent, or null for the stack itself. */
  readonly parent: string | null;
  /** True for resources a provider manages; false for components and the stack. */
  readonly custom: boolean;
  /** URN of the provider resource, or null (components, the stack and providers). */
  readonly provider: string | null;
  /** Inputs as sent to the engine, secrets masked. */
  readonly inputs: Record<string, unknown>;
  readonly options: PlannedOptions;
}

/** An invoke (data source look-up) the program made. */
export interface PlannedInvoke {
  readonly token: string;
  /** The invoke's arguments, secrets masked. */
  readonly inputs: Record<string, unknown>;
  /** URN of the provider the invoke went through, or null for the default provider. */
  readonly provider: string | null;
}

/** The plan of one tenant. */
export interface TenantPlan {
  readonly tenant: string;
  readonly stack: string;
  readonly resources: PlannedResource[];
  /** Stack outputs, secrets masked. */
  readonly outputs: Record<string, unknown>;
  readonly invokes: PlannedInvoke[];
  /** The ids the mocks gave custom resources, by URN (for following references in tests). */
  readonly ids: Readonly<Record<string, string>>;
  /**
   * Per URN, the resources each input property depends on (property -> URNs), as the program
   * reported them to the engine; the engine hands them to policy packs.
   */
  readonly propertyDependencies: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /**
   * Per URN, keyed digests of the known secret inputs by their dotted path (tools/plan/wire-values.ts):
   * comparable between plans of one run only, never written out. @default none (secrets compare by their mask)
   */
  readonly secretDigests?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** What masked secrets read as in every output. */
export const SECRET_MASK = "[secret]";
