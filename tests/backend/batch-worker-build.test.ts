// The batch worker as it ships: built with the command line's build (vite.cli.config.ts) into a
// folder of its own, started as a worker thread on its own, and started by the built backend when
// `flowgate serve` runs a batch — no TypeScript compiler anywhere at run time.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleData } from '../../cli/commands/simulate';
import { REPO_ROOT, RESOURCES_DIR } from '../../cli/repo';
import type { WorkerInput, WorkerMessage } from '../../electron/backend/batch/protocol';
import { loadWorkflow } from '../../shared/model/load';
import { runBatch } from '../../shared/simulation/batch';
import { tempDir } from './helpers';

// Inside the checkout (out/ is not tracked): the built code finds the app's resources from there.
const OUT = join(REPO_ROOT, 'out', `cli-build-test-${process.pid}`);
const support = loadWorkflow(readFileSync(join(RESOURCES_DIR, 'templates', 'support-ticket-triage.flowgate.json'), 'utf8')).workflow;
const settings = { runs: 400, seed: 5 };

beforeAll(async () => {
  await build({ configFile: join(REPO_ROOT, 'vite.cli.config.ts'), logLevel: 'silent', build: { outDir: OUT, emptyOutDir: true } });
}, 120_000);
afterAll(() => rm(OUT, { recursive: true, force: true }));

describe('the built batch worker', () => {
  it('is an entry of its own beside the command line, with no TypeScript and no tsx in the build', () => {
    const files = readdirSync(OUT);
    expect(files).toEqual(expect.arrayContaining(['main.js', 'batch-worker.js']));
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    for (const f of files) expect(readFileSync(join(OUT, f), 'utf8')).not.toMatch(/(from |import\()["']tsx[/"']/);
  });

  it('runs a batch on its own, with progress, and gives the metrics of the engine in this thread', async () => {
    const cancel = new SharedArrayBuffer(4);
    const workerData: WorkerInput = { document: support, settings, sampleDataDir: join(RESOURCES_DIR, 'sample-data'), cancel, sliceMs: 5 };
    const worker = new Worker(pathToFileURL(join(OUT, 'batch-worker.js')), { workerData });
    const messages: WorkerMessage[] = [];
    const finished = await new Promise<WorkerMessage>((resolve, reject) => {
      worker.on('message', (m: WorkerMessage) => {
        messages.push(m);
        if (m.type === 'finished' || m.type === 'failed') resolve(m);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the worker exited (${code}) before it finished`)));
    });
    await worker.terminate();
    expect(messages[0]).toEqual({ type: 'started', total: 400 });
    expect(messages.some((m) => m.type === 'progress')).toBe(true);
    expect(finished.type).toBe('finished');
    if (finished.type === 'finished') expect(finished.result.metrics).toEqual(runBatch(support, loadSampleData(), settings).metrics);
  });

  it('is what the built backend of `flowgate serve` runs batches in', async () => {
    const root = await tempDir();
    const staticDir = join(root, 'static');
    await mkdir(staticDir);
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Flowgate</title>');
    // What bin/flowgate.js does, on this build.
    const script = join(root, 'flowgate.mjs');
    await writeFile(
      script,
      `const { main } = await import(${JSON.stringify(pathToFileURL(join(OUT, 'main.js')).href)});
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });\n`,
    );
    const args = ['serve', '--port', '0', '--data-dir', join(root, 'data'), '--static-dir', staticDir];
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    const exited = new Promise<number | null>((r) => child.on('close', r));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c;
          if (out.includes('\n')) resolve(out.split('\n')[0]);
        });
        child.on('close', () => reject(new Error(`serve exited early: ${stderr}`)));
      });
      const [, port, token] = /127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)$/.exec(line) ?? [];
      expect(port, line).toBeDefined();
      const call = (method: string, params: unknown) =>
        fetch(`http://127.0.0.1:${port}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Flowgate-Token': token }, body: JSON.stringify(params) }).then(
          (r) => r.json() as Promise<{ ok: boolean; result: Record<string, unknown> }>,
        );
      const started = await call('batch.start', { document: support, settings });
      expect(started.ok).toBe(true);
      const batchId = started.result.batchId;
      let progress = await call('batch.progress', { batchId });
      // Waits for the batch itself (a real event), however busy the machine is, asking as the panel does.
      while (progress.ok && !progress.result.finished) {
        await new Promise((r) => setTimeout(r, 50));
        progress = await call('batch.progress', { batchId });
      }
      expect(progress.result).toMatchObject({ state: 'done', done: 400, inWorker: true });
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
