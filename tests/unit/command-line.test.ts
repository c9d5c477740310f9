/** The command-line helper every tool uses: values, --help, and wrong options. */
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../tools/command-line";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe("parseCommandLine", () => {
  const options = { dir: { type: "string" }, quiet: { type: "boolean" } } as const;

  it("returns the values and positionals", () => {
    const { io } = capture();
    const parsed = parseCommandLine(["acme", "--dir", "t", "--quiet"], options, "usage: x", io);
    expect(parsed).toMatchObject({ values: { dir: "t", quiet: true }, positionals: ["acme"] });
  });

  it("prints the usage for --help and -h, and asks for exit 0", () => {
    for (const flag of ["--help", "-h"]) {
      const { out, err, io } = capture();
      expect(parseCommandLine(["acme", flag], options, "usage: x", io)).toEqual({ exit: 0 });
      expect({ out, err }).toEqual({ out: ["usage: x"], err: [] });
    }
  });

  it("writes a wrong option with the usage to stderr, and asks for exit 2", () => {
    const { out, err, io } = capture();
    expect(parseCommandLine(["--nope"], options, "usage: x", io)).toEqual({ exit: 2 });
    expect(out).toEqual([]);
    expect(err[0]).toMatch(/--nope[\s\S]*\nusage: x$/);
  });
});
