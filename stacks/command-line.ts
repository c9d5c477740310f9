/** What the project's command-line tools share: their output channels and argument parsing. */
import { parseArgs } from "node:util";

/** Where a tool writes: standard output and standard error (captured in tests). */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>["options"] & object;

/**
 * Parses a command line with positionals allowed. A wrong option is written to `io.err` with the
 * usage, and the result is undefined: the tool exits 2.
 */
export function parseCommandLine<const O extends Options>(argv: readonly string[], options: O, usage: string, io: Io) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, options });
  } catch (error) {
    io.err(`${(error as Error).message}\n${usage}`);
    return undefined;
  }
}
