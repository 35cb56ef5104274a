// The API key never leaves the backend: with a recognisable key set through Settings, everything a
// user or a log can see — every API answer, app runs and batches and their history, a saved workflow, an export,
// the command line's output (a draft from a description too), the server's stdout and stderr, every file of the data folder except the
// key file itself — is searched for it. The model server, and only it, receives the key.
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../cli/repo';
import type { Workflow } from '../../shared/model/schema';
import { tempDir } from './helpers';
import { startMockOpenAi, type MockOpenAi } from './support/mock-openai-server';
import { validRefundDraft } from '../fixtures/drafting/refund-drafts';
import { runCli } from '../support/run-cli';

const KEY = 'sk-flowgate-LEAKCHECK-7c1e9f2a5b3d8e6f4a2c';
/** Any of these in an output means the key (or a recognisable part of it) got out. */
const FRAGMENTS = [KEY, 'LEAKCHECK', '7c1e9f2a5b3d', KEY.slice(-12)];
const BIN = join(REPO_ROOT, 'bin', 'flowgate.js');

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

function leaks(text: string): string[] {
  return FRAGMENTS.filter((f) => text.includes(f));
}

async function startServe(dataDir: string, staticDir: string) {
  // OPENAI_LOG=debug would make the openai package print requests, headers included, if it were listened to.
  const env = { ...process.env, OPENAI_LOG: 'debug', FLOWGATE_AI_API_KEY: '' };
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, '--static-dir', staticDir], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const output = { stdout: '', stderr: '' };
  child.stderr.on('data', (c: Buffer) => (output.stderr += c));
  const exited = new Promise<number | null>((r) => child.on('close', r));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      output.stdout += c;
      if (output.stdout.includes('\n')) resolve(output.stdout.split('\n')[0]);
    });
    child.on('close', () => reject(new Error(`serve exited early: ${output.stderr}`)));
  });
  const [, port, token] = /127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)/.exec(firstLine)!;
  const answers: string[] = [];
  async function call<T = unknown>(method: string, params: unknown): Promise<T> {
    const text = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Flowgate-Token': token },
      body: JSON.stringify(params),
    }).then((r) => r.text());
    answers.push(`${method}: ${text}`);
    const envelope = JSON.parse(text) as { ok: boolean; result: T; error?: { message: string } };
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
    return envelope.result;
  }
  async function stop() {
    child.kill('SIGTERM');
    await exited;
  }
  return { call, answers, output, stop };
}

const cli = (argv: string[], env: Record<string, string>) => runCli(argv, { env: { PATH: process.env.PATH, ...env } });

type RunView = { runId: string; status: string; trace: { events: { type: string; nodeId?: string; provider?: string; error?: string | null }[] } };

