/** The bootstrap's `githubRepository` setting is `owner/name` as GitHub spells it, or refused. */
import { describe, expect, it } from "vitest";
import { githubRepositoryProblem } from "../../tools/bootstrap/github-repository";

describe("githubRepositoryProblem", () => {
  it("takes owner/name", () => {
    for (const value of ["acme/tenant-platform", "a/b", "Acme-Corp/site.v2_x", "x1/.github"]) expect(githubRepositoryProblem(value), value).toBeUndefined();
  });

  it("refuses what no GitHub repository is called, saying what is allowed", () => {
    expect(githubRepositoryProblem("tenant-platform")).toBe('githubRepository "tenant-platform": must be owner/name, for example acme/tenant-platform');
    expect(githubRepositoryProblem("https://github.com/acme/tenant-platform")).toContain("must be owner/name");
    expect(githubRepositoryProblem("acme/tenant-platform/")).toContain("must be owner/name");
    expect(githubRepositoryProblem("-acme/site")).toContain("the owner must be 1 to 39 letters");
    expect(githubRepositoryProblem("ac_me/site")).toContain("the owner must be");
    expect(githubRepositoryProblem(`${"a".repeat(40)}/site`)).toContain("the owner must be");
    expect(githubRepositoryProblem("acme/my site")).toContain("the name must be 1 to 100 letters");
    expect(githubRepositoryProblem("acme/..")).toContain("the name must be");
    expect(githubRepositoryProblem("acme/")).toContain("the name must be");
  });
});
