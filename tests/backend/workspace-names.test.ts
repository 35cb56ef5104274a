// Browser mode's names inside the workspace: names Windows reserves for devices are refused (a file
// called CON or NUL cannot be opened or deleted there), paths are only so deep (a 4,000-character
// path would otherwise create some 2,000 folders), and temp files left behind by a save that was
// killed half-way are removed when Flowgate starts.
import { mkdir, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_WORKSPACE_DEPTH } from '../../electron/backend/paths';
import { STALE_TEMP_MS } from '../../electron/backend/stale-temps';
import { makeBackend, sampleWorkflow, tempDir } from './helpers';

describe('names Windows reserves', () => {
  it('are refused for workflows and exports, at any level and with any extension or case', async () => {
    const t = await makeBackend();
    for (const name of ['CON', 'con', 'PRN', 'AUX', 'NUL', 'Nul', 'COM1', 'com9', 'LPT1', 'lpt9', 'COM¹', 'CONIN$', 'CONOUT$']) {
      for (const path of [`${name}.flowgate.json`, `team/${name}/a.flowgate.json`, `${name}.md`, `${name}.report.svg`]) {
        const answer = path.endsWith('.flowgate.json')
          ? await t.call('workflow.save', { path, document: sampleWorkflow() })
          : await t.call('file.writeText', { path, content: 'x' });
        expect(answer, path).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.path' } });
      }
    }
    expect(await readdir(t.workspaceDir)).toEqual([]);
  });

  it('does not refuse names that merely start like them', async () => {
    const t = await makeBackend();
    for (const path of ['console.flowgate.json', 'nullable.flowgate.json', 'COM10.flowgate.json', 'auxiliary/a.flowgate.json', 'LPT.flowgate.json']) {
      await t.ok('workflow.save', { path, document: sampleWorkflow() });
    }
    await t.ok('file.writeText', { path: 'connect.md', content: 'x' });
  });
});

describe('how deep a path may go', () => {
  it('refuses a path more than the limit of folders deep, and creates no folder for it', async () => {
    const t = await makeBackend();
    const deep = `${'a/'.repeat(2000)}x.flowgate.json`;
    expect(await t.call('workflow.save', { path: deep, document: sampleWorkflow() })).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.path' } });
    const justTooDeep = `${'f/'.repeat(MAX_WORKSPACE_DEPTH + 1)}x.flowgate.json`;
    expect(await t.call('workflow.save', { path: justTooDeep, document: sampleWorkflow() })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.call('workflow.open', { path: justTooDeep })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.call('file.writeText', { path: `${'f/'.repeat(MAX_WORKSPACE_DEPTH + 1)}x.md`, content: 'x' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await readdir(t.workspaceDir)).toEqual([]);

    const deepest = `${'f/'.repeat(MAX_WORKSPACE_DEPTH)}x.flowgate.json`;
    const saved = await t.ok('workflow.save', { path: deepest, document: sampleWorkflow() });
    expect((await stat(saved.path)).isFile()).toBe(true);
  });
});

describe('temp files left by a killed save', () => {
  it('are removed from the workspace and the data folder at startup; fresh ones and the user’s own files stay', async () => {
    const root = await tempDir();
    const workspaceDir = join(root, 'workspace');
    const dataDir = join(root, 'data');
    await mkdir(join(workspaceDir, 'team'), { recursive: true });
    await mkdir(join(dataDir, 'journal'), { recursive: true });
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    const stale = [
      join(workspaceDir, '.support.flowgate.json.3f9a0b1c2d4e.tmp'),
      join(workspaceDir, 'support.flowgate.json.bak.a1b2c3d4e5f6.tmp'),
      join(workspaceDir, 'team', '.report.md.0123456789ab.tmp'),
      join(dataDir, '.library.json.fedcba987654.tmp'),
      join(dataDir, 'journal', '.k1.json.00aa11bb22cc.tmp'),
    ];
    const kept = [
      join(workspaceDir, '.fresh.flowgate.json.3f9a0b1c2d4f.tmp'),
      join(workspaceDir, 'notes.tmp'),
      join(workspaceDir, '.notes.tmp'),
      join(workspaceDir, '.draft.abc.tmp'),
      join(workspaceDir, 'support.flowgate.json'),
    ];
    for (const f of [...stale, ...kept]) await writeFile(f, 'half a file');
    for (const f of [...stale, ...kept.slice(1)]) await utimes(f, old, old);

    await makeBackend({ workspaceDir, dataDir });

    for (const f of stale) await expect(stat(f), f).rejects.toMatchObject({ code: 'ENOENT' });
    for (const f of kept) expect((await stat(f)).isFile(), f).toBe(true);
  });
});

describe('hidden files and folders', () => {
  it('are neither read nor written in browser mode, workflows included', async () => {
    const t = await makeBackend();
    await mkdir(join(t.workspaceDir, '.git'));
    for (const path of ['.git/a.flowgate.json', 'team/.hidden/a.flowgate.json', '.a.flowgate.json']) {
      expect(await t.call('workflow.save', { path, document: sampleWorkflow() }), path).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.path' } });
      expect(await t.call('workflow.open', { path }), path).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.path' } });
    }
    expect(await readdir(t.workspaceDir)).toEqual(['.git']);
    expect(await readdir(join(t.workspaceDir, '.git'))).toEqual([]);
  });
});

describe('the workspace listing', () => {
  it('leaves out files the path policy would refuse to open', async () => {
    const t = await makeBackend();
    for (const name of ['.hidden.flowgate.json', 'CON.flowgate.json', 'ok.flowgate.json']) await writeFile(join(t.workspaceDir, name), '{}');
    expect((await t.ok('workspace.list', {})).map((e) => e.name)).toEqual(['ok']);
  });
});
