// Run history: finished runs are kept per workflow in <dataDir>/runs/<workflow>/<runId>.json, listed
// newest first, reopened with the document they ran on, deleted, pruned; unreadable files are set aside.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realFs, type AtomicFs } from '../../electron/backend/atomic-write';
import { workflowFolderName } from '../../electron/backend/simulation/ids';
import { MAX_RUNS_PER_WORKFLOW } from '../../electron/backend/simulation/run-history';
import type { TestBackend } from './helpers';
import { simBackend, supportTemplate, SUPPORT } from './simulation-helpers';

async function finishedRun(t: TestBackend, scenarioId = 'happy', document = supportTemplate()) {
  const view = await t.ok('sim.start', { document, scenarioId });
  expect(view.status).toBe('done');
  return view;
}

function runsDir(t: TestBackend, workflowId = SUPPORT) {
  return join(t.dataDir, 'runs', workflowFolderName(workflowId));
}

describe('run history', () => {
  it('keeps each finished run with its trace and the document as it ran, newest first', async () => {
    const t = await simBackend();
    const first = await finishedRun(t, 'happy');
    const edited = { ...supportTemplate(), description: 'Changed after the first run' };
    const second = await finishedRun(t, 'billing', edited);
    const { runs, warnings } = await t.ok('runs.list', { workflowId: SUPPORT });
    expect(warnings).toEqual([]);
    expect(runs.map((r) => [r.id, r.scenario.id, r.outcome])).toEqual([
      [second.runId, 'billing', 'escalated'],
      [first.runId, 'happy', 'resolved'],
    ]);
    expect(runs[1]).toMatchObject({ workflowId: SUPPORT, seed: 1, approvals: 'scenario', stopped: null, steps: 9, deniedCalls: 0, scenario: { name: 'Password reset link expired' } });
    expect(Date.parse(runs[1].startedAt)).not.toBeNaN();

    const stored = await t.ok('runs.get', { workflowId: SUPPORT, runId: first.runId });
    expect(stored.trace).toEqual(first.trace);
    expect(stored.document).toEqual(supportTemplate());
    expect(stored.decisions).toEqual([]);
    expect((await t.ok('runs.get', { workflowId: SUPPORT, runId: second.runId })).document.description).toBe('Changed after the first run');
    // The trace itself holds no wall-clock time: only the history record does.
    expect(JSON.stringify(stored.trace)).not.toContain(runs[1].startedAt);
  });

  it('keeps the history across a restart, and each workflow has its own', async () => {
    const t = await simBackend();
    const kept = await finishedRun(t);
    const other = { ...supportTemplate(), id: 'some other/workflow' };
    await finishedRun(t, 'happy', other);
    const next = await simBackend({ dataDir: t.dataDir });
    expect((await next.ok('runs.list', { workflowId: SUPPORT })).runs.map((r) => r.id)).toEqual([kept.runId]);
    expect((await next.ok('runs.list', { workflowId: other.id })).runs).toHaveLength(1);
    expect((await next.ok('runs.list', { workflowId: 'never-ran' })).runs).toEqual([]);
    // An id with a separator never becomes a path: it is stored under a hashed folder name.
    expect(workflowFolderName(other.id)).toMatch(/^wf-[0-9a-f]{32}$/);
    expect((await readdir(join(t.dataDir, 'runs'))).sort()).toEqual([SUPPORT, workflowFolderName(other.id)].sort());
  });

  it('deletes a run (twice is fine), and a deleted run cannot be reopened', async () => {
    const t = await simBackend();
    const run = await finishedRun(t);
    expect(await t.ok('runs.delete', { workflowId: SUPPORT, runId: run.runId })).toEqual({});
    expect(await t.ok('runs.delete', { workflowId: SUPPORT, runId: run.runId })).toEqual({});
    expect((await t.ok('runs.list', { workflowId: SUPPORT })).runs).toEqual([]);
    expect(await t.call('runs.get', { workflowId: SUPPORT, runId: run.runId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it(`keeps the newest ${MAX_RUNS_PER_WORKFLOW} runs of a workflow`, async () => {
    const t = await simBackend();
    const ids: string[] = [];
    for (let i = 0; i < MAX_RUNS_PER_WORKFLOW + 2; i++) ids.push((await finishedRun(t, 'billing')).runId);
    const { runs } = await t.ok('runs.list', { workflowId: SUPPORT });
    expect(runs.map((r) => r.id)).toEqual(ids.slice(2).reverse());
  });

  it('sets an unreadable or tampered run file aside, reports it, and lists the rest', async () => {
    const t = await simBackend();
    const good = await finishedRun(t);
    const dir = runsDir(t);
    await writeFile(join(dir, '20200101T000000000-aaaaaa.json'), '{"format": "flowgate.run", "vers');
    const tampered = JSON.parse(await readFile(join(dir, `${good.runId}.json`), 'utf8'));
    tampered.trace.events[0].type = 'teleported';
    await writeFile(join(dir, '20200101T000000000-bbbbbb.json'), JSON.stringify(tampered));
    const { runs, warnings } = await t.ok('runs.list', { workflowId: SUPPORT });
    expect(runs.map((r) => r.id)).toEqual([good.runId]);
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/not valid JSON/);
    expect(warnings.join('\n')).toMatch(/\$\.trace\.events\[0\]\.type/);
    const aside = await readdir(join(dir, 'corrupt'));
    expect(aside).toHaveLength(2);
    expect(aside.some((n) => n.startsWith('20200101T000000000-aaaaaa.'))).toBe(true);
    // The bytes are kept as they were.
    const cut = aside.find((n) => n.startsWith('20200101T000000000-aaaaaa.'))!;
    expect(await readFile(join(dir, 'corrupt', cut), 'utf8')).toBe('{"format": "flowgate.run", "vers');
    expect((await t.ok('runs.list', { workflowId: SUPPORT })).warnings).toEqual([]);
  });

  it('refuses to reopen a run file that was set aside, or one copied from another workflow', async () => {
    const t = await simBackend();
    const run = await finishedRun(t);
    const copyDir = runsDir(t, 'another');
    await mkdir(copyDir, { recursive: true });
    await writeFile(join(copyDir, `${run.runId}.json`), await readFile(join(runsDir(t), `${run.runId}.json`)));
    expect(await t.call('runs.get', { workflowId: 'another', runId: run.runId })).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringMatching(/another workflow/) } });
    await writeFile(join(runsDir(t), `${run.runId}.json`), 'null');
    expect(await t.call('runs.get', { workflowId: SUPPORT, runId: run.runId })).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringMatching(/set|moved/) } });
  });

  it('a run that cannot be kept still finishes, and says why it is not in the history', async () => {
    const failingFs: AtomicFs = {
      ...realFs,
      rename: async (from, to) => {
        if (String(to).includes(`${join('runs', SUPPORT)}`)) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        return realFs.rename(from, to);
      },
    };
    const t = await simBackend({ fs: failingFs });
    const view = await t.ok('sim.start', { document: supportTemplate(), scenarioId: 'happy' });
    expect(view.status).toBe('done');
    expect(view.trace.outcome).toBe('resolved');
    expect(view.history.saved).toBe(false);
    expect(view.history.error).toMatch(/could not be kept in the run history.*disk is full/);
    expect(await readdir(runsDir(t))).toEqual([]);
  });
});
