// Writes docs/workflow.schema.json, the JSON Schema of `*.flowgate.json`, from the zod schema in shared/.
// Run: npx tsx scripts/generate-schema.ts. A unit test fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SCHEMA_VERSION, workflowSchema } from '../shared/model/schema';
import { simulationSectionSchema } from '../shared/simulation/scenario';

export const SCHEMA_FILE = fileURLToPath(new URL('../docs/workflow.schema.json', import.meta.url));

/** The JSON Schema text, exactly as it is committed. */
export function workflowJsonSchemaText(): string {
  // `input`: what a file may contain (fields with defaults are optional), not what the loader returns.
  const { $schema, ...generated } = z.toJSONSchema(workflowSchema, { io: 'input' });
  // The workflow schema keeps `simulation` loose (the simulator validates it when a run uses it); the
  // JSON Schema describes it all the same, so that editors know its fields.
  const { $schema: _, ...simulation } = z.toJSONSchema(simulationSectionSchema, { io: 'input' });
  (generated.properties as Record<string, unknown>).simulation = simulation;
  const schema = {
    $schema,
    title: `Flowgate workflow (schemaVersion ${SCHEMA_VERSION})`,
    description:
      'A *.flowgate.json document. Generated from shared/model/schema.ts by scripts/generate-schema.ts; see docs/file-format.md for the meaning of each field. Loading also checks what a schema cannot: unique ids, edges between existing nodes, size and nesting limits.',
    ...generated,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

const runDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) {
  writeFileSync(SCHEMA_FILE, workflowJsonSchemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
