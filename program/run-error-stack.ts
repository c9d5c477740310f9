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
 * CPU and gigabytes of memory (or the host's end, out of memory, on a small runner) before the host
 * reports the error. Every error the program throws on purpose (a missing or invalid tenant file, a
 * zone that is not ready) is a `RunError`, awaited through the stack's initialisation, so it
 * carries such a frame. Other errors keep their stack, which the host shows, and still take the
 * slow path on such a Node.js: a defect in a component, an exception inside an `apply`, an error
 * of the SDK. The offline plan (`npm run plan`) finds those first, without the host.
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * Runs `program`; a `RunError` it throws is thrown again with a stack of its first line only
 * (`Error: <message>`), which the host never shows and formats at once.
 */
export async function withShortRunErrorStacks<T>(program: () => T | Promise<T>): Promise<T> {
  try {
    return await program();
  } catch (error) {
    if (pulumi.RunError.isInstance(error)) error.stack = `${error.name}: ${error.message}`;
    throw error;
  }
}
