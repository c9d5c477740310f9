/**
 * Reads the `@default` of an args interface's doc comments and compares them with a component's
 * exported defaults constant, so that the documented default and the one the component and the
 * tenant-file schema use cannot drift apart. An arg the tenant schema fills is required and names
 * its default in the constant instead (`` `WEB_TIER_DEFAULTS.logRetentionDays` ``).
 */
import { isDeepStrictEqual } from "node:util";
import * as ts from "typescript";

/** A leading literal of an `@default` text: a string, number, boolean, `[]` or a flat object literal. */
const LEADING_LITERAL = /^("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|\[\]|\{[^{}]*\})/;

/** The value of a literal expression (strings, numbers, booleans, arrays and objects of them). */
function literalValue(node: ts.Expression): unknown {
  if (ts.isParenthesizedExpression(node)) return literalValue(node.expression);
  if (ts.isStringLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) return -(literalValue(node.operand) as number);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map(literalValue);
  if (ts.isObjectLiteralExpression(node)) {
    return Object.fromEntries(node.properties.map((property) => {
      if (!ts.isPropertyAssignment(property)) throw new Error(`not a literal: ${property.getText()}`);
      return [property.name.getText().replace(/^"|"$/g, ""), literalValue(property.initializer)];
    }));
  }
  throw new Error(`not a literal: ${node.getText()}`);
}

/** The value an `@default` text starts with, or undefined when it starts with prose. */
export function documentedDefault(text: string): { value: unknown } | undefined {
  const literal = LEADING_LITERAL.exec(text.trim())?.[1];
  if (literal === undefined) return undefined;
  const file = ts.createSourceFile("default.ts", `(${literal})`, ts.ScriptTarget.Latest, true);
  const statement = file.statements[0];
  if (!statement || !ts.isExpressionStatement(statement)) return undefined;
  return { value: literalValue(statement.expression) };
}

function defaultTagText(property: ts.PropertySignature): string | undefined {
  const tag = ts.getJSDocTags(property).find((t) => t.tagName.text === "default");
  if (!tag) return undefined;
  return typeof tag.comment === "string" ? tag.comment : ts.getTextOfJSDocComment(tag.comment);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The doc comment above a property, as written. */
function docText(property: ts.PropertySignature): string {
  return ts.getJSDocCommentsAndTags(property).map((node) => node.getText()).join("\n");
}

/**
 * Where the doc comments of `interfaceName` in `source` disagree with `defaults`: for each key,
 * the property's `@default` must start with the constant's value, or the property is required and
 * its doc comment names the constant's field (`` `<constantName>.<path>` ``). A nested object whose
 * property is typed by another interface of the same source is compared field by field with that
 * interface. Returns one line per disagreement, naming the path; none when they agree.
 */
export function defaultDocProblems(source: string, interfaceName: string, defaults: Record<string, unknown>, fileName = "args.ts", constantName?: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const interfaces = new Map(file.statements.filter(ts.isInterfaceDeclaration).map((declaration) => [declaration.name.text, declaration]));
  const problems: string[] = [];
  const check = (name: string, values: Record<string, unknown>, path: string): void => {
    const declaration = interfaces.get(name);
    if (!declaration) {
      problems.push(`${fileName}: no interface ${name} (for ${path})`);
      return;
    }
    for (const [key, value] of Object.entries(values)) {
      const at = `${path}.${key}`;
      const property = declaration.members.find((member): member is ts.PropertySignature =>
        ts.isPropertySignature(member) && member.name.getText() === key);
      if (!property) {
        problems.push(`${fileName}: ${name} has no property ${key} (${at})`);
        continue;
      }
      const type = property.type;
      const nested = type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) ? type.typeName.text : undefined;
      if (isPlainObject(value) && nested && interfaces.has(nested)) {
        check(nested, value, at);
        continue;
      }
      const constantPath = constantName && `${constantName}${at.slice(interfaceName.length)}`;
      if (constantPath && docText(property).includes(`\`${constantPath}\``)) {
        if (property.questionToken) problems.push(`${fileName}: ${name}.${key} names ${constantPath} but is optional: the component has no fallback, so it must be required (${at})`);
        continue;
      }
      const text = defaultTagText(property);
      if (text === undefined) {
        problems.push(`${fileName}: ${name}.${key} has no @default; the component's default is ${JSON.stringify(value)} (${at})`);
        continue;
      }
      const documented = documentedDefault(text);
      if (!documented || !isDeepStrictEqual(documented.value, value)) {
        problems.push(`${fileName}: ${name}.${key} documents @default ${text.split("\n")[0]}, but the component's default is ${JSON.stringify(value)} (${at})`);
      }
    }
  };
  check(interfaceName, defaults, interfaceName);
  return problems;
}
