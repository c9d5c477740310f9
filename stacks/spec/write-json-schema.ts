/** `npm run schema`: regenerates tenants/schema.json from the zod schema. */
import { writeFileSync } from "node:fs";
import { JSON_SCHEMA_FILE, tenantJsonSchema } from "./json-schema";

writeFileSync(JSON_SCHEMA_FILE, tenantJsonSchema());
console.log(`wrote ${JSON_SCHEMA_FILE}`);
