/**
 * The fleet comment's last resort when even its shortest level is over budget: the text cut at a
 * line, never inside a code block (an open fence is closed), with a closing line saying so and how
 * many of the stateful, replaced or deleted steps (the list under `mustShowHeading`) did not fit.
 */

/** The closing line of a cut comment. */
export function cutNotice(droppedMustShow: number): string {
  const dropped = droppedMustShow > 0 ? ` ${droppedMustShow} stateful, replaced or deleted step(s) of the list above are not shown;` : "";
  return `_Cut here to fit the comment's budget:${dropped} the full report has the rest._`;
}

/**
 * `text` cut to at most `limit` characters at a line boundary, a code block left open closed, and
 * {@link cutNotice} at the end. `mustShowHeading` starts the list of stateful, replaced or deleted
 * steps (its items are the `- ` lines up to the next blank line after them).
 */
export function cutMarkdown(text: string, limit: number, mustShowHeading: string): string {
  const lines = text.split("\n");
  const heading = lines.findIndex((l) => l.startsWith(mustShowHeading));
  const items: number[] = [];
  if (heading >= 0) {
    for (let i = heading + 2; i < lines.length && lines[i]!.startsWith("- "); i++) items.push(i);
  }
  // Fence state after each line, and the length of the first k lines.
  const openAfter: boolean[] = [];
  const lengthOf: number[] = [0];
  let open = false;
  lines.forEach((line, i) => {
    if (line.startsWith("```")) open = !open;
    openAfter.push(open);
    lengthOf.push(lengthOf[i]! + line.length + 1);
  });
  for (let keep = lines.length; keep >= 0; keep--) {
    const closing = keep > 0 && openAfter[keep - 1] ? "```\n" : "";
    const tail = `${closing}\n${cutNotice(items.filter((i) => i >= keep).length)}\n`;
    if (lengthOf[keep]! + tail.length <= limit) return lines.slice(0, keep).join("\n") + (keep > 0 ? "\n" : "") + tail;
  }
  return cutNotice(items.length).slice(0, limit);
}
