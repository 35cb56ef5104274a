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
