/**
 * Where the tenants' IAM name patterns overlap. The generated policies name each tenant's roles
 * and instance profiles by a prefix pattern (`role/<tenant>-*`), and IAM's `*` matches any
 * characters, `-` included (IAM User Guide, reference_policies_elements_resource.html, "Including
 * wildcards (* and ?) in resource ARNs"): where one tenant id followed by `-` starts another's
 * (`example-` and `example-ha-`), the first tenant's pattern also matches the second tenant's
 * roles. Renaming the roles would replace them (a role's `name` is ForceNew, terraform-provider-aws
 * internal/service/iam/role.go), so the overlap is reported, not removed.
 */

/** One overlap: `pattern` of one tenant also matches the names of `alsoMatches`, another tenant's. */
export interface PrefixOverlap {
  /** The shorter name prefix (`example-`). */
  readonly prefix: string;
  /** The longer one it covers (`example-ha-`). */
  readonly alsoMatches: string;
}

/** Every pair of distinct prefixes where the first starts the second, sorted. */
export function overlappingPrefixes(prefixes: readonly string[]): PrefixOverlap[] {
  const unique = [...new Set(prefixes)].sort();
  return unique.flatMap((prefix) => unique.filter((other) => other !== prefix && other.startsWith(prefix)).map((alsoMatches) => ({ prefix, alsoMatches })));
}

/** The overlaps as a note for the person regenerating the policies; undefined when there are none. */
export function overlapNote(prefixes: readonly string[]): string | undefined {
  const overlaps = overlappingPrefixes(prefixes);
  if (overlaps.length === 0) return undefined;
  return `note: these tenants' role patterns also match another tenant's roles (the deploy policy and the boundary treat them as one): ${
    overlaps.map(({ prefix, alsoMatches }) => `role/${prefix}* also matches role/${alsoMatches}*`).join("; ")}`;
}
