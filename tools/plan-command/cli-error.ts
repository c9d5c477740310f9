/** A failure of the plan command to report without a stack trace, with the exit code it maps to. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}
