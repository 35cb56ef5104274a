// report.scenarios: every scenario of the document on the canvas rehearsed once in the backend, with
// the sample data, exactly as `flowgate report` rehearses them; a broken simulation section becomes
// the report's "problem" line, never a failed call.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract';
import { loadWorkflow } from '../../shared/model/load';
import { rehearseScenarios } from '../../shared/report/scenarios';
import { loadSampleData } from '../../cli/commands/simulate';
import { makeBackend, sampleWorkflow } from './helpers';

const RESOURCES = fileURLToPath(new URL('../../resources/', import.meta.url));
const support = loadWorkflow(readFileSync(join(RESOURCES, 'templates', 'support-ticket-triage.flowgate.json'), 'utf8')).workflow;

describe('report.scenarios', () => {
  it('rehearses every scenario of the document once, the same as the command line', async () => {
    const fg = await makeBackend({ resourcesDir: RESOURCES });
    const result = await fg.ok('report.scenarios', { document: support });
    expect(result.problem).toBeNull();
    expect(result.rehearsals.map((r) => r.id)).toEqual(['happy', 'billing', 'rejected', 'timeout', 'ai-down', 'reply-fails']);
    // The command line's own rehearsal (cli/commands/report.ts: seed 1 by default, the sample data).
    expect(result.rehearsals).toEqual(rehearseScenarios(support, loadSampleData(), 1).rehearsals);
    // The scenarios differ, so the rows do: this is not one run repeated.
    expect(new Set(result.rehearsals.map((r) => `${r.outcome}|${r.endedAt}`)).size).toBeGreaterThan(2);
    expect(contract['report.scenarios'].result.safeParse(result).success).toBe(true);
  });

  it('rehearses the document as it is on the canvas, unsaved edits included', async () => {
    const fg = await makeBackend({ resourcesDir: RESOURCES });
    const scenarios = (support.simulation as { scenarios: { id: string }[] }).scenarios;
    const onlyTwo = { ...support, simulation: { ...(support.simulation as object), scenarios: scenarios.slice(0, 2) } };
    const result = await fg.ok('report.scenarios', { document: onlyTwo });
    expect(result.rehearsals.map((r) => r.id)).toEqual(['happy', 'billing']);
  });

  it('answers an empty list for a workflow without scenarios', async () => {
    const fg = await makeBackend({ resourcesDir: RESOURCES });
    expect(await fg.ok('report.scenarios', { document: sampleWorkflow() })).toEqual({ rehearsals: [], problem: null });
  });

  it('says why when the simulation section cannot be used, instead of failing the report', async () => {
    const fg = await makeBackend({ resourcesDir: RESOURCES });
    const broken = { ...support, simulation: { scenarios: 'not a list' } };
    const result = await fg.ok('report.scenarios', { document: broken });
    expect(result.rehearsals).toEqual([]);
    expect(result.problem).toMatch(/^The scenarios cannot be run: .*scenarios/);
  });

  it('refuses a call without a valid document', async () => {
    const fg = await makeBackend({ resourcesDir: RESOURCES });
    const env = await fg.call('report.scenarios', { document: { nodes: 'none' } } as never);
    expect(env).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
