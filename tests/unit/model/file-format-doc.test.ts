import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkflow } from '../../../shared/model/load';
import { DECISION_OPS, INTAKE_SOURCES, NODE_KINDS } from '../../../shared/model/schema';

const doc = readFileSync(join(__dirname, '../../../docs/file-format.md'), 'utf8');

describe('docs/file-format.md', () => {
  it('has an example that loads as it is', () => {
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toHaveLength(1);
    const { workflow, warnings } = loadWorkflow(blocks[0]);
    expect(warnings).toEqual([]);
    expect(workflow.nodes.map((n) => n.kind)).toEqual(expect.arrayContaining(['intake', 'ai', 'approval', 'integration', 'escalation', 'end']));
  });

  it('names every node kind, intake source and decision operator', () => {
    for (const word of [...NODE_KINDS, ...INTAKE_SOURCES, ...DECISION_OPS]) expect(doc).toContain(`\`${word}\``);
  });
});
