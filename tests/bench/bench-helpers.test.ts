/** The benchmark's helpers: statistics, the generated fleet, GNU time parsing and the report. No timings. */
import { afterEach, describe, expect, it } from "vitest";
import { fleetTenantId, generateFleet, MAX_FLEET_SIZE } from "../../tools/bench/fleet";
import { parseGnuTimeRss } from "../../tools/bench/measure";
import { overheadPercent, renderReport, type Measurement } from "../../tools/bench/report";
import { marginalCost, median, ratio } from "../../tools/bench/stats";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { loadFleet } from "../../tenant-schema/tenant-files";
import { removeTempFolders, tempFolder } from "../helpers/temp-tenants";

afterEach(removeTempFolders);

describe("statistics", () => {
  it("takes the middle value, or the mean of the middle two, of unsorted runs", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow("the median of no values is undefined");
  });

  it("divides, refusing a zero denominator", () => {
    expect(ratio(30, 2)).toBe(15);
    expect(ratio(1, 0)).toBeUndefined();
  });

  it("spreads what a fleet adds over the tenants beyond the first", () => {
    // 100 tenants in 21.8 s, one in 2 s: (21.8 − 2) / 99 = 0.2 s each
    expect(marginalCost(21.8, 2, 100)).toBeCloseTo(0.2, 12);
    expect(marginalCost(2, 2, 1)).toBeUndefined();
  });
});

describe("the generated fleet", () => {
  it("is valid as a fleet: own ids, zones and VPC blocks", () => {
    const files = generateFleet(tempFolder(), 12);
    expect(files.map((f) => f.split("/").pop())).toEqual(Array.from({ length: 12 }, (_, i) => `${fleetTenantId(i)}.yaml`));
    const fleet = loadFleet(files);
    expect(formatIssues(fleet.issues)).toBe("");
    expect(fleet.tenants).toHaveLength(12);
    expect(new Set(fleet.tenants.map((t) => t.spec.edge.zone)).size).toBe(12);
    expect(new Set(fleet.tenants.map((t) => t.spec.network.cidr)).size).toBe(12);
    expect(fleet.tenants[3]!.spec).toMatchObject({ id: "fleet-003", network: { cidr: "10.3.0.0/16" }, edge: { zone: "fleet-003.example" } });
    expect(fleet.tenants[3]!.spec.web?.instanceType).toBe("t4g.small"); // the rest is the template's
  });

  it("refuses a size it cannot address", () => {
    expect(() => generateFleet(tempFolder(), 0)).toThrow(`a fleet has 1 to ${MAX_FLEET_SIZE} tenants`);
    expect(() => generateFleet(tempFolder(), MAX_FLEET_SIZE + 1)).toThrow(RangeError);
  });
});

describe("measuring", () => {
  it("reads the peak RSS GNU time reports, in MB", () => {
    expect(parseGnuTimeRss("\tUser time (seconds): 1.0\n\tMaximum resident set size (kbytes): 262144\n")).toBe(256);
    expect(parseGnuTimeRss("no such line")).toBeUndefined();
  });

  it("reports medians, peaks and the ratios computed from them", () => {
    const step = (name: string, seconds: number[], peakRssMb?: number): Measurement => ({ name, seconds, peakRssMb });
    const text = renderReport({
      machine: { date: "2026-01-01", cpus: 2, cpuModel: "Test CPU", memoryGb: 8, node: "v20.0.0" },
      fleetSize: 11,
      one: step("one", [2, 3, 2.5], 250),
      fleet: step("fleet", [8, 7.5, 9], 300),
      separate: step("separate", [27.5]),
      validation: step("validation", [0.11]),
    });
    expect(text).toContain("2 CPUs (Test CPU), 8 GB memory, Node v20.0.0");
    expect(text).toContain("| one | 2.50 s | 3 | 250 MB |  |");
    expect(text).toContain("| separate | 27.50 s | 1 | n/a |  |");
    expect(text).toContain("fleet in one process ÷ one tenant: 3.2× (for 11 tenants)"); // 8 / 2.5
    expect(text).toContain("per-tenant marginal cost in one process: 0.550 s"); // (8 − 2.5) / 10
    expect(text).toContain("11 separate processes ÷ one process: 3.4×; 2.500 s per tenant"); // 27.5 / 8; 27.5 / 11
    expect(text).toContain("validation per tenant file: 0.0100 s"); // 0.11 / 11
  });

  it("reports what the faithfulness checks add, from the totals over the rounds, against the 10 % target", () => {
    expect(overheadPercent([11, 10.5], [10, 10])).toBeCloseTo(7.5, 12); // 21.5 / 20 − 1
    expect(overheadPercent([1], [0])).toBeUndefined();
    const step = (name: string, seconds: number[]): Measurement => ({ name, seconds, peakRssMb: undefined });
    const results = (checkedCpu: number[]) => ({
      machine: { date: "2026-01-01", cpus: 2, cpuModel: "Test CPU", memoryGb: 8, node: "v20.0.0" },
      fleetSize: 2, one: step("one", [1]), fleet: step("fleet", [1.5]), validation: step("validation", [0.1]),
      faithfulness: { tenants: 8, checkedCpu, uncheckedCpu: [3, 3.2, 2.8], checkedWall: [4, 4, 4], uncheckedWall: [4, 4, 4] },
    });
    const within = renderReport(results([3.2, 3.3, 3.1]));
    expect(within).toContain("8 sample tenants planned with the pack, 3 rounds");
    expect(within).toContain("| CPU time per round (median) | 3.20 s | 3.00 s | +6.7 % |"); // 3.2 / 3.0 − 1
    expect(within).toContain("| wall time per round (median) | 4.00 s | 4.00 s | +0.0 % |");
    expect(within).toContain("- overhead (CPU time, all rounds): +6.7 %; target <= 10 %: within"); // 9.6 / 9 − 1
    // Medians alike, totals apart: the table shows the medians' ratio, the verdict the totals'.
    const skewed = renderReport({ ...results([3.0, 3.0, 6.0]), faithfulness: { ...results([]).faithfulness, checkedCpu: [3.0, 3.0, 6.0], uncheckedCpu: [3, 3, 3] } });
    expect(skewed).toContain("| CPU time per round (median) | 3.00 s | 3.00 s | +0.0 % |");
    expect(skewed).toContain("- overhead (CPU time, all rounds): +33.3 %; target <= 10 %: ABOVE");
    expect(renderReport(results([3.5, 3.5, 3.5]))).toContain("- overhead (CPU time, all rounds): +16.7 %; target <= 10 %: ABOVE");
  });
});
