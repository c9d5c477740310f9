/** Runs the plan command line in-process, capturing what it prints and its exit code. */
import { main } from "../../tools/cli/plan";

export async function runPlanCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}
