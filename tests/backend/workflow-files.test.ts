import { mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realFs, type AtomicFs } from '../../electron/backend/atomic-write';
import { MAX_RECENT } from '../../electron/backend/library-store';
import { serializeWorkflow } from '../../shared/model/load';
import { makeBackend, sampleWorkflow, tempDir } from './helpers';

describe('workflow.save and workflow.open', () => {
  it('saves a workflow and opens it again unchanged, with the file mtime', async () => {
    const t = await makeBackend();
    const doc = sampleWorkflow();
    const saved = await t.ok('workflow.save', { path: 'refunds.flowgate.json', document: doc });
    expect(saved.path).toBe(join(t.workspaceDir, 'refunds.flowgate.json'));
    expect(saved.mtimeMs).toBe((await stat(saved.path)).mtimeMs);
    expect(JSON.parse(await readFile(saved.path, 'utf8'))).toEqual(doc);

    const opened = await t.ok('workflow.open', { path: 'refunds.flowgate.json' });
    expect(opened).toEqual({ path: saved.path, document: doc, mtimeMs: saved.mtimeMs, warnings: [] });
  });

  it('keeps the previous version as .bak on every save', async () => {
    const t = await makeBackend();
    await t.ok('workflow.save', { path: 'a.flowgate.json', document: sampleWorkflow('First') });
    const { path } = await t.ok('workflow.save', { path: 'a.flowgate.json', document: sampleWorkflow('Second') });
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8')).name).toBe('First');
    expect(JSON.parse(await readFile(path, 'utf8')).name).toBe('Second');
  });

  it('reports loader warnings when opening', async () => {
    const t = await makeBackend();
    const text = JSON.stringify({ ...sampleWorkflow(), __proto__: { polluted: true } }).replace('"format"', '"__proto__":{"x":1},"format"');
    await writeFile(join(t.workspaceDir, 'p.flowgate.json'), text);
    const opened = await t.ok('workflow.open', { path: 'p.flowgate.json' });
    expect(opened.warnings).toEqual(['a key named "__proto__" was removed']);
  });

  it('a missing file is not-found and an invalid one names the JSON path', async () => {
    const t = await makeBackend();
    expect(await t.call('workflow.open', { path: 'nope.flowgate.json' })).toMatchObject({ ok: false, error: { code: 'not-found' } });

    await writeFile(join(t.workspaceDir, 'broken.flowgate.json'), '{ not json');
    expect(await t.call('workflow.open', { path: 'broken.flowgate.json' })).toMatchObject({ ok: false, error: { code: 'invalid-workflow', path: '$' } });

    const bad = sampleWorkflow() as unknown as { nodes: Array<{ config: Record<string, unknown> }> };
    bad.nodes[0].config.source = 'carrier pigeon';
    await writeFile(join(t.workspaceDir, 'bad.flowgate.json'), JSON.stringify(bad));
    expect(await t.call('workflow.open', { path: 'bad.flowgate.json' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-workflow', path: '$.nodes[0].config.source' },
    });
  });

  it('refuses to save a document it could not open again, and writes nothing', async () => {
    const t = await makeBackend();
    const doc = { ...sampleWorkflow(), edges: [{ id: 'e1', source: 'n1', sourceHandle: 'out', target: 'ghost' }] };
    expect(await t.call('workflow.save', { path: 'x.flowgate.json', document: doc })).toMatchObject({
      ok: false,
      error: { code: 'invalid-workflow', path: '$.edges[0].target' },
    });
    await expect(stat(join(t.workspaceDir, 'x.flowgate.json'))).rejects.toThrow();
  });

  it('a save that fails midway leaves the old file intact and reports an io error', async () => {
    let failRename = false;
    const fs: AtomicFs = {
      ...realFs,
      rename: async (from, to) => {
        if (failRename && String(to).endsWith('.flowgate.json')) throw Object.assign(new Error('power cut'), { code: 'EIO' });
        return realFs.rename(from, to);
      },
    };
    const t = await makeBackend({ fs });
    const { path } = await t.ok('workflow.save', { path: 'a.flowgate.json', document: sampleWorkflow('Kept') });
    const before = await readFile(path, 'utf8');
    failRename = true;
    const result = await t.call('workflow.save', { path: 'a.flowgate.json', document: sampleWorkflow('Lost') });
    expect(result).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(await readFile(path, 'utf8')).toBe(before);
    failRename = false;
    await t.ok('workflow.save', { path: 'a.flowgate.json', document: sampleWorkflow('Later') });
    expect(JSON.parse(await readFile(path, 'utf8')).name).toBe('Later');
  });

  it('two quick saves do not interleave: the file holds the second one, whole', async () => {
    const t = await makeBackend();
    const big = (name: string) => ({
      ...sampleWorkflow(name),
      description: name.repeat(200_000),
    });
    await Promise.all([
      t.ok('workflow.save', { path: 'q.flowgate.json', document: big('A') }),
      t.ok('workflow.save', { path: 'q.flowgate.json', document: big('B') }),
    ]);
    const onDisk = JSON.parse(await readFile(join(t.workspaceDir, 'q.flowgate.json'), 'utf8'));
    expect(onDisk.name).toBe('B');
    expect(onDisk.description).toBe('B'.repeat(200_000));
    expect(JSON.parse(await readFile(join(t.workspaceDir, 'q.flowgate.json.bak'), 'utf8')).name).toBe('A');
  });
});

describe('conflict detection', () => {
  it('refuses to overwrite a file that changed on disk since it was opened, unless told to', async () => {
    const t = await makeBackend();
    const first = await t.ok('workflow.save', { path: 'c.flowgate.json', document: sampleWorkflow('Mine') });
    // Someone else edits the file: new content and a different mtime.
    await writeFile(first.path, serializeWorkflow(sampleWorkflow('Theirs')));
    await utimes(first.path, new Date(), new Date(Date.now() + 5_000));

    const refused = await t.call('workflow.save', { path: 'c.flowgate.json', document: sampleWorkflow('Mine again'), expectedMtimeMs: first.mtimeMs });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: 'c.flowgate.json changed on disk since you opened it.' } });
    expect(JSON.parse(await readFile(first.path, 'utf8')).name).toBe('Theirs');

    const forced = await t.ok('workflow.save', {
      path: 'c.flowgate.json',
      document: sampleWorkflow('Mine again'),
      expectedMtimeMs: first.mtimeMs,
      overwrite: true,
    });
    expect(JSON.parse(await readFile(first.path, 'utf8')).name).toBe('Mine again');

    // With the mtime the last save returned, the next save goes through.
    await t.ok('workflow.save', { path: 'c.flowgate.json', document: sampleWorkflow('Next'), expectedMtimeMs: forced.mtimeMs });
    expect(JSON.parse(await readFile(first.path, 'utf8')).name).toBe('Next');
  });

  it('a save with the mtime from open succeeds when nobody else touched the file', async () => {
    const t = await makeBackend();
    await writeFile(join(t.workspaceDir, 'o.flowgate.json'), serializeWorkflow(sampleWorkflow('Orig')));
    const opened = await t.ok('workflow.open', { path: 'o.flowgate.json' });
    await t.ok('workflow.save', { path: 'o.flowgate.json', document: sampleWorkflow('Edited'), expectedMtimeMs: opened.mtimeMs });
    expect(JSON.parse(await readFile(opened.path, 'utf8')).name).toBe('Edited');
  });
});

