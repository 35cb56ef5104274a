import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../cli/repo';
import { tempDir } from './helpers';
import { runCli } from '../support/run-cli';

const BIN = join(REPO_ROOT, 'bin', 'flowgate.js');

const runMain = (argv: string[]) => runCli(argv, { env: process.env });

describe('flowgate command line', () => {
  it('--help exits 0 and lists serve', async () => {
    const r = await runMain(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}serve +Run Flowgate in your browser/m);
  });

  it('<command> --help prints its usage', async () => {
    const r = await runMain(['serve', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: flowgate serve [--port N] [--data-dir DIR] [--workspace DIR] [--open]');
    expect(r.stdout).not.toContain('static-dir');
  });

  it('an unknown command or option exits 2 with a message', async () => {
    const unknown = await runMain(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no command called "frobnicate"');
    expect((await runMain(['--nope'])).code).toBe(2);
    expect((await runMain([])).code).toBe(2);
    const badOption = await runMain(['serve', '--colour']);
    expect(badOption.code).toBe(2);
    const badPort = await runMain(['serve', '--port', 'eighty']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port needs a whole number');
  });

  it('bin/flowgate.js --help works as a real process', async () => {
    const child = spawn(process.execPath, [BIN, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(0);
    expect(out).toContain('serve');
  });

  it('serve --port 0 prints one URL line, answers app.info over HTTP, and stops cleanly on SIGTERM', async () => {
    const root = await tempDir();
    const staticDir = join(root, 'static');
    const dataDir = join(root, 'data');
    await mkdir(staticDir);
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Flowgate</title>');

    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, '--static-dir', staticDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    const exited = new Promise<number | null>((r) => child.on('close', r));
    const firstLine = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c;
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
      });
      child.on('close', () => reject(new Error(`serve exited early: ${stderr}`)));
    });

    const match = /^Flowgate is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/.exec(firstLine);
    expect(match, firstLine).not.toBeNull();
    const [, url, port, token] = match!;
    expect(Number(port)).toBeGreaterThan(0);

    const info = await fetch(`http://127.0.0.1:${port}/api/app.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Flowgate-Token': token },
      body: '{}',
    }).then((r) => r.json());
    expect(info).toMatchObject({ ok: true, result: { mode: 'browser', workspaceDir: join(dataDir, 'workflows'), warnings: [] } });
    expect(await fetch(url).then((r) => r.text())).toContain('<title>Flowgate</title>');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout.trimEnd().split('\n')).toEqual([firstLine]);
  });
});
