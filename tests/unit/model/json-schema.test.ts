import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, workflowJsonSchemaText } from '../../../scripts/generate-schema';
import { NODE_KINDS } from '../../../shared/model/schema';

describe('docs/workflow.schema.json', () => {
  it('is up to date with the zod schema (regenerate: npx tsx scripts/generate-schema.ts)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(workflowJsonSchemaText());
  });

  it('describes the input a file may contain: defaults optional, unknown fields allowed, every node kind', () => {
    const schema = JSON.parse(workflowJsonSchemaText());
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'schemaVersion', 'id', 'name', 'owner', 'connections', 'nodes', 'edges']));
    expect(schema.required).not.toContain('description');
    expect(schema.additionalProperties).toEqual({});
    const kinds = JSON.stringify(schema.properties.nodes.items);
    for (const kind of NODE_KINDS) expect(kinds).toContain(`"const":"${kind}"`);
  });
});
