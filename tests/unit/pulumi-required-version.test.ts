/**
 * The project's `requiredPulumiVersion`, checked the way the CLI checks it before `preview` and
 * `up` (pulumi pkg/cmd/pulumi/operations/up.go `ValidatePulumiVersionRange`, a blang/semver range):
 * the edge's adoptions need the engine that imports and then updates in one deployment (3.174.0).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { satisfies, validRange } from "semver";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const project = parse(fs.readFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), "utf8")) as { requiredPulumiVersion?: string };

describe("Pulumi.yaml requiredPulumiVersion", () => {
  it("refuses a CLI older than 3.174.0 (imports with differing inputs fail there) and accepts it and later ones", () => {
    const range = project.requiredPulumiVersion ?? "";
    expect(validRange(range)).not.toBeNull();
    expect(satisfies("3.173.0", range)).toBe(false);
    expect(satisfies("3.174.0", range)).toBe(true);
    expect(satisfies("3.270.0", range)).toBe(true);
  });
});
