/** A problem found in a tenant file, with everything a reader needs to fix it. */
export interface SpecIssue {
  /** Path of the file as given (relative paths stay relative, for readable messages). */
  readonly file: string;
  /** 1-based line and column of the offending node, or of the nearest enclosing one. */
  readonly line: number;
  readonly column: number;
  /** Dotted key path such as `network.zones[1]`, or `""` for the file as a whole. */
  readonly path: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/** `file:line:col: path: message`, the form editors and CI logs link to. */
export function formatIssue(issue: SpecIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** Formats a list of issues, one a line, in file and position order. */
export function formatIssues(issues: readonly SpecIssue[]): string {
  return [...issues]
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)
    .map(formatIssue)
    .join("\n");
}

/** Renders a key path: `["network", "zones", 1]` → `network.zones[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join("");
}

/** Thrown where a caller needs an exception; carries the issues for formatting. */
export class TenantSpecError extends Error {
  override readonly name = "TenantSpecError";
  constructor(readonly issues: readonly SpecIssue[]) {
    super(formatIssues(issues));
  }
}
