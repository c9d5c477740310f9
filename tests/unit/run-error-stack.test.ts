/**
 * The program's refusals reach the language host with a one-line stack: the host formats each
 * uncaught error with a coloured `util.inspect`, which on Node.js releases with nodejs/node#64011
 * loops for about a minute on the SDK's `node_modules/@pulumi/<file>.ts` frames
 * (program/run-error-stack.ts).
 */
import * as util from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it, vi } from "vitest";
import entry from "../../program/index";
import { withShortRunErrorStacks } from "../../program/run-error-stack";
import { planProgram, STACK_TRACES_ENV } from "../../tools/plan/run-plan";

afterEach(() => vi.unstubAllEnvs());

/** What `program` rejects with. */
async function rejectionOf(program: Promise<unknown>): Promise<Error> {
  const error = await program.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe("the program's refusals as the language host formats them", () => {
  it("reach the host as RunErrors whose stack is their first line, so the coloured inspect of them holds no frame", async () => {
    // The plan drops stack traces unless asked; the language host keeps them.
    vi.stubEnv(STACK_TRACES_ENV, "1");
    const error = await rejectionOf(planProgram("nope", entry));
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/^stack "nope" has no tenant file tenants\/nope\.yaml/);
    expect(error.stack).toBe(`Error: ${error.message}`);
    const formatted = util.inspect(error, { colors: true });
    expect(formatted).toContain("has no tenant file");
    expect(formatted).not.toMatch(/node_modules/);
  });

  it("keep the stack of any other error (a defect shows where it happened) and pass a result through", async () => {
    const defect = new TypeError("not a RunError");
    const stack = defect.stack;
    const rethrown = await rejectionOf(withShortRunErrorStacks(() => Promise.reject(defect)));
    expect(rethrown).toBe(defect);
    expect(rethrown.stack).toBe(stack);
    expect(rethrown.stack).toMatch(/\n\s+at /);
    await expect(withShortRunErrorStacks(() => Promise.resolve({ ok: 1 }))).resolves.toEqual({ ok: 1 });
  });

  it("keep a RunError's message and identity", async () => {
    const refusal = new pulumi.RunError("tenants/shop.yaml:3:5 edge.plan: says pro");
    const rethrown = await rejectionOf(withShortRunErrorStacks(() => Promise.reject(refusal)));
    expect(rethrown).toBe(refusal);
    expect(rethrown.message).toBe("tenants/shop.yaml:3:5 edge.plan: says pro");
    expect(rethrown.stack).toBe("Error: tenants/shop.yaml:3:5 edge.plan: says pro");
  });
});
