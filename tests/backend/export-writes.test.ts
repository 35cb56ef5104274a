// file.writeText writes exports and nothing else: in browser mode a token holder may not replace a
// workflow (that goes through workflow.save, with its checks), write dot-files or dot-folders such as
// .git/config, or write file types Flowgate does not export; in the desktop app the same rules apply
// to the file the user picked in the save dialog.
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NativeDialogs } from '../../electron/backend/types';
import { serializeWorkflow } from '../../shared/model/load';
import { makeBackend, sampleWorkflow, tempDir } from './helpers';

const GIT_CONFIG = '[core]\n\trepositoryformatversion = 0\n';

/** A browser-mode workspace that is also a git repository, with a saved workflow in it. */
async function gitWorkspace() {
  const t = await makeBackend();
  await mkdir(join(t.workspaceDir, '.git'));
  await writeFile(join(t.workspaceDir, '.git', 'config'), GIT_CONFIG);
  await t.ok('workflow.save', { path: 'support.flowgate.json', document: sampleWorkflow('Support') });
  const workflowText = await readFile(join(t.workspaceDir, 'support.flowgate.json'), 'utf8');
  return { t, workflowText };
}

describe('file.writeText in browser mode', () => {
  it('never replaces a workflow file: those are saved by workflow.save, validated and with a .bak', async () => {
    const { t, workflowText } = await gitWorkspace();
    for (const path of ['support.flowgate.json', 'SUPPORT.FLOWGATE.JSON', './support.flowgate.json', 'new.flowgate.json', 'sub/../support.flowgate.json']) {
      const answer = await t.call('file.writeText', { path, content: 'not a workflow' });
      expect(answer, path).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.path' } });
    }
    expect(await readFile(join(t.workspaceDir, 'support.flowgate.json'), 'utf8')).toBe(workflowText);
    expect((await readdir(t.workspaceDir)).sort()).toEqual(['.git', 'support.flowgate.json']);
  });

  it('refuses dot-files and dot-folders at every level, so .git/config stays as it was', async () => {
    const { t } = await gitWorkspace();
    await mkdir(join(t.workspaceDir, 'team', '.hidden'), { recursive: true });
    for (const path of ['.git/config', '.git/hooks/pre-commit.json', '.gitignore.md', '.report.md', 'team/.report.md', 'team/.hidden/report.md', '.git/../.git/config', '.vscode/settings.json']) {
      const answer = await t.call('file.writeText', { path, content: '[core]\n\tfsmonitor = "touch /tmp/pwned"\n' });
      expect(answer, path).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(await readFile(join(t.workspaceDir, '.git', 'config'), 'utf8')).toBe(GIT_CONFIG);
    expect(await readdir(join(t.workspaceDir, '.git'))).toEqual(['config']);
    expect(await readdir(join(t.workspaceDir, 'team', '.hidden'))).toEqual([]);
  });

  it('refuses a link inside the workspace that leads to a dot-file or into a dot-folder', async () => {
    const { t } = await gitWorkspace();
    await symlink(join(t.workspaceDir, '.git', 'config'), join(t.workspaceDir, 'notes.md'));
    await symlink(join(t.workspaceDir, '.git'), join(t.workspaceDir, 'docs'));
    for (const path of ['notes.md', 'docs/config.json', 'docs/report.md']) {
      expect(await t.call('file.writeText', { path, content: 'x' }), path).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(await readFile(join(t.workspaceDir, '.git', 'config'), 'utf8')).toBe(GIT_CONFIG);
    expect(await readdir(join(t.workspaceDir, '.git'))).toEqual(['config']);
  });

  it('writes only the file types Flowgate exports', async () => {
    const { t } = await gitWorkspace();
    for (const path of ['run.sh', 'notes.txt', 'report.md.sh', 'report', 'Makefile', 'evil.js', 'page.htm', 'x.flowgate.json.bak', 'package.json', 'report.md.', 'report.md ', 'report.md:evil', 'a.flowgate.json::$DATA']) {
      expect(await t.call('file.writeText', { path, content: 'x' }), path).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    const allowed = ['report.md', 'Report.HTML', 'diagram.svg', 'diagram.png', 'process.bpmn', 'approval.form', 'trace.json', 'support.n8n.json', 'report.pdf', 'team/report.md'];
    await mkdir(join(t.workspaceDir, 'team'));
    for (const path of allowed) {
      const { path: written } = await t.ok('file.writeText', { path, content: `content of ${path}` });
      expect(await readFile(written, 'utf8')).toBe(`content of ${path}`);
    }
    expect((await readdir(t.workspaceDir)).sort()).toEqual(['.git', ...allowed.filter((p) => !p.includes('/')), 'support.flowgate.json', 'team'].sort());
  });
});

describe('file.writeText in the desktop app', () => {
  function dialogs(picks: string[]): NativeDialogs {
    return { openFile: async () => null, saveFile: async () => picks.shift() ?? null };
  }

  it('writes an export where the user picked, but never a workflow file or a dot-file, even when picked', async () => {
    const dir = await tempDir();
    const workflowFile = join(dir, 'support.flowgate.json');
    await writeFile(workflowFile, serializeWorkflow(sampleWorkflow('Support')));
    const picks = [workflowFile, join(dir, '.bashrc.md'), join(dir, 'run.sh'), join(dir, 'diagram.svg')];
    const t = await makeBackend({ mode: 'desktop', dialogs: dialogs([...picks]) });
    for (const pick of picks) {
      expect(await t.ok('dialog.saveFile', { suggestedName: 'x', kind: 'svg' })).toEqual({ path: pick });
    }
    for (const pick of picks.slice(0, 3)) {
      expect(await t.call('file.writeText', { path: pick, content: 'x' }), pick).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    await t.ok('file.writeText', { path: join(dir, 'diagram.svg'), content: '<svg/>' });
    expect(JSON.parse(await readFile(workflowFile, 'utf8')).name).toBe('Support');
    expect((await readdir(dir)).sort()).toEqual(['diagram.svg', 'support.flowgate.json']);
  });
});
