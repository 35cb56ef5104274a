import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getTemplate, listTemplates } from '../../electron/backend/templates';
import { RESOURCES_DIR } from '../../cli/repo';
import { serializeWorkflow } from '../../shared/model/load';
import { makeBackend, sampleWorkflow, tempDir } from './helpers';

async function resourcesWith(files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  await mkdir(join(dir, 'templates'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, 'templates', name), content);
  return dir;
}

describe('templates', () => {
  it('lists readable templates, order.json first, then by id, skipping broken ones', async () => {
    const dir = await resourcesWith({
      'zeta.flowgate.json': serializeWorkflow({ ...sampleWorkflow('Zeta'), description: 'Last letter' }),
      'alpha.flowgate.json': serializeWorkflow({ ...sampleWorkflow('Alpha'), description: 'First letter' }),
      'beta.flowgate.json': serializeWorkflow(sampleWorkflow('Beta')),
      'broken.flowgate.json': '{"format": "flowgate.workflow"',
      'readme.txt': 'not a template',
      'order.json': '["zeta"]',
    });
    expect(await listTemplates(dir)).toEqual([
      { id: 'zeta', name: 'Zeta', description: 'Last letter' },
      { id: 'alpha', name: 'Alpha', description: 'First letter' },
      { id: 'beta', name: 'Beta', description: '' },
    ]);
  });

  it('gives every new workflow from a template a fresh document id', async () => {
    const dir = await resourcesWith({ 'alpha.flowgate.json': serializeWorkflow(sampleWorkflow('Alpha', 'template-id')) });
    const a = await getTemplate(dir, 'alpha');
    const b = await getTemplate(dir, 'alpha');
    expect(a.name).toBe('Alpha');
    expect(a.nodes).toEqual(sampleWorkflow().nodes);
    expect(new Set([a.id, b.id, 'template-id']).size).toBe(3);
  });

  it('answers not-found for an unknown template and bad-request for a path-like id', async () => {
    const resourcesDir = await resourcesWith({ 'alpha.flowgate.json': serializeWorkflow(sampleWorkflow()) });
    const t = await makeBackend({ resourcesDir });
    expect(await t.call('templates.get', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await t.call('templates.get', { id: '../templates/alpha' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.ok('templates.list', {})).toHaveLength(1);
  });

  it('every template shipped in resources/templates loads, and the support example comes first', async () => {
    const shipped = (await readdir(join(RESOURCES_DIR, 'templates'))).filter((n) => n.endsWith('.flowgate.json'));
    const listed = await listTemplates(RESOURCES_DIR);
    expect(listed.map((t) => `${t.id}.flowgate.json`).sort()).toEqual(shipped.sort());
    if (shipped.includes('support-ticket-triage.flowgate.json')) expect(listed[0].id).toBe('support-ticket-triage');
    for (const t of listed) expect((await getTemplate(RESOURCES_DIR, t.id)).name).toBe(t.name);
  });
});
