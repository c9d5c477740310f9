/** A refusal of the fleet command to report without a stack trace, with its exit code. */
export class FleetCliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}
