/** The JSON Schema shows a left-out section's filled value as its default, and only a value that is valid input. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { showFilledPrefault } from "../../tenant-schema/json-schema";

const toJsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { target: "draft-07", io: "input", unrepresentable: "any", override: showFilledPrefault });

describe("a prefaulted section in the JSON Schema", () => {
  it("shows the filled section as its default", () => {
    const schema = z.object({ backup: z.object({ hour: z.number().default(3), days: z.number().default(7) }).prefault({}) });
    const document = toJsonSchema(schema) as unknown as { properties: { backup: { default: unknown } } };
    expect(document.properties.backup.default).toEqual({ hour: 3, days: 7 });
  });

  it("is refused when the section transforms, whose filled value is an output that may not be valid input", () => {
    // The filled value is the string "02:00-03:00", which the section (an object) refuses as input.
    const schema = z.object({ window: z.object({ start: z.string().default("02:00") }).transform((w) => `${w.start}-03:00`).prefault({}) });
    expect(() => toJsonSchema(schema)).toThrow(/does not parse to itself \(it transforms\)/);
  });
});
