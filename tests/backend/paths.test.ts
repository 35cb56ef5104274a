import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NativeDialogs } from '../../electron/backend/types';
import { serializeWorkflow } from '../../shared/model/load';
import { makeBackend, sampleWorkflow, tempDir } from './helpers';

describe('browser mode path policy', () => {
  it('refuses paths that escape the workspace, lexically or through symlinks', async () => {
    const t = await makeBackend();
    const outside = await tempDir();
    await writeFile(join(outside, 'secret.flowgate.json'), serializeWorkflow(sampleWorkflow('Secret')));
    await symlink(outside, join(t.workspaceDir, 'door'));
    await symlink(join(outside, 'secret.flowgate.json'), join(t.workspaceDir, 'link.flowgate.json'));

    for (const path of [
      '../escape.flowgate.json',
      'sub/../../escape.flowgate.json',
      join(outside, 'secret.flowgate.json'),
      'door/secret.flowgate.json',
      'link.flowgate.json',
    ]) {
      expect(await t.call('workflow.open', { path }), path).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.path' } });
      expect(await t.call('workflow.save', { path, document: sampleWorkflow('Overwrite') }), path).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    }
    expect(JSON.parse(await readFile(join(outside, 'secret.flowgate.json'), 'utf8')).name).toBe('Secret');
    expect(await t.call('file.writeText', { path: '../out.md', content: 'x' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('accepts relative names and subfolders inside the workspace', async () => {
    const t = await makeBackend();
    const saved = await t.ok('workflow.save', { path: 'team/a.flowgate.json', document: sampleWorkflow() });
    expect(saved.path).toBe(join(t.workspaceDir, 'team', 'a.flowgate.json'));
    expect((await t.ok('workflow.open', { path: saved.path })).document.name).toBe('Refund requests');
    const exported = await t.ok('file.writeText', { path: 'report.md', content: '# Report\n' });
    expect(await readFile(exported.path, 'utf8')).toBe('# Report\n');
  });

  it('only opens and saves files ending in .flowgate.json', async () => {
    const t = await makeBackend();
    await writeFile(join(t.workspaceDir, 'notes.json'), '{}');
    expect(await t.call('workflow.open', { path: 'notes.json' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.call('workflow.save', { path: 'a.json', document: sampleWorkflow() })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('has no native dialogs', async () => {
    const t = await makeBackend();
    expect(await t.call('dialog.openFile', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect((await t.ok('app.info', {})).nativeDialogs).toBe(false);
  });
});

describe('desktop mode path policy', () => {
  function fakeDialogs(savePath: string): NativeDialogs {
    return { openFile: async () => null, saveFile: async () => savePath };
  }

  it('requires full paths and writes exports only where the save dialog pointed', async () => {
    const dir = await tempDir();
    const picked = join(dir, 'diagram.svg');
    const t = await makeBackend({ mode: 'desktop', dialogs: fakeDialogs(picked) });
    expect((await t.ok('app.info', {})).nativeDialogs).toBe(true);
    expect(await t.call('workflow.save', { path: 'relative.flowgate.json', document: sampleWorkflow() })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    const saved = await t.ok('workflow.save', { path: join(dir, 'abs.flowgate.json'), document: sampleWorkflow() });
    expect(saved.path).toBe(join(dir, 'abs.flowgate.json'));

    expect(await t.call('file.writeText', { path: picked, content: '<svg/>' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.ok('dialog.saveFile', { suggestedName: 'diagram.svg', kind: 'svg' })).toEqual({ path: picked });
    await t.ok('file.writeText', { path: picked, content: '<svg/>' });
    expect(await readFile(picked, 'utf8')).toBe('<svg/>');
    expect(await t.call('file.writeText', { path: join(dir, 'other.svg'), content: 'x' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('does not create the workspace folder in desktop mode', async () => {
    const root = await tempDir();
    await makeBackend({ mode: 'desktop', workspaceDir: join(root, 'never') });
    await expect(mkdir(join(root, 'never'))).resolves.toBeUndefined();
  });
});
