/**
 * IANA time zone names, checked against the runtime's own time zone database (ICU): a name the
 * runtime cannot resolve is not a time zone. Auto Scaling scheduled actions take "the canonical
 * names of the IANA time zones, derived from the IANA Time Zone Database (such as Etc/GMT+9 or
 * Pacific/Tahiti)" (EC2 Auto Scaling API reference, PutScheduledUpdateGroupAction, TimeZone).
 * `Intl.supportedValuesOf("timeZone")` is not used: it lists ICU's canonical ids only and leaves
 * out UTC and Etc/* names the API accepts.
 */

/** Why `name` is not an IANA time zone as the API expects it, or undefined when it is one. */
export function timeZoneProblem(name: string): string | undefined {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return `"${name}" is not an IANA time zone; use a name such as Europe/Stockholm, America/New_York or UTC`;
  }
  // ICU matches names case-insensitively; the API expects the name as the database spells it.
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) {
    return `"${name}" is spelled ${resolved} in the IANA time zone database; write it so`;
  }
  return undefined;
}
