// Crash recovery journal: one atomic file per editor session in <dataDir>/journal/, listed at the
// next start, discarded on save or close; corrupt entries are set aside, never a crash.
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realFs, type AtomicFs } from '../../electron/backend/atomic-write';
import { MAX_JOURNAL_ENTRIES } from '../../electron/backend/journal';
import { MAX_DEPTH } from '../../shared/model/load';
import { makeBackend, sampleWorkflow, tempDir } from './helpers';

function nested(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { inner: value };
  return value;
}

describe('journal.write and journal.list', () => {
  it('keeps an unsaved session across a restart, with its file path and base mtime', async () => {
    const root = await tempDir();
    const options = { dataDir: join(root, 'data'), workspaceDir: join(root, 'ws') };
    const first = await makeBackend(options);
    const saved = await first.ok('workflow.save', { path: 'a.flowgate.json', document: sampleWorkflow('Before') });
    const edited = { ...sampleWorkflow('Edited, not saved'), description: 'typed after the last save' };
    await first.ok('journal.write', { key: 'session-1', path: 'a.flowgate.json', document: edited, savedAt: saved.mtimeMs });
    await first.ok('journal.write', { key: 'untitled-2', path: null, document: sampleWorkflow('  ') });
    // No close(): the process was killed.

    const next = await makeBackend(options);
    const entries = await next.ok('journal.list', {});
    expect(entries.map((e) => [e.key, e.name, e.path, e.savedAt])).toEqual(
      expect.arrayContaining([
        ['session-1', 'Edited, not saved', saved.path, saved.mtimeMs],
        ['untitled-2', 'Untitled workflow', null, null],
      ]),
    );
    expect(entries).toHaveLength(2);
    expect(entries.find((e) => e.key === 'session-1')!.document).toEqual(edited);
    expect(Date.parse(entries[0].updatedAt)).not.toBeNaN();
  });

  it('lists the newest entry first and overwrites an entry in place', async () => {
    const t = await makeBackend();
    await t.ok('journal.write', { key: 'old', path: null, document: sampleWorkflow('Old') });
    await t.ok('journal.write', { key: 'new', path: null, document: sampleWorkflow('New v1') });
    await new Promise((r) => setTimeout(r, 5));
    await t.ok('journal.write', { key: 'new', path: null, document: sampleWorkflow('New v2') });
    const entries = await t.ok('journal.list', {});
    expect(entries.map((e) => e.name)).toEqual(['New v2', 'Old']);
    expect((await readdir(join(t.dataDir, 'journal'))).sort()).toEqual(['new.json', 'old.json']);
  });

  it('discards an entry, also one whose write was still in flight, and discarding twice is fine', async () => {
    const t = await makeBackend();
    const write = t.ok('journal.write', { key: 'k', path: null, document: sampleWorkflow() });
    const discard = t.ok('journal.discard', { key: 'k' });
    await Promise.all([write, discard]);
    expect(await t.ok('journal.list', {})).toEqual([]);
    expect(await t.ok('journal.discard', { key: 'k' })).toEqual({});
    expect(await t.ok('journal.discard', { key: 'never-written' })).toEqual({});
  });

  it('a write that fails before its rename leaves the previous entry whole', async () => {
    let fail = false;
    const fs: AtomicFs = {
      ...realFs,
      rename: async (from, to) => {
        if (fail) throw Object.assign(new Error('killed'), { code: 'EIO' });
        return realFs.rename(from, to);
      },
    };
    const t = await makeBackend({ fs });
    await t.ok('journal.write', { key: 'k', path: null, document: sampleWorkflow('Kept') });
    fail = true;
    expect(await t.call('journal.write', { key: 'k', path: null, document: sampleWorkflow('Lost') })).toMatchObject({ ok: false, error: { code: 'io' } });
    fail = false;
    expect((await t.ok('journal.list', {})).map((e) => e.name)).toEqual(['Kept']);
    expect((await readdir(join(t.dataDir, 'journal'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['not JSON', '{"format": "flowgate.journal", '],
    ['the wrong shape', JSON.stringify({ format: 'flowgate.journal', version: 1, key: 'bad', path: null, updatedAt: 'x', document: { nodes: 'no' } })],
    ['a newer document version', JSON.stringify({ format: 'flowgate.journal', version: 1, key: 'bad', path: null, updatedAt: 'x', document: { ...sampleWorkflow(), schemaVersion: 2 } })],
    ['nesting beyond the limit', JSON.stringify({ format: 'flowgate.journal', version: 1, key: 'bad', path: null, updatedAt: 'x', document: { ...sampleWorkflow(), deep: nested(MAX_DEPTH + 5) } })],
  ])('an entry with %s is set aside with its bytes kept, and the others are still listed', async (_what, content) => {
    const t = await makeBackend();
    await t.ok('journal.write', { key: 'good', path: null, document: sampleWorkflow('Good') });
    await writeFile(join(t.dataDir, 'journal', 'bad.json'), content);

    expect((await t.ok('journal.list', {})).map((e) => e.key)).toEqual(['good']);
    const asideDir = join(t.dataDir, 'journal', 'corrupt');
    const aside = await readdir(asideDir);
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^bad\..+\.json$/);
    expect(await readFile(join(asideDir, aside[0]), 'utf8')).toBe(content);
    // Set aside once: the next listing neither sees it nor moves anything again.
    expect((await t.ok('journal.list', {})).map((e) => e.key)).toEqual(['good']);
    expect(await readdir(asideDir)).toHaveLength(1);
  });

  it('ignores files that are not entries and removes temp files left by a crash long ago', async () => {
    const t = await makeBackend();
    const dir = join(t.dataDir, 'journal');
    await mkdir(join(dir, 'folder.json'), { recursive: true });
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await writeFile(join(dir, '.k.json.abc123.tmp'), '{"half": ');
    await writeFile(join(dir, '.k.json.def456.tmp'), '{"in progress": ');
    await utimes(join(dir, '.k.json.abc123.tmp'), new Date(), new Date(Date.now() - 2 * 60 * 60 * 1000));
    expect(await t.ok('journal.list', {})).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(['.k.json.def456.tmp', 'folder.json', 'notes.txt']);
  });

  it('uses the file name as the key, so discard removes what list showed', async () => {
    const t = await makeBackend();
    await t.ok('journal.write', { key: 'one', path: null, document: sampleWorkflow() });
    const dir = join(t.dataDir, 'journal');
    await writeFile(join(dir, 'two.json'), await readFile(join(dir, 'one.json')));
    expect((await t.ok('journal.list', {})).map((e) => e.key).sort()).toEqual(['one', 'two']);
    await t.ok('journal.discard', { key: 'two' });
    expect((await t.ok('journal.list', {})).map((e) => e.key)).toEqual(['one']);
  });
});

describe('journal limits and path policy', () => {
  it.each(['', '../escape', 'a/b', 'a\\b', '.hidden', 'x'.repeat(129), 'con sole'])('refuses the key %j before touching the disk', async (key) => {
    const t = await makeBackend();
    expect(await t.call('journal.write', { key, path: null, document: sampleWorkflow() })).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.key' } });
    expect(await t.call('journal.discard', { key })).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.key' } });
    await expect(readdir(join(t.dataDir, 'journal'))).rejects.toThrow();
  });

  it('browser mode refuses a path outside the workspace and does not list such entries', async () => {
    const root = await tempDir();
    const dataDir = join(root, 'data');
    const t = await makeBackend({ dataDir, workspaceDir: join(root, 'ws') });
    expect(await t.call('journal.write', { key: 'k', path: '../outside.flowgate.json', document: sampleWorkflow() })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', path: '$.path' },
    });
    expect(await t.call('journal.write', { key: 'k', path: 'notes.txt', document: sampleWorkflow() })).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    // An entry the desktop app wrote for a file elsewhere stays on disk but is not offered here.
    const desktop = await makeBackend({ mode: 'desktop', dataDir, workspaceDir: join(root, 'docs') });
    await desktop.ok('journal.write', { key: 'desk', path: join(root, 'elsewhere', 'x.flowgate.json'), document: sampleWorkflow() });
    expect(await t.ok('journal.list', {})).toEqual([]);
    expect((await desktop.ok('journal.list', {})).map((e) => e.key)).toEqual(['desk']);
  });

  it('refuses documents too deep to be read back', async () => {
    const t = await makeBackend();
    const deep = { ...sampleWorkflow(), extra: nested(MAX_DEPTH) };
    expect(await t.call('journal.write', { key: 'k', path: null, document: deep })).toMatchObject({ ok: false, error: { code: 'invalid-workflow', path: '$.document' } });
    const deepest = { ...sampleWorkflow(), extra: nested(MAX_DEPTH - 2) };
    await t.ok('journal.write', { key: 'k', path: null, document: deepest });
    expect((await t.ok('journal.list', {}))[0].document).toEqual(deepest);
  });

  it(`keeps at most ${MAX_JOURNAL_ENTRIES} sessions, but an existing one can always be updated`, async () => {
    const t = await makeBackend();
    const dir = join(t.dataDir, 'journal');
    await t.ok('journal.write', { key: 'k0', path: null, document: sampleWorkflow() });
    const text = await readFile(join(dir, 'k0.json'), 'utf8');
    for (let i = 1; i < MAX_JOURNAL_ENTRIES; i++) await writeFile(join(dir, `k${i}.json`), text);
    expect(await t.call('journal.write', { key: 'one-more', path: null, document: sampleWorkflow() })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await t.ok('journal.write', { key: 'k5', path: null, document: sampleWorkflow('Still updated') });
    expect((await t.ok('journal.list', {})).find((e) => e.key === 'k5')!.name).toBe('Still updated');
  });
});
