/**
 * Mermaid flowchart text: quoting a label and breaking it into lines.
 *
 * Mermaid reads a quoted label as HTML-ish text: `"` ends it, and `<`/`>` would open tags, so
 * those are written as entity codes (`#quot;`, `#lt;`, `#gt;`: Mermaid flowchart syntax,
 * "Entity codes to escape characters"); a line break is `<br/>`, written after the parts have been
 * escaped so that it stays a break (https://mermaid.js.org/syntax/flowchart.html, "Markdown
 * Strings" and "Entity codes").
 */

/** One label part escaped for a quoted Mermaid label. */
export function escapeLabel(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;").replace(/[\r\n]+/g, " ");
}

/** A quoted label of several lines: each line escaped, joined by real line breaks. */
export function label(...lines: readonly string[]): string {
  return `"${lines.filter((line) => line !== "").map(escapeLabel).join("<br/>")}"`;
}
