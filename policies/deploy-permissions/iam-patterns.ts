/**
 * IAM's wildcard patterns in a policy's Action and Resource elements, matched as IAM matches them:
 * the deploy-policy check (policy-coverage.ts) and the data-read screen (policy-documents.ts).
 */
/**
 * The expression matching any of a list of IAM patterns, made once per list (once per check that
 * reads the committed policies): a plan checks every action it needs against every statement,
 * and making the expressions again each time was most of the check's time. The lists are the
 * statements' own, read from the committed policies and never changed afterwards (`readonly`):
 * a list changed after its first use would be matched as it was then.
 */
const globExpressions = { action: new WeakMap<readonly string[], RegExp>(), arn: new WeakMap<readonly string[], RegExp>() };

/**
 * IAM's wildcard matching (IAM User Guide, reference_policies_elements_action.html and
 * reference_policies_elements_resource.html, "Using wildcards in resource ARNs"). Action names:
 * `*` any run of characters, `?` exactly one, without regard to case ("iam:ListAccessKeys is
 * the same as IAM:listaccesskeys"). ARNs: with regard to case, wildcards "within the individual
 * segments of an ARN (the parts separated by colons)": `?` one character of the segment, `*` any
 * run within it, and "if the * wildcard is the last character of a resource ARN segment, it can
 * expand to match beyond the colon boundaries". Any other character literally. True when `value`
 * matches one of `patterns`.
 */
export function globMatchesAny(patterns: readonly string[], value: string, kind: "action" | "arn"): boolean {
  if (patterns.length === 0) return false;
  const made = globExpressions[kind];
  let expression = made.get(patterns);
  if (expression === undefined) {
    const sources = patterns.map((pattern) => (kind === "action" ? actionPatternSource(pattern) : arnPatternSource(pattern)));
    expression = new RegExp(`^(?:${sources.join("|")})$`, kind === "action" ? "i" : "");
    made.set(patterns, expression);
  }
  return expression.test(value);
}

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function actionPatternSource(pattern: string): string {
  return [...pattern].map((character) => (character === "*" ? ".*" : character === "?" ? "." : literal(character))).join("");
}

function arnPatternSource(pattern: string): string {
  return [...pattern].map((character, i) => {
    if (character === "?") return "[^:]";
    if (character !== "*") return literal(character);
    const lastOfSegment = i === pattern.length - 1 || pattern[i + 1] === ":";
    return lastOfSegment ? ".*" : "[^:]*";
  }).join("");
}

/** The expression of one IAM action pattern (`*`, `?`, any case), for matching it against many actions. */
export function actionPatternExpression(pattern: string): RegExp {
  return new RegExp(`^${actionPatternSource(pattern)}$`, "i");
}
