/**
 * The Node.js versions the project states (package.json `engines.node` and README.md) are ones
 * every installed package accepts: each range is within every `engines.node` of package-lock.json
 * (@pulumi/pulumi 3.270.0 asks for >=22, @eslint/* for ^20.19.0 || ^22.13.0 || >=24, …), so
 * `npm ci` on a stated version prints no engine warning.
 */
import { readFileSync } from "node:fs";
import { minVersion, satisfies, subset, validRange } from "semver";
import { describe, expect, it } from "vitest";

interface LockPackage { readonly engines?: { readonly node?: string } | readonly string[] }

const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockPackage> };
const stated = (JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } }).engines.node;

/** Every package's `engines.node` range in the lock, with the package it comes from. */
function lockedRanges(): [string, string][] {
  return Object.entries(lock.packages)
    .filter(([name]) => name !== "")
    .flatMap(([name, entry]) => (entry.engines && !Array.isArray(entry.engines) && typeof (entry.engines as { node?: string }).node === "string"
      ? [[name, (entry.engines as { node: string }).node] as [string, string]]
      : []));
}

describe("the Node.js version", () => {
  const ranges = lockedRanges();

  it("finds the ranges to check", () => {
    expect(ranges.length).toBeGreaterThan(50);
    expect(ranges).toContainEqual(["node_modules/@pulumi/pulumi", ">=22"]);
  });

  it("package.json states a range every package of the lock accepts", () => {
    expect(validRange(stated)).not.toBeNull();
    const refusing = ranges.filter(([, range]) => !subset(stated, range)).map(([name, range]) => `${name}: ${range}`);
    expect(refusing).toEqual([]);
  });

  it("README.md states the same minimum, and every package accepts it", () => {
    const readme = readFileSync("README.md", "utf8");
    const minimum = minVersion(stated)!.version;
    const [major, minor] = minimum.split(".");
    const mentions = [...readme.matchAll(/Node\.js (\d+)\.(\d+)/g)].map((m) => `${m[1]}.${m[2]}`);
    expect(mentions.length).toBeGreaterThanOrEqual(2);
    expect(new Set(mentions)).toEqual(new Set([`${major}.${minor}`]));
    expect(ranges.filter(([, range]) => !satisfies(minimum, range)).map(([name, range]) => `${name}: ${range}`)).toEqual([]);
  });
});
