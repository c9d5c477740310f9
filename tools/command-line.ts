/** What the project's command-line tools share: their output channels and argument parsing. */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
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

/**
 * A refused command line or run, reported as its message alone (no stack trace) with the exit
 * code it maps to: {@link EXIT} `usage` for a wrong command line, `refused` for input the command
 * refuses.
 */
export class CommandError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

/** Exit codes every tool uses, as its usage text lists them. */
export const EXIT = { ok: 0, refused: 1, usage: 2, internal: 70 } as const;

/** The exit codes for usage texts. */
export const EXIT_CODES_HELP = `exit codes: ${EXIT.ok} done; ${EXIT.refused} a tenant file, plan or policy refused (the messages say what);
  ${EXIT.usage} wrong command line (options, paths); ${EXIT.internal} internal error (details written to a file)`;

/**
 * Runs a tool's `main` as the process, setting the exit code. An error that escapes `main` (or is
 * thrown in a callback or an unawaited promise while it runs) is a bug, not bad input: it prints
 * one line saying what failed and where the details (the stack trace) were written, and exits
 * {@link EXIT.internal}.
 */
export function runCommand(name: string, main: (argv: readonly string[], io: Io) => number | Promise<number>): void {
  const io: Io = { out: (t) => console.log(t), err: (t) => console.error(t) };
  let reported = false;
  const fail = (error: unknown) => {
    if (reported) return;
    reported = true;
    process.exitCode = reportInternalError(name, error, io);
  };
  // An error thrown in a callback or a promise nobody awaits (the Pulumi runtime resolves
  // resource inputs in callbacks of its own) escapes `main`: Node would print its stack trace and
  // exit 1. It is an internal error like any other, and the process ends with its exit code.
  const escaped = (error: unknown) => {
    fail(error);
    process.exit(EXIT.internal);
  };
  process.on("uncaughtException", escaped);
  process.on("unhandledRejection", escaped);
  try {
    Promise.resolve(main(process.argv.slice(2), io)).then((code) => { process.exitCode = code; }, fail);
  } catch (error) {
    fail(error);
  }
}

/** Writes the details of an internal error to a file and says so in one line; returns the exit code. */
export function reportInternalError(name: string, error: unknown, io: Io, folder = tmpdir()): number {
  const summary = (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 300);
  const details = error instanceof Error ? (error.stack ?? error.message) : String(error);
  let where: string;
  try {
    const file = path.join(folder, `tenant-platform-${name}-${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}.log`);
    writeFileSync(file, `${details}\n`);
    where = `details in ${file}`;
  } catch {
    where = "the details could not be written to a file";
  }
  io.err(`${name}: internal error: ${summary}; ${where} (please report it)`);
  return EXIT.internal;
}
