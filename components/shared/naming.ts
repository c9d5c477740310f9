/** Helpers every component uses to name children and tag them consistently. */

/** Tags merged onto a child: the caller's tags plus a readable `Name`. */
export function nameTags(name: string, tags: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return { ...tags, Name: name };
}

/** The region of an availability zone name (`eu-central-1a` → `eu-central-1`). */
export function regionOfZone(zone: string): string {
  return zone.slice(0, -1);
}
