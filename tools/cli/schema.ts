/** `npm run schema`: regenerates tenants/schema.json and samples/schema.json from the zod schema. */
import { writeFileSync } from "node:fs";
import { JSON_SCHEMA_FILES, tenantJsonSchema } from "../../tenant-schema/json-schema";

for (const file of JSON_SCHEMA_FILES) {
  writeFileSync(file, tenantJsonSchema());
  console.log(`wrote ${file}`);
}
