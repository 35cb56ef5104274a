// export.preview and export.write through the API contract: the same files and warnings as the command
// line, the engine's check before writing, the analysis' refusal unless forced, browser mode confined
// to the workspace, the desktop app to where the save dialog pointed; validated by the HTTP server and
// the Electron IPC binding alike.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import type { IpcMain, WebContents } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { CALL } from '../../../electron/main/channels';
import { createOriginPolicy } from '../../../electron/main/app-origin';
import { registerIpc } from '../../../electron/main/ipc';
import { createSenderCheck } from '../../../electron/main/trusted-sender';
import { startServer, type RunningServer } from '../../../electron/server/server';
import { exportBpmn } from '../../../shared/interchange/bpmn/index';
import { loadWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { FakeIpcMain, FakeWebContents } from '../../unit/electron/fake-electron';
import { makeBackend, tempDir } from '../helpers';

const load = (name: string): Workflow => loadWorkflow(readFileSync(join('resources/templates', name), 'utf8')).workflow;
const support = load('support-ticket-triage.flowgate.json');
const risky = load('risky-support-bot.flowgate.json');

describe('export.preview', () => {
  it('lists the files, warnings and the check of Camunda’s linter, writing nothing', async () => {
    const t = await makeBackend();
    const preview = await t.ok('export.preview', { document: risky, target: 'bpmn', options: { camunda: '8.6' }, baseName: 'Risky bot' });
    expect(preview.problem).toBeNull();
    expect(preview.files.map((f) => f.name)).toEqual(['Risky bot.bpmn', 'Risky bot.workers.json', 'Risky bot.manager-check.form']);
    expect(preview.files.every((f) => f.bytes > 100 && f.purpose.length > 10)).toBe(true);
    expect(preview.check).toEqual({ tool: 'bpmnlint 11.15.0 with bpmnlint-plugin-camunda-compat 2.61.0 (Camunda 8.6)', errors: [], warnings: [] });
    // The same warnings as the command line, from the same shared code.
    expect(preview.warnings).toEqual(exportBpmn(risky, { baseName: 'Risky bot', camunda: '8.6' }).warnings);
    expect(preview.analysisErrors.map((e) => e.ruleId)).toEqual(expect.arrayContaining(['permission/exceeds-grant', 'gate/missing-approval']));
    expect(readdirSync(t.workspaceDir)).toEqual([]);
  });

  it('says why a workflow cannot be expressed, and refuses a target or option that does not exist', async () => {
    const t = await makeBackend();
    const noStart = { ...support, nodes: support.nodes.filter((n) => n.kind !== 'intake'), edges: support.edges.filter((e) => e.source !== 'n1') };
    const preview = await t.ok('export.preview', { document: noStart, target: 'bpmn', options: {}, baseName: 'x' });
    expect(preview.problem).toEqual({ message: 'A Camunda process needs something that starts it: add an intake step.' });
    expect(preview.files).toEqual([]);
    const version = await t.ok('export.preview', { document: support, target: 'bpmn', options: { camunda: '7.21' }, baseName: 'x' });
    expect(version.problem?.message).toContain('Camunda 7.21 is not a version Flowgate exports to');
    const unknown = await t.call('export.preview', { document: support, target: 'camunda7', options: {}, baseName: 'x' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad-request', message: 'Flowgate cannot export to "camunda7".' } });
  });
});

describe('export.write in browser mode', () => {
  it('writes the main file and the files beside it in the workspace, byte for byte what the command line writes', async () => {
    const t = await makeBackend();
    await mkdir(join(t.workspaceDir, 'out'));
    const written = await t.ok('export.write', { document: support, target: 'bpmn', options: { camunda: '8.7' }, path: 'out/support.bpmn', force: false });
    expect(written.files.map((f) => f.name)).toEqual(exportBpmn(support, { baseName: 'support' }).files.map((f) => f.name));
    expect(written.files[0].path).toBe(join(t.workspaceDir, 'out', 'support.bpmn'));
    const cli = exportBpmn(support, { baseName: 'support', camunda: '8.7' });
    for (const [i, f] of written.files.entries()) expect(readFileSync(f.path, 'utf8')).toBe(cli.files[i].content);
    expect(readdirSync(join(t.workspaceDir, 'out')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses while the analysis finds errors unless forced', async () => {
    const t = await makeBackend();
    const refused = await t.call('export.write', { document: risky, target: 'bpmn', options: {}, path: 'risky.bpmn', force: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.force' } });
    expect(existsSync(join(t.workspaceDir, 'risky.bpmn'))).toBe(false);
    const forced = await t.ok('export.write', { document: risky, target: 'bpmn', options: {}, path: 'risky.bpmn', force: true });
    expect(forced.warnings).toBeGreaterThan(0);
    expect(existsSync(join(t.workspaceDir, 'risky.bpmn'))).toBe(true);
  });

  it('writes only inside the workspace, only a file of the target’s kind, never through a symlink out of it', async () => {
    const t = await makeBackend();
    const outside = await tempDir();
    await symlink(outside, join(t.workspaceDir, 'link'));
    const cases: [string, string][] = [
      ['../escape.bpmn', 'outside the workspace'],
      ['/tmp/abs.bpmn', 'outside the workspace'],
      ['link/x.bpmn', 'leads outside the workspace'],
      ['support.flowgate.json', 'is a workflow file'],
      ['support.md', 'An export to this engine is a ".bpmn" file'],
      ['.bpmn', 'hidden'],
    ];
    for (const [path, message] of cases) {
      const env = await t.call('export.write', { document: support, target: 'bpmn', options: {}, path, force: false });
      expect(env.ok, path).toBe(false);
      if (!env.ok) expect(env.error.message, path).toContain(message);
    }
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(t.workspaceDir)).toEqual(['link']);
  });
});

describe('export.write in the desktop app', () => {
  it('writes only where the save dialog pointed, with the other files beside it', async () => {
    const folder = await tempDir();
    let answer: string | null = join(folder, 'Support.bpmn');
    const t = await makeBackend({ mode: 'desktop', dialogs: { openFile: async () => null, saveFile: async () => answer } });
    const before = await t.call('export.write', { document: support, target: 'bpmn', options: {}, path: join(folder, 'Support.bpmn'), force: false });
    expect(before).toMatchObject({ ok: false, error: { message: 'Flowgate only writes exports to a place you picked in the save dialog.' } });
    const picked = await t.ok('dialog.saveFile', { suggestedName: 'Support.bpmn', kind: 'bpmn' });
    expect(picked.path).toBe(answer);
    const written = await t.ok('export.write', { document: support, target: 'bpmn', options: {}, path: picked.path!, force: false });
    expect(written.files.every((f) => f.path.startsWith(folder))).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(written.files.map((f) => f.name).sort());
    answer = null;
  });
});

describe('both transports validate the export calls', () => {
  const servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('HTTP: a bad call is refused naming the field; a good one writes the files', async () => {
    const t = await makeBackend();
    const staticDir = await tempDir();
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Flowgate</title>');
    const server = await startServer({ backend: t.backend, port: 0, staticDir });
    servers.push(server);
    const post = (method: string, body: unknown) =>
      new Promise<{ status: number; body: { ok: boolean; error?: { code: string; path?: string } } }>((resolve, reject) => {
        const data = JSON.stringify(body);
        const req = request(
          { host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/${method}`, headers: { 'Content-Type': 'application/json', 'X-Flowgate-Token': server.token, Host: `127.0.0.1:${server.port}` } },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
          },
        );
        req.on('error', reject);
        req.end(data);
      });
    const bad = await post('export.write', { document: support, target: 'bpmn', options: {}, path: 'x.bpmn' });
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.force' } });
    const tooMany = await post('export.preview', { document: support, target: 'bpmn', options: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`o${i}`, 'x'])), baseName: 'x' });
    expect(tooMany.body).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const good = await post('export.write', { document: support, target: 'bpmn', options: {}, path: 'x.bpmn', force: false });
    expect(good.body.ok).toBe(true);
    expect(existsSync(join(t.workspaceDir, 'x.bpmn'))).toBe(true);
  });

  it('IPC: a bad call is refused naming the field, without reaching the backend', async () => {
    const t = await makeBackend();
    await mkdir(t.workspaceDir, { recursive: true });
    const ipc = new FakeIpcMain();
    const wc = new FakeWebContents();
    wc.mainFrame.url = 'app://flowgate/index.html';
    registerIpc({
      ipcMain: ipc as unknown as IpcMain,
      backend: t.backend,
      isTrusted: createSenderCheck(createOriginPolicy('app'), (x: WebContents) => x === (wc as unknown)),
      onDirty: () => {},
    });
    const event = { sender: wc, senderFrame: wc.mainFrame };
    const bad = await ipc.invoke(CALL, event, 'export.preview', { document: support, target: 'bpmn', options: {} });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.baseName' } });
    const good = (await ipc.invoke(CALL, event, 'export.preview', { document: support, target: 'bpmn', options: {}, baseName: 'x' })) as { ok: boolean; result: { files: unknown[] } };
    expect(good.ok).toBe(true);
    expect(good.result.files.length).toBe(7);
  });
});
