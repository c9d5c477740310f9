/**
 * The components fall back on no default: an arg the tenant schema fills is required, and the
 * type check refuses args without it. A caller the type check does not reach (plain JavaScript,
 * a cast) would otherwise get the provider's default instead of the platform's, e.g. no deletion
 * protection or no automated backups; {@link requireDefaultedArgs} refuses such args by name.
 */

/** An object literal, not an array or a class instance such as a `pulumi.Output` (which is not looked into). */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

/**
 * The paths (`scaling.cpuTarget`) of the settings `defaults` has that `args` leaves out. A nested
 * group of settings is checked field by field where `args` gives it; left out, it is missing
 * itself, unless its path is `optional` (a feature turned off by leaving it out, such as `workers`).
 * A group the args set to something else (`hsts: false`) is not looked into.
 */
export function missingDefaultedArgs(args: object, defaults: object, optional: readonly string[] = [], prefix = ""): string[] {
  const given = args as Record<string, unknown>;
  return Object.entries(defaults).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    const arg = given[key];
    // `null` is an unset input to the SDK too: the provider's default would apply.
    if (arg === undefined || arg === null) return optional.includes(path) ? [] : [path];
    return isPlainObject(value) && isPlainObject(arg) ? missingDefaultedArgs(arg, value, optional, `${path}.`) : [];
  });
}

/** Throws naming the settings of `defaults` (the constant `constantName`) that `args` leaves out. */
export function requireDefaultedArgs(name: string, args: object, defaults: object, constantName: string, optional: readonly string[] = []): void {
  const missing = missingDefaultedArgs(args, defaults, optional);
  if (missing.length > 0) {
    throw new TypeError(`${name}: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} required (the component has no fallback); spread ${constantName} for the defaults`);
  }
}
