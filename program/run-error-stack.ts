/**
 * The language host shows a `RunError` as its message alone, but it also formats every uncaught
 * error whole for its trace: `span.addEvent(\`uncaughtError: ${defaultErrorMessage(err)}\`)`, and
 * `defaultErrorMessage` is `util.inspect(err, { colors: true })`, falling back to an uncoloured
 * inspect when that throws (pulumi/pulumi sdk/nodejs/cmd/run/run.ts `uncaughtHandler`,
 * sdk/nodejs/cmd/run/error.ts; pulumi/pulumi#21326).
 *
 * On Node.js releases with nodejs/node#64011 (fixed by nodejs/node#64022; 20.20.2 has it), the
 * coloured inspect loops on a stack frame whose path has a scoped folder under node_modules and no
 * slash after it, as the SDK's own source maps name its root files
 * (`…/node_modules/@pulumi/resource.ts:1687:22`), until the string is too long: about a minute of
 * CPU and gigabytes of memory before the host reports the error. Every error the program throws on
 * purpose (a missing or invalid tenant file, a zone that is not ready) is a `RunError`, awaited
 * through the stack's initialisation, so it carries such a frame.
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * Runs `program`; a `RunError` it throws is thrown again with a stack of its first line only
 * (`Error: <message>`), which the host never shows and formats at once.
 */
export async function withShortRunErrorStacks<T>(program: () => Promise<T>): Promise<T> {
  try {
    return await program();
  } catch (error) {
    if (pulumi.RunError.isInstance(error)) error.stack = `${error.name}: ${error.message}`;
    throw error;
  }
}
