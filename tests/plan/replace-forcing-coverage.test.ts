/**
 * The replace-forcing table (tools/plan/replace-forcing.ts) against the sample plans: every
 * resource type they hold is either covered, with its source and the date it was read, or listed
 * as not yet covered, so that a gap is visible.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NOT_YET_COVERED, REPLACE_FORCING } from "../../tools/plan/replace-forcing";
import { planTenant } from "../../tools/plan/run-plan";
import { STATEFUL_TYPES } from "../../tools/plan/stateful-types";

const SAMPLES = readdirSync("samples").filter((f) => f.endsWith(".yaml")).map((f) => f.replace(/\.yaml$/, ""));

describe("replace-forcing inputs", () => {
  it("cover or list every provider resource type of the sample plans; stateful ones are covered except those listed", async () => {
    const types = new Set<string>();
    for (const id of SAMPLES) {
      for (const r of (await planTenant(id, "samples")).resources) if (r.custom && !r.type.startsWith("pulumi:providers:")) types.add(r.type);
    }
    const unknown = [...types].filter((t) => !REPLACE_FORCING[t] && !NOT_YET_COVERED.includes(t)).sort();
    expect(unknown).toEqual([]);
    // Stateful types still to read, visible here.
    expect([...types].filter((t) => STATEFUL_TYPES.has(t) && !REPLACE_FORCING[t]).sort()).toEqual(["aws:sqs/queue:Queue"]);
  }, 300_000);

  it("name a source and the date read for each type, and a type is never both covered and listed", () => {
    for (const [type, entry] of Object.entries(REPLACE_FORCING)) {
      expect(entry.source, type).toMatch(/^(hashicorp\/terraform-provider-(aws|tls|random)|cloudflare\/terraform-provider-cloudflare) \S+ /);
      expect(entry.read, type).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.properties.length, type).toBeGreaterThan(0);
      expect(NOT_YET_COVERED, type).not.toContain(type);
    }
  });
});
