// Validation of the simulation calls: wrong params are refused by the contract with a JSON path; a
// scenario or simulation section that cannot run is refused with the path of what is wrong in it.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Method, Params } from '../../shared/api/contract';
import { simBackend, supportTemplate } from './simulation-helpers';
import { makeBackend, tempDir } from './helpers';

describe('simulation params', () => {
  it.each<[Method, Record<string, unknown>, string]>([
    ['sim.start', { document: 'a workflow' }, '$.document'],
    ['sim.start', { document: null, seed: 1 }, '$.document'],
    ['sim.start', { seed: 1.5 }, '$.document'],
    ['sim.decide', { runId: '../../etc', nodeId: 'n8', decision: 'approved' }, '$.runId'],
    ['sim.decide', { runId: 'r1', nodeId: 'n8', decision: 'maybe' }, '$.decision'],
    ['sim.decide', { runId: 'r1', nodeId: 'n8', decision: 'approved', note: 5 }, '$.note'],
    ['sim.get', { runId: 'r1', waitMs: 60_000 }, '$.waitMs'],
    ['sim.cancel', { runId: '' }, '$.runId'],
    ['runs.list', { workflowId: '' }, '$.workflowId'],
    ['runs.get', { workflowId: 'w', runId: 'a/b' }, '$.runId'],
    ['runs.delete', { workflowId: 'w', runId: 'r', extra: true }, '$'],
  ])('%s refuses %j at %s', async (method, params, path) => {
    const t = await makeBackend();
    const env = await t.call(method, params as Params<typeof method>);
    expect(env).toMatchObject({ ok: false, error: { code: 'bad-request', path } });
  });

  it('refuses a seed that is not a whole number, and a scenario given twice', async () => {
    const t = await simBackend();
    const document = supportTemplate();
    expect(await t.call('sim.start', { document, seed: 0.5 })).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.seed' } });
    expect(await t.call('sim.start', { document, scenarioId: 'happy', scenario: { id: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', path: '$.scenario', message: 'Give either a scenario id or a scenario, not both.' },
    });
  });

  it('names an unknown scenario and lists the known ones', async () => {
    const t = await simBackend();
    const env = await t.call('sim.start', { document: supportTemplate(), scenarioId: 'nope' });
    expect(env).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.scenarioId' } });
    expect(!env.ok && env.error.message).toMatch(/no scenario "nope".*"happy", "billing"/);
  });

  it('refuses an inline scenario that is not valid, or that names steps the workflow lacks, at its path', async () => {
    const t = await simBackend();
    const document = supportTemplate();
    expect(await t.call('sim.start', { document, scenario: { id: 'x', decisions: { n8: 'maybe' } } })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', path: '$.scenario.decisions.n8' },
    });
    expect(await t.call('sim.start', { document, scenario: { id: 'x', input: [] } })).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.scenario.input' } });
    const env = await t.call('sim.start', { document, scenario: { id: 'x', decisions: { n2: 'approved' } } });
    expect(env).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.scenario.decisions.n2' } });
    expect(!env.ok && env.error.message).toMatch(/no approval step with id "n2"/);
  });

  it("refuses a scenario of the document that names a step that was deleted, at the scenario's path", async () => {
    const t = await simBackend();
    const wf = supportTemplate();
    const noGate = { ...wf, nodes: wf.nodes.filter((n) => n.id !== 'n8'), edges: wf.edges.filter((e) => e.source !== 'n8' && e.target !== 'n8') };
    expect(await t.call('sim.start', { document: noGate, scenarioId: 'rejected' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', path: '$.simulation.scenarios[2].decisions.n8' },
    });
  });

  it('refuses a document whose simulation section is not valid, naming the path in the document', async () => {
    const t = await simBackend();
    const wf = supportTemplate();
    const bad = { ...wf, simulation: { ...wf.simulation, reviewers: { 'Support supervisor': { approve: 2 } } } };
    const env = await t.call('sim.start', { document: bad });
    expect(env).toMatchObject({ ok: false, error: { code: 'invalid-workflow', path: '$.simulation.reviewers["Support supervisor"].approve' } });
  });

  it('names the sample data file that cannot be used', async () => {
    const resources = await tempDir();
    await mkdir(join(resources, 'sample-data'));
    await writeFile(join(resources, 'sample-data', 'tickets.json'), JSON.stringify({ name: 'tickets', records: [{ id: 'T-1' }, { id: 'T-1' }] }));
    const t = await makeBackend({ resourcesDir: resources });
    const env = await t.call('sim.start', { document: supportTemplate() });
    expect(env).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(!env.ok && env.error.message).toMatch(/tickets\.json cannot be used: \$\.records\[1\]\.id: duplicate record id "T-1"/);
  });
});
