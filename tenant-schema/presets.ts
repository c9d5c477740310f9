/**
 * Size presets a tenant file can start from (`preset: medium`): sizing for the sections the file
 * has, under the file's own values. A preset never adds a section the file leaves out, except
 * `network`, which every tenant has.
 */

/** Preset names, smallest first. */
export const PRESET_NAMES = ["small", "medium", "large"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

type Tree = { [key: string]: unknown };

/** What each preset fills in, by section. */
export const PRESETS: Readonly<Record<PresetName, Tree>> = {
  small: {
    network: { zones: 2, nat: "single" },
    web: { instanceType: "t4g.small", scaling: { min: 1, max: 2 } },
    database: { instanceClass: "db.t4g.small", standby: false, readReplicas: 0, performanceInsights: false },
    cache: { nodeType: "cache.t4g.micro", replica: false },
  },
  medium: {
    network: { zones: 2, nat: "perZone" },
    web: { instanceType: "m7g.large", scaling: { min: 2, max: 6 } },
    database: { instanceClass: "db.m7g.large", standby: true, readReplicas: 0, backup: { retentionDays: 14 } },
    cache: { nodeType: "cache.m7g.large", replica: true },
  },
  large: {
    network: { zones: 3, nat: "perZone" },
    web: { instanceType: "m7g.xlarge", scaling: { min: 3, max: 12 } },
    database: { instanceClass: "db.r7g.xlarge", standby: true, readReplicas: 2, storage: { allocatedGiB: 100, maxGiB: 1000 }, backup: { retentionDays: 35 } },
    cache: { nodeType: "cache.r7g.large", replica: true },
  },
};

/** Sections a preset fills in even when the file leaves them out. */
const ALWAYS_PRESENT = new Set(["network"]);

function isTree(value: unknown): value is Tree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `base` with `over` on top: mappings merge key by key, anything else in `over` wins. */
function merge(base: unknown, over: unknown): unknown {
  if (!isTree(base) || !isTree(over)) return over === undefined ? base : over;
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = merge(base[key], value);
  return out;
}

/** A tenant file's data with its preset applied. */
export interface PresetApplied {
  readonly data: unknown;
  /** The preset used, if any. */
  readonly preset?: PresetName;
  /** True when the value at `path` comes from the preset, not from the file. */
  fromPreset(path: readonly PropertyKey[]): boolean;
  /** The preset's values under `prefix` that the file does not set, as dotted path and value. */
  filledUnder(prefix: readonly PropertyKey[]): [string, unknown][];
}

/**
 * Applies the file's `preset` (if it names a known one; an unknown name is left for validation to
 * report) under the file's own values.
 */
export function applyPreset(data: unknown): PresetApplied {
  const name = isTree(data) ? data["preset"] : undefined;
  if (!isTree(data) || typeof name !== "string" || !(PRESET_NAMES as readonly string[]).includes(name)) {
    return { data, fromPreset: () => false, filledUnder: () => [] };
  }
  const preset = PRESETS[name as PresetName];
  const merged: Tree = { ...data };
  for (const [section, values] of Object.entries(preset)) {
    if (section in data || ALWAYS_PRESENT.has(section)) merged[section] = merge(values, data[section]);
  }
  const fromPreset = (path: readonly PropertyKey[]): boolean => {
    let inFile: unknown = data;
    for (const key of path) {
      if (Array.isArray(inFile)) {
        // Presets hold no lists: an element of a list the file wrote is the file's.
        const index = Number(key);
        if (!Number.isInteger(index) || index < 0 || index >= inFile.length) return true;
        inFile = inFile[index];
        continue;
      }
      if (!isTree(inFile) || !(String(key) in inFile)) return true;
      inFile = inFile[String(key)];
    }
    return false;
  };
  const filledUnder = (prefix: readonly PropertyKey[]): [string, unknown][] => {
    let node: unknown = preset;
    for (const key of prefix) node = isTree(node) ? node[String(key)] : undefined;
    const leaves: [string, unknown][] = [];
    const walk = (value: unknown, path: string[]) => {
      if (isTree(value)) for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
      else if (fromPreset(path)) leaves.push([path.join("."), value]);
    };
    walk(node, prefix.map(String));
    return leaves;
  };
  return { data: merged, preset: name as PresetName, fromPreset, filledUnder };
}
