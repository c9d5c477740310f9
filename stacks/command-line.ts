/** What the project's command-line tools share: their output channels and argument parsing. */
import { parseArgs } from "node:util";

/** Where a tool writes: standard output and standard error (captured in tests). */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>["options"] & object;

/**
 * Parses a command line with positionals allowed; every tool also takes `--help`/`-h`. The result
 * is the parsed values, or the exit code the tool should end with at once: 0 after printing the
 * usage for `--help`, 2 after writing a wrong option and the usage to `io.err`.
 */
export function parseCommandLine<const O extends Options>(argv: readonly string[], options: O, usage: string, io: Io) {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(usage);
    return { exit: 0 } as const;
  }
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, options });
  } catch (error) {
    io.err(`${(error as Error).message}\n${usage}`);
    return { exit: 2 } as const;
  }
}
