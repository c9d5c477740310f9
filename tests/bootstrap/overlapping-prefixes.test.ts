/**
 * Tenant role patterns overlap where one tenant id and `-` start another's: the generator lists
 * those pairs in the committed policies and prints them, so the claim "a tenant's pattern" is
 * never read as "only that tenant's roles".
 */
import { describe, expect, it } from "vitest";
import { readCommittedPolicies } from "../../policies/deploy-permissions/committed-policies";
import { overlapNote, overlappingPrefixes } from "../../policies/deploy-permissions/overlapping-prefixes";

describe("overlapping role patterns", () => {
  it("pair a prefix with every longer prefix it starts, and nothing else", () => {
    expect(overlappingPrefixes(["roadiz-", "example-ha-", "example-", "lionsbase-", "lionsbase-south-", "examples-", "example-ha-eu-"])).toEqual([
      { prefix: "example-", alsoMatches: "example-ha-" },
      { prefix: "example-", alsoMatches: "example-ha-eu-" },
      { prefix: "example-ha-", alsoMatches: "example-ha-eu-" },
      { prefix: "lionsbase-", alsoMatches: "lionsbase-south-" },
    ]);
    expect(overlappingPrefixes(["example-", "examples-", "roadiz-"])).toEqual([]);
    expect(overlapNote(["example-", "examples-"])).toBeUndefined();
  });

  it("are listed for the committed fleet and printed as a note", () => {
    const committed = readCommittedPolicies();
    expect(committed.overlappingRolePatterns).toEqual(overlappingPrefixes(committed.facts.iamNamePrefixes));
    expect(committed.overlappingRolePatterns).toContainEqual({ prefix: "example-", alsoMatches: "example-ha-" });
    expect(overlapNote(committed.facts.iamNamePrefixes)).toContain("role/example-* also matches role/example-ha-*");
  });
});
