import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LibraryStore } from '../../electron/backend/library-store';
import { makeBackend, tempDir } from './helpers';

async function corruptDataDir(content: string): Promise<string> {
  const root = await tempDir();
  const dataDir = join(root, 'data');
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, 'library.json'), content);
  return root;
}

describe('library store', () => {
  it.each([
    ['bad JSON', '{"recent": [ oops'],
    ['the wrong shape', '{"recent": "not a list", "settings": {"theme": "system"}}'],
    ['an unknown theme', '{"recent": [], "settings": {"theme": "purple"}}'],
  ])('a store file with %s is set aside with its bytes kept, and the backend still starts', async (_what, content) => {
    const root = await corruptDataDir(content);
    const t = await makeBackend({ dataDir: join(root, 'data'), workspaceDir: join(root, 'ws') });

    const asideName = (await readdir(t.dataDir)).find((n) => /^library\.corrupt-.+\.json$/.test(n));
    expect(asideName).toBeDefined();
    expect(await readFile(join(t.dataDir, asideName!), 'utf8')).toBe(content);

    const info = await t.ok('app.info', {});
    expect(info.warnings).toHaveLength(1);
    expect(info.warnings[0]).toContain(join(t.dataDir, asideName!));

    // The fresh store works and is written as valid JSON, without touching the aside file.
    expect(await t.ok('recent.list', {})).toEqual([]);
    await t.ok('settings.update', { theme: 'light' });
    expect(JSON.parse(await readFile(join(t.dataDir, 'library.json'), 'utf8')).settings.theme).toBe('light');
    expect(await readFile(join(t.dataDir, asideName!), 'utf8')).toBe(content);
  });

  it('says where a store that is not JSON goes wrong, in the loader’s words rather than V8’s', async () => {
    const root = await corruptDataDir('{\n  "recent": [ oops');
    const t = await makeBackend({ dataDir: join(root, 'data'), workspaceDir: join(root, 'ws') });
    const [warning] = (await t.ok('app.info', {})).warnings;
    expect(warning).toContain('(not valid JSON: unexpected "o" at line 2, column 15)');
    expect(warning).not.toMatch(/Unexpected token|is not valid JSON/);
  });

  it('restores recent files and settings from library.json.bak when the store is corrupt, and says so', async () => {
    const root = await corruptDataDir('{"recent": [ oops');
    const dataDir = join(root, 'data');
    const previous = { recent: [{ path: '/ws/a.flowgate.json', name: 'A', openedAt: '2024-05-01T10:00:00.000Z' }], settings: { theme: 'dark' } };
    await writeFile(join(dataDir, 'library.json.bak'), JSON.stringify(previous));
    const t = await makeBackend({ dataDir, workspaceDir: join(root, 'ws') });

    expect(await t.ok('recent.list', {})).toEqual([expect.objectContaining({ path: '/ws/a.flowgate.json', name: 'A' })]);
    expect(await t.ok('settings.get', {})).toEqual({ theme: 'dark' });
    const asideName = (await readdir(dataDir)).find((n) => /^library\.corrupt-.+\.json$/.test(n))!;
    expect(await readFile(join(dataDir, asideName), 'utf8')).toBe('{"recent": [ oops');
    const [warning] = (await t.ok('app.info', {})).warnings;
    expect(warning).toContain('restored them from its backup copy');
    expect(warning).toContain(join(dataDir, 'library.json.bak'));
    expect(warning).toContain(join(dataDir, asideName));
    // Written back at once, so the next start reads it without a warning.
    expect(JSON.parse(await readFile(join(dataDir, 'library.json'), 'utf8'))).toEqual(previous);
    const { warnings } = await LibraryStore.open(dataDir);
    expect(warnings).toEqual([]);
  });

  it('starts with a fresh list when the backup is corrupt too', async () => {
    const root = await corruptDataDir('not json');
    const dataDir = join(root, 'data');
    await writeFile(join(dataDir, 'library.json.bak'), '{"recent": "nope"}');
    const { store, warnings } = await LibraryStore.open(dataDir);
    expect(store.recent()).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('started with a fresh list');
    expect(await readFile(join(dataDir, 'library.json.bak'), 'utf8')).toBe('{"recent": "nope"}');
  });

  it('a healthy store gives no warning and keeps fields this version does not know', async () => {
    const root = await corruptDataDir(JSON.stringify({ recent: [], settings: { theme: 'dark', fontSize: 14 }, future: { x: 1 } }));
    const t = await makeBackend({ dataDir: join(root, 'data'), workspaceDir: join(root, 'ws') });
    expect((await t.ok('app.info', {})).warnings).toEqual([]);
    expect(await t.ok('settings.get', {})).toEqual({ theme: 'dark' });
    await t.ok('settings.update', { theme: 'light' });
    const stored = JSON.parse(await readFile(join(t.dataDir, 'library.json'), 'utf8'));
    expect(stored).toEqual({ recent: [], settings: { theme: 'light', fontSize: 14 }, future: { x: 1 } });
  });

  it('keeps the recent list newest first without duplicates, and the previous store as .bak', async () => {
    const dataDir = join(await tempDir(), 'data');
    const { store } = await LibraryStore.open(dataDir);
    await store.addRecent('/a.flowgate.json', 'A');
    await store.addRecent('/b.flowgate.json', 'B');
    await store.addRecent('/a.flowgate.json', 'A renamed');
    await store.flush();
    expect(store.recent().map((r) => [r.path, r.name])).toEqual([
      ['/a.flowgate.json', 'A renamed'],
      ['/b.flowgate.json', 'B'],
    ]);
    const { store: reopened, warnings } = await LibraryStore.open(dataDir);
    expect(warnings).toEqual([]);
    expect(reopened.recent().map((r) => r.name)).toEqual(['A renamed', 'B']);
    const bak = JSON.parse(await readFile(join(dataDir, 'library.json.bak'), 'utf8'));
    expect(bak.recent.map((r: { name: string }) => r.name)).toEqual(['B', 'A']);
  });

  it('quick successive changes all reach the disk, the last state last', async () => {
    const dataDir = join(await tempDir(), 'data');
    const { store } = await LibraryStore.open(dataDir);
    const writes = Array.from({ length: 15 }, (_, i) => store.addRecent(`/f${i}.flowgate.json`, `F${i}`));
    await Promise.all(writes);
    const stored = JSON.parse(await readFile(join(dataDir, 'library.json'), 'utf8'));
    expect(stored.recent.map((r: { name: string }) => r.name)).toEqual(Array.from({ length: 15 }, (_, i) => `F${14 - i}`));
  });
});
