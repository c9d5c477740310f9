/** The logical name in a URN (`urn:pulumi:stack::project::type::name` → `name`). */
export function nameOfUrn(urn: string): string {
  return urn.split("::").pop() ?? urn;
}