describe('the API key never leaks', () => {
  it('is in no answer, trace, file, export, command output or log — only in the requests to the model server', async () => {
    const model: MockOpenAi = await startMockOpenAi({ apiKey: KEY, label: 'billing', draft: validRefundDraft() });
    const searchedExtra: [string, string][] = [];
    cleanups.push(() => model.close());
    const root = await tempDir();
    const dataDir = join(root, 'data');
    const staticDir = join(root, 'static');
    await mkdir(staticDir);
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Flowgate</title>');
    const serve = await startServe(dataDir, staticDir);

    // Settings: the key goes in.
    await serve.call('ai.updateSettings', { provider: 'openai-compatible', baseUrl: model.url, model: 'test-model', apiKey: KEY });
    expect(await serve.call('ai.getSettings', {})).toMatchObject({ hasKey: true, keyStorage: 'file' });
    expect(await serve.call('ai.testConnection', {})).toMatchObject({ ok: true });
    await serve.call('app.info', {});

    // An app run whose AI steps call the model, its history, a saved workflow and an exported trace.
    const template = await serve.call<Workflow>('templates.get', { id: 'support-ticket-triage' });
    const document = { ...template, nodes: template.nodes.map((n) => (n.kind === 'ai' ? { ...n, config: { ...n.config, provider: 'external' as const } } : n)) };
    let view = await serve.call<RunView>('sim.start', { document, scenarioId: 'happy' });
    while (view.status === 'running') view = await serve.call<RunView>('sim.get', { runId: view.runId, waitMs: 2_000 });
    expect(view.trace.events.find((e) => e.type === 'ai' && e.nodeId === 'n2')).toMatchObject({ provider: 'test-model', error: null });
    await serve.call('runs.list', { workflowId: document.id });
    await serve.call('runs.get', { workflowId: document.id, runId: view.runId });
    await serve.call('workflow.save', { path: 'support.flowgate.json', document });
    await serve.call('file.writeText', { path: 'trace.json', content: JSON.stringify(view.trace) });
    // Refusals say why, and nothing more.
    await expect(serve.call('file.writeText', { path: '.git/config', content: 'x' })).rejects.toThrow(/hidden/);
    await expect(serve.call('file.writeText', { path: 'support.flowgate.json', content: 'x' })).rejects.toThrow(/workflow file/);

    // A batch whose AI steps call the model: its progress, result and history.
    const { batchId } = await serve.call<{ batchId: string }>('batch.start', { document, settings: { runs: 3, seed: 2 } });
    let progress = await serve.call<{ finished: boolean; aiUsage?: { calls: number } }>('batch.progress', { batchId });
    while (!progress.finished) progress = await serve.call<{ finished: boolean; aiUsage?: { calls: number } }>('batch.progress', { batchId });
    expect(progress.aiUsage!.calls).toBeGreaterThanOrEqual(3);
    await serve.call('batches.list', { workflowId: document.id });
    await serve.call('batches.get', { workflowId: document.id, batchId });

    // A workflow drafted from a description on the model: its progress and the draft itself.
    const { draftId } = await serve.call<{ draftId: string }>('draft.start', { description: 'When a refund request arrives by email, ask me before paying it back.' });
    let draft = await serve.call<{ finished: boolean; state: string }>('draft.progress', { draftId });
    while (!draft.finished) draft = await serve.call<{ finished: boolean; state: string }>('draft.progress', { draftId });
    expect(draft.state).toBe('done');

    // A server that refuses the key and repeats it in its error: the trace says so without the key.
    model.options.apiKey = 'sk-some-other-key';
    let refused = await serve.call<RunView>('sim.start', { document, scenarioId: 'happy' });
    while (refused.status === 'running') refused = await serve.call<RunView>('sim.get', { runId: refused.runId, waitMs: 2_000 });
    const refusal = refused.trace.events.find((e) => e.type === 'ai' && e.nodeId === 'n2');
    expect(refusal?.error).toContain('refused the API key (401)');
    expect(await serve.call('ai.testConnection', {})).toMatchObject({ ok: false, problem: 'unauthorized' });
    model.options.apiKey = KEY;
    await serve.call('ai.updateSettings', { model: 'test-model' });
    await serve.stop();

    // The command line: the key from the environment, and from the data folder's key file.
    const file = join(dataDir, 'workflows', 'support.flowgate.json');
    const outputs = [
      await cli(['lint', file, '--data-dir', dataDir], { FLOWGATE_AI_API_KEY: KEY }),
      await cli(['simulate', file, '--scenario', 'happy', '--format', 'json', '--data-dir', dataDir], { FLOWGATE_AI_API_KEY: KEY }),
      await cli(['simulate', file, '--scenario', 'billing', '--data-dir', dataDir], {}),
      await cli(['simulate', file, '--scenario', 'happy', '--ai-base-url', model.url, '--ai-model', 'test-model', '--data-dir', dataDir], { FLOWGATE_AI_API_KEY: KEY }),
      await cli(['simulate', file, '--runs', '2', '--format', 'json', '--data-dir', dataDir], { FLOWGATE_AI_API_KEY: KEY }),
      await cli(['draft', 'Refunds over 50 euros need my approval.', '--out', join(root, 'drafted.flowgate.json'), '--format', 'json', '--data-dir', dataDir], { FLOWGATE_AI_API_KEY: KEY }),
      await cli(['report', file, '--date', 'none'], { FLOWGATE_AI_API_KEY: KEY }),
    ];
    expect(outputs.every((o) => o.code === 0 || o.code === 1)).toBe(true);
    expect(outputs[1].text).toContain('"provider": "test-model"');
    expect(outputs[4].text).toContain('"aiUsage"');
    expect(outputs[5].text).toContain('"written"');
    searchedExtra.push(['drafted file', await readFile(join(root, 'drafted.flowgate.json'), 'utf8')]);

    // The key did reach the model server: it was used, not merely hidden.
    expect(model.requests.some((r) => r.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(model.requests.filter((r) => r.authorization === `Bearer ${KEY}`).length).toBeGreaterThanOrEqual(6);

    const searched: [string, string][] = [
      ...searchedExtra,
      ...serve.answers.map((a, i): [string, string] => [`API answer ${i} (${a.slice(0, 40)})`, a]),
      ['serve stdout', serve.output.stdout],
      ['serve stderr', serve.output.stderr],
      ...outputs.map((o, i): [string, string] => [`command line output ${i}`, o.text]),
    ];
    const files = (await filesUnder(dataDir)).filter((f) => relative(dataDir, f) !== 'ai-key');
    expect(files.map((f) => relative(dataDir, f))).toEqual(expect.arrayContaining(['ai-settings.json', 'library.json', join('workflows', 'support.flowgate.json'), join('workflows', 'trace.json')]));
    expect(files.some((f) => f.includes(`${join('runs')}`) || f.includes('history'))).toBe(true);
    expect(files.some((f) => relative(dataDir, f).startsWith(join('batches', '')))).toBe(true);
    for (const f of files) searched.push([relative(dataDir, f), await readFile(f, 'latin1')]);

    const found = searched.filter(([, text]) => leaks(text).length).map(([where, text]) => `${where}: ${leaks(text).join(', ')}`);
    expect(found).toEqual([]);
    // The key file itself holds the key, readable by its owner only.
    expect((await readFile(join(dataDir, 'ai-key'), 'utf8')).trim()).toBe(KEY);
  }, 60_000);
});
