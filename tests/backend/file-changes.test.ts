// A file changed on disk while it is open: workflow.stat reports it, and saves refuse to overwrite
// it blindly. A change means different bytes: a touch (new mtime, same bytes) is no change.
import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, loadWorkflowValue, serializeWorkflow } from '../../shared/model/load';
import { makeBackend, sampleWorkflow } from './helpers';

/** Moves a file's mtime without touching its bytes, like `touch` or a sync tool. */
async function touch(file: string, offsetMs = 10_000): Promise<number> {
  await utimes(file, new Date(), new Date(Date.now() + offsetMs));
  return (await stat(file)).mtimeMs;
}

/** Another program writes the file as Flowgate would have written `name`. */
async function rewrite(file: string, name: string): Promise<number> {
  await writeFile(file, serializeWorkflow(loadWorkflowValue(sampleWorkflow(name)).workflow));
  return touch(file, 20_000);
}

describe('workflow.stat', () => {
  it('reports existence and mtime, and no change while nobody else touched the file', async () => {
    const t = await makeBackend();
    const saved = await t.ok('workflow.save', { path: 's.flowgate.json', document: sampleWorkflow() });
    expect(await t.ok('workflow.stat', { path: 's.flowgate.json', expectedMtimeMs: saved.mtimeMs })).toEqual({ exists: true, mtimeMs: saved.mtimeMs, changed: false });
    expect(await t.ok('workflow.stat', { path: 's.flowgate.json' })).toEqual({ exists: true, mtimeMs: saved.mtimeMs, changed: false });
    expect(await t.ok('workflow.stat', { path: 'missing.flowgate.json' })).toEqual({ exists: false, mtimeMs: null, changed: false });
  });

  it('a touch is no change; new bytes are', async () => {
    const t = await makeBackend();
    const saved = await t.ok('workflow.save', { path: 's.flowgate.json', document: sampleWorkflow() });
    const touched = await touch(saved.path);
    expect(await t.ok('workflow.stat', { path: 's.flowgate.json', expectedMtimeMs: saved.mtimeMs })).toEqual({ exists: true, mtimeMs: touched, changed: false });
    // Either mtime now names the version the renderer has.
    expect(await t.ok('workflow.stat', { path: 's.flowgate.json', expectedMtimeMs: touched })).toMatchObject({ changed: false });

    const rewritten = await rewrite(saved.path, 'Theirs');
    expect(await t.ok('workflow.stat', { path: 's.flowgate.json', expectedMtimeMs: saved.mtimeMs })).toEqual({ exists: true, mtimeMs: rewritten, changed: true });
  });

  it('a touch after open is no change either', async () => {
    const t = await makeBackend();
    const file = join(t.workspaceDir, 'o.flowgate.json');
    await writeFile(file, serializeWorkflow(sampleWorkflow('Orig')));
    const opened = await t.ok('workflow.open', { path: 'o.flowgate.json' });
    await touch(file);
    expect(await t.ok('workflow.stat', { path: 'o.flowgate.json', expectedMtimeMs: opened.mtimeMs })).toMatchObject({ changed: false });
  });

  it('a deleted file is a change', async () => {
    const t = await makeBackend();
    const saved = await t.ok('workflow.save', { path: 'd.flowgate.json', document: sampleWorkflow() });
    await rm(saved.path);
    expect(await t.ok('workflow.stat', { path: 'd.flowgate.json', expectedMtimeMs: saved.mtimeMs })).toEqual({ exists: false, mtimeMs: null, changed: true });
  });

  it('an mtime the backend never handed out counts as changed when it differs (after a restart, say)', async () => {
    const t = await makeBackend();
    const file = join(t.workspaceDir, 'x.flowgate.json');
    await writeFile(file, serializeWorkflow(sampleWorkflow()));
    const now = await touch(file);
    expect(await t.ok('workflow.stat', { path: 'x.flowgate.json', expectedMtimeMs: now - 1 })).toMatchObject({ changed: true });
    expect(await t.ok('workflow.stat', { path: 'x.flowgate.json', expectedMtimeMs: now })).toMatchObject({ changed: false });
  });

  it('follows the browser-mode path policy', async () => {
    const t = await makeBackend();
    expect(await t.call('workflow.stat', { path: '../../etc/passwd.flowgate.json' })).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.path' } });
    expect(await t.call('workflow.stat', { path: 'notes.txt' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const desktop = await makeBackend({ mode: 'desktop' });
    expect(await desktop.call('workflow.stat', { path: 'relative.flowgate.json' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describe('saving over a file that changed on disk', () => {
  it('is no conflict when only the mtime moved', async () => {
    const t = await makeBackend();
    const saved = await t.ok('workflow.save', { path: 't.flowgate.json', document: sampleWorkflow('Mine') });
    await touch(saved.path);
    await t.ok('workflow.save', { path: 't.flowgate.json', document: sampleWorkflow('Mine, edited'), expectedMtimeMs: saved.mtimeMs });
    expect(JSON.parse(await readFile(saved.path, 'utf8')).name).toBe('Mine, edited');
  });

  it('is no conflict when the disk already holds exactly what is being saved', async () => {
    const t = await makeBackend();
    const saved = await t.ok('workflow.save', { path: 't.flowgate.json', document: sampleWorkflow('Mine') });
    await rewrite(saved.path, 'Same result');
    await t.ok('workflow.save', { path: 't.flowgate.json', document: sampleWorkflow('Same result'), expectedMtimeMs: saved.mtimeMs });
  });

  it('is a conflict when the bytes changed, and the other version stays byte for byte', async () => {
    const t = await makeBackend();
    const saved = await t.ok('workflow.save', { path: 't.flowgate.json', document: sampleWorkflow('Mine') });
    await rewrite(saved.path, 'Theirs');
    const theirs = await readFile(saved.path);
    expect(await t.call('workflow.save', { path: 't.flowgate.json', document: sampleWorkflow('Mine 2'), expectedMtimeMs: saved.mtimeMs })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await readFile(saved.path)).toEqual(theirs);
  });

  it('is a conflict when the file was touched and then changed', async () => {
    const t = await makeBackend();
    const saved = await t.ok('workflow.save', { path: 't.flowgate.json', document: sampleWorkflow('Mine') });
    const touched = await touch(saved.path);
    expect(await t.ok('workflow.stat', { path: 't.flowgate.json', expectedMtimeMs: saved.mtimeMs })).toMatchObject({ changed: false });
    await rewrite(saved.path, 'Theirs');
    for (const expectedMtimeMs of [saved.mtimeMs, touched]) {
      expect(await t.call('workflow.save', { path: 't.flowgate.json', document: sampleWorkflow('Mine 2'), expectedMtimeMs })).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
    }
  });
});

describe('size limit on save', () => {
  it('refuses to write a workflow larger than Flowgate opens, and keeps the old file', async () => {
    const t = await makeBackend();
    const saved = await t.ok('workflow.save', { path: 'big.flowgate.json', document: sampleWorkflow('Small') });
    const before = await readFile(saved.path);
    const huge = { ...sampleWorkflow('Huge'), description: 'x'.repeat(MAX_FILE_BYTES) };
    expect(await t.call('workflow.save', { path: 'big.flowgate.json', document: huge })).toMatchObject({ ok: false, error: { code: 'invalid-workflow', path: '$' } });
    expect(await readFile(saved.path)).toEqual(before);
  });
});
