import { readdir, readFile, symlink, writeFile, lstat, open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomicWriteFile, backupPathOf, realFs, type AtomicFs } from '../../electron/backend/atomic-write';
import { tempDir } from './helpers';

describe('atomicWriteFile', () => {
  it('writes a new file and leaves no temp file or backup behind', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.flowgate.json');
    await atomicWriteFile(file, 'first', { backup: true });
    expect(await readFile(file, 'utf8')).toBe('first');
    expect(await readdir(dir)).toEqual(['a.flowgate.json']);
  });

  it('keeps the previous version as <file>.bak', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.flowgate.json');
    await atomicWriteFile(file, 'v1', { backup: true });
    await atomicWriteFile(file, 'v2', { backup: true });
    await atomicWriteFile(file, 'v3', { backup: true });
    expect(await readFile(file, 'utf8')).toBe('v3');
    expect(await readFile(backupPathOf(file), 'utf8')).toBe('v2');
    expect((await readdir(dir)).sort()).toEqual(['a.flowgate.json', 'a.flowgate.json.bak']);
  });

  it('leaves the old file intact when the rename fails', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.flowgate.json');
    await writeFile(file, 'old content');
    const failingRename: AtomicFs = {
      ...realFs,
      rename: async (from, to) => {
        if (String(to) === file) throw Object.assign(new Error('simulated crash before rename'), { code: 'EIO' });
        return realFs.rename(from, to);
      },
    };
    await expect(atomicWriteFile(file, 'new content', { backup: true, fs: failingRename })).rejects.toThrow('simulated crash');
    expect(await readFile(file, 'utf8')).toBe('old content');
    // The temp file was cleaned up; the backup (taken before the rename) holds the old bytes too.
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(await readFile(backupPathOf(file), 'utf8')).toBe('old content');
  });

  it('leaves the old file intact when writing the temp file fails halfway', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.flowgate.json');
    await writeFile(file, 'old content');
    const halfWrite: AtomicFs = {
      ...realFs,
      open: (async (path: string, flags: string, mode: number) => {
        const handle = await open(path, flags, mode);
        return Object.assign(Object.create(handle), {
          writeFile: async (data: string) => {
            await handle.write(data.slice(0, data.length / 2));
            throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
          },
          close: () => handle.close(),
        });
      }) as AtomicFs['open'],
    };
    await expect(atomicWriteFile(file, 'a much longer new content', { fs: halfWrite })).rejects.toThrow('disk full');
    expect(await readFile(file, 'utf8')).toBe('old content');
    expect(await readdir(dir)).toEqual(['a.flowgate.json']);
  });

  it('serialises concurrent writes to one path: they never overlap and the last call wins', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.json');
    let active = 0;
    let maxActive = 0;
    // Count writes between opening the temp file and renaming it; a delay widens the window.
    const tracking: AtomicFs = {
      ...realFs,
      open: (async (...args: Parameters<AtomicFs['open']>) => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 5));
        return realFs.open(...args);
      }) as AtomicFs['open'],
      rename: async (from, to) => {
        await realFs.rename(from, to);
        if (String(to) === file) active--;
      },
    };
    const writes = Array.from({ length: 12 }, (_, i) => atomicWriteFile(file, `content ${i} `.repeat(1000), { backup: true, fs: tracking }));
    await Promise.all(writes);
    expect(maxActive).toBe(1);
    expect(await readFile(file, 'utf8')).toBe('content 11 '.repeat(1000));
    expect(await readFile(backupPathOf(file), 'utf8')).toBe('content 10 '.repeat(1000));
  });

  it('a failed write does not block the next write to the same path', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.json');
    const failing: AtomicFs = { ...realFs, rename: async () => Promise.reject(new Error('nope')) };
    const first = atomicWriteFile(file, 'one', { fs: failing });
    const second = atomicWriteFile(file, 'two');
    await expect(first).rejects.toThrow('nope');
    await second;
    expect(await readFile(file, 'utf8')).toBe('two');
  });

  it('writes through a symlink to its target instead of replacing the link', async () => {
    const dir = await tempDir();
    const target = join(dir, 'real.json');
    const link = join(dir, 'link.json');
    await writeFile(target, 'old');
    await symlink(target, link);
    await atomicWriteFile(link, 'new');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('new');
  });
});
