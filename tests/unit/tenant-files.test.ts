import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { JSON_SCHEMA_FILES, tenantJsonSchema } from "../../tenant-schema/json-schema";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { fleetIssues, listTenantFiles, loadFleet, scanTenantFolder } from "../../tenant-schema/tenant-files";
import { removeTempFolders, sharingZone, tempFolder, tenantYaml, writeTenant } from "../helpers/temp-tenants";

afterEach(removeTempFolders);

describe("tenants/ and samples/", () => {
  it.each(JSON_SCHEMA_FILES)("%s matches the zod schema (run `npm run schema` after changing it)", (file) => {
    expect(readFileSync(file, "utf8")).toBe(tenantJsonSchema());
  });

  it("the fleet starts empty: tenants/ holds only the editor schema, so no sample is ever deployed", () => {
    const scan = scanTenantFolder("tenants");
    expect(scan).toEqual({ files: [], issues: [] });
  });

  it("samples/ holds only valid tenant files, each starting with the editor schema comment", () => {
    const files = listTenantFiles("samples");
    expect(files.length).toBeGreaterThan(0);
    const fleet = loadFleet(files);
    expect(formatIssues(fleet.issues)).toBe("");
    for (const file of files) {
      expect(readFileSync(file, "utf8").split("\n")[0], file).toBe("# yaml-language-server: $schema=./schema.json");
    }
  });

  it("rejects unknown keys in the JSON Schema too, so editors flag them", () => {
    const schema = JSON.parse(tenantJsonSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.network.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["aws", "network", "edge"]);
  });
});

describe("fleet checks", () => {
  it("refuses a hostname claimed by two tenants, naming both places", () => {
    const dir = tempFolder();
    writeTenant(dir, "alpha", tenantYaml({}, "shared.example"));
    writeTenant(dir, "beta", sharingZone(tenantYaml({ cidr: "10.30.0.0/16" }, "shared.example")).replace('["@", www]', "[shop, www]"));
    const fleet = loadFleet(listTenantFiles(dir));
    expect(formatIssues(fleet.issues).replaceAll(`${dir}/`, "")).toBe(
      "beta.yaml:7:21: edge.hostnames[1]: www.shared.example is already claimed by tenant alpha (alpha.yaml:7:20); a hostname belongs to one tenant",
    );
  });

  it("refuses a zone created by two tenants, or managed by two", () => {
    const dir = tempFolder();
    writeTenant(dir, "alpha", tenantYaml({}, "shared.example"));
    writeTenant(dir, "beta", tenantYaml({}, "shared.example").replace('["@", www]', "[shop]"));
    writeTenant(dir, "gamma", sharingZone(tenantYaml({}, "shared.example")).replace('["@", www]', "[blog]").replace("manageZone: false", "manageZone: true"));
    const fleet = loadFleet(listTenantFiles(dir));
    expect(formatIssues(fleet.issues).replaceAll(`${dir}/`, "").split("\n")).toEqual([
      `beta.yaml:6:9: edge.zone: shared.example is created by tenant alpha (alpha.yaml) too; one tenant creates a zone, the others name it with zoneId`,
      `gamma.yaml:6:9: edge.zone: shared.example is managed by tenant alpha (alpha.yaml) too; set manageZone: false in all but one`,
      `gamma.yaml:6:9: edge.zone: shared.example is managed by tenant beta (beta.yaml) too; set manageZone: false in all but one`,
    ]);
  });

  it("lets tenants share a zone with different hostnames", () => {
    const dir = tempFolder();
    writeTenant(dir, "alpha", tenantYaml({}, "shared.example"));
    writeTenant(dir, "beta", sharingZone(tenantYaml({}, "shared.example")).replace('["@", www]', "[shop]"));
    const fleet = loadFleet(listTenantFiles(dir));
    expect(fleet.issues).toEqual([]);
    expect(fleetIssues(fleet.tenants)).toEqual([]);
  });
});
