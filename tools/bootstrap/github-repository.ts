/**
 * The `githubRepository` setting: `owner/name` as GitHub spells it. The roles' trust compares the
 * token's `sub` claim exactly (`StringEquals`), so a mistyped value yields roles nobody can assume;
 * it is refused here instead. Only the shape is checked, loosely enough for every real name: an
 * account name of 1 to 39 letters, digits and hyphens, not starting with a hyphen (GitHub's
 * sign-up form is stricter, older accounts may not be), and a repository name of 1 to 100 letters,
 * digits, `.`, `-` and `_`, not `.` or `..` (GitHub's new-repository form).
 */

const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** The problem with `value` as `owner/name`, or undefined when it is one. */
export function githubRepositoryProblem(value: string): string | undefined {
  const parts = value.split("/");
  const [owner = "", name = ""] = parts;
  if (parts.length !== 2) return `githubRepository ${JSON.stringify(value)}: must be owner/name, for example acme/tenant-platform`;
  if (!OWNER.test(owner)) return `githubRepository ${JSON.stringify(value)}: the owner must be 1 to 39 letters, digits or hyphens, not starting with a hyphen`;
  if (!NAME.test(name) || name === "." || name === "..") return `githubRepository ${JSON.stringify(value)}: the name must be 1 to 100 letters, digits, ".", "-" or "_"`;
  return undefined;
}