describe('workspace.list', () => {
  it('lists workflow files newest first, named by their document, ignoring other files', async () => {
    const t = await makeBackend();
    const w = t.workspaceDir;
    await writeFile(join(w, 'old.flowgate.json'), serializeWorkflow(sampleWorkflow('Old one')));
    await writeFile(join(w, 'unreadable.flowgate.json'), '{ nope');
    await writeFile(join(w, 'new.flowgate.json'), serializeWorkflow(sampleWorkflow('New one')));
    await writeFile(join(w, 'notes.json'), '{}');
    await writeFile(join(w, 'new.flowgate.json.bak'), '{}');
    await mkdir(join(w, 'folder.flowgate.json'));
    await utimes(join(w, 'old.flowgate.json'), new Date(), new Date(1_000_000_000_000));
    await utimes(join(w, 'unreadable.flowgate.json'), new Date(), new Date(1_100_000_000_000));
    await utimes(join(w, 'new.flowgate.json'), new Date(), new Date(1_200_000_000_000));

    const list = await t.ok('workspace.list', {});
    expect(list.map((e) => [e.name, e.path])).toEqual([
      ['New one', join(w, 'new.flowgate.json')],
      ['unreadable', join(w, 'unreadable.flowgate.json')],
      ['Old one', join(w, 'old.flowgate.json')],
    ]);
    expect(list[0].mtimeMs).toBe(1_200_000_000_000);
  });
});

describe('recent files', () => {
  it('records opened and saved files newest first, computes exists, and forgets on request', async () => {
    const t = await makeBackend();
    await t.ok('workflow.save', { path: 'one.flowgate.json', document: sampleWorkflow('One') });
    await t.ok('workflow.save', { path: 'two.flowgate.json', document: sampleWorkflow('Two') });
    await t.ok('workflow.open', { path: 'one.flowgate.json' });

    let recent = await t.ok('recent.list', {});
    expect(recent.map((r) => [r.name, r.exists])).toEqual([
      ['One', true],
      ['Two', true],
    ]);
    expect(Date.parse(recent[0].openedAt)).not.toBeNaN();

    await rm(join(t.workspaceDir, 'two.flowgate.json'));
    recent = await t.ok('recent.list', {});
    expect(recent.map((r) => [r.name, r.exists])).toEqual([
      ['One', true],
      ['Two', false],
    ]);

    await t.ok('recent.remove', { path: join(t.workspaceDir, 'two.flowgate.json') });
    expect((await t.ok('recent.list', {})).map((r) => r.name)).toEqual(['One']);
  });

  it(`keeps at most ${MAX_RECENT} entries and survives a restart`, async () => {
    const root = await tempDir();
    const options = { dataDir: join(root, 'data'), workspaceDir: join(root, 'ws') };
    const t = await makeBackend(options);
    for (let i = 0; i < MAX_RECENT + 3; i++) {
      await t.ok('workflow.save', { path: `f${i}.flowgate.json`, document: sampleWorkflow(`F${i}`) });
    }
    await t.backend.close();
    const again = await makeBackend(options);
    const names = (await again.ok('recent.list', {})).map((r) => r.name);
    expect(names).toHaveLength(MAX_RECENT);
    expect(names[0]).toBe(`F${MAX_RECENT + 2}`);
    expect(names.at(-1)).toBe('F3');
  });
});

describe('settings', () => {
  it('defaults to the system theme and keeps a change across restarts', async () => {
    const root = await tempDir();
    const options = { dataDir: join(root, 'data'), workspaceDir: join(root, 'ws') };
    const t = await makeBackend(options);
    expect(await t.ok('settings.get', {})).toEqual({ theme: 'system' });
    expect(await t.ok('settings.update', { theme: 'dark' })).toEqual({ theme: 'dark' });
    await t.backend.close();
    expect(await (await makeBackend(options)).ok('settings.get', {})).toEqual({ theme: 'dark' });
  });

  it('refuses an unknown theme through the contract', async () => {
    const t = await makeBackend();
    expect(await t.call('settings.update', { theme: 'purple' } as never)).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.theme' } });
  });
});
