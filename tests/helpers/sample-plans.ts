/**
 * One offline plan per sample tenant per test process, for tests that only read it: planning a
 * tenant again gives the same graph (tests/plan/plan-output.test.ts checks that), so a second
 * plan only costs time. The plan is frozen: a test that changes it fails instead of changing what
 * the next test reads.
 */
import { planTenant } from "../../tools/plan/run-plan";
import type { TenantPlan } from "../../policies/plan-types";

const plans = new Map<string, Promise<TenantPlan>>();

/** The plan of `samples/<id>.yaml`, planned on the first call in this process. */
export function samplePlan(id: string): Promise<TenantPlan> {
  let plan = plans.get(id);
  if (!plan) {
    plan = planTenant(id, "samples").then(deepFreeze);
    plans.set(id, plan);
  }
  return plan;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
