/** Cancelling a fleet run from the outside: SIGINT and SIGTERM, as a terminal or GitHub Actions sends them. */
import { setMaxListeners } from "node:events";
import type { Io } from "../command-line";

/** The exit code of a cancelled run (128 + SIGINT), as shells report an interrupted command. */
export const CANCELLED_EXIT_CODE = 130;

/** The two signals of a cancellation: stop starting tenants; ask running operations to stop. */
export interface Cancellation {
  readonly stop: AbortController;
  readonly interrupt: AbortController;
}

/**
 * Cancels the run on the first SIGINT or SIGTERM (what GitHub Actions sends a cancelled step):
 * no new tenant starts, operations in flight are asked to stop gracefully, and the report is
 * written at once. A second signal exits at once (GitHub sends SIGTERM 7.5 s after SIGINT).
 *
 * Ctrl-C in a terminal (`interactive`) sends SIGINT to the whole foreground process group, the
 * Pulumi CLI processes included: they are stopping already, and a second SIGINT would make them
 * terminate at once (pulumi/pulumi pkg/backend/cancellation_scope.go), so running operations are
 * not signalled again then.
 */
export function cancelOnSignals(
  io: Io,
  exit: (code: number) => void = (code) => process.exit(code),
  signals: Pick<NodeJS.EventEmitter, "on"> = process,
  interactive: boolean = process.stdin.isTTY === true,
): Cancellation {
  const stop = new AbortController();
  const interrupt = new AbortController();
  // Every operation listens to the signal: no warning about "too many listeners".
  setMaxListeners(0, stop.signal, interrupt.signal);
  const onSignal = (name: NodeJS.Signals): void => {
    if (stop.signal.aborted) {
      io.err(`${name} again: exiting now, which also terminates the running CLIs; their stacks may be left locked (pulumi cancel --stack <tenant>)`);
      exit(CANCELLED_EXIT_CODE);
      return;
    }
    const fromTerminal = interactive && name === "SIGINT";
    io.err(`${name}: cancelling - no further tenant starts; running operations ${fromTerminal ? "got the same signal and" : "are asked to"} stop gracefully (send it again to exit at once)`);
    stop.abort();
    if (!fromTerminal) interrupt.abort();
  };
  signals.on("SIGINT", () => onSignal("SIGINT"));
  signals.on("SIGTERM", () => onSignal("SIGTERM"));
  return { stop, interrupt };
}
