/** Instance families and their sizes, shared by the RDS and ElastiCache class tables. */

/** `prefix` + family + `.` + size for every size of every family. */
export function classesOf(prefix: string, families: Readonly<Record<string, readonly string[]>>): Set<string> {
  return new Set(Object.entries(families).flatMap(([family, sizes]) => sizes.map((size) => `${prefix}${family}.${size}`)));
}

/** The sizes of an instance class's family in a table, or undefined for an unknown family (`db.t4g.x` → t4g sizes). */
export function familySizes(type: string, classes: ReadonlySet<string>): string[] | undefined {
  const dot = type.lastIndexOf(".");
  if (dot < 0) return undefined;
  const family = type.slice(0, dot + 1);
  const sizes = [...classes].filter((known) => known.startsWith(family)).map((known) => known.slice(family.length));
  return sizes.length > 0 ? sizes : undefined;
}
