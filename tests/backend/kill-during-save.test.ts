// The invariant behind every save: a process killed at any moment while saving leaves the old file or
// the new one — never a truncated or mixed file — and the same for its .bak and the library store.
// A child process saves a large workflow over and over with the backend's atomic write (as
// workflow.save does, with a .bak), alternating two versions, and is killed (SIGKILL) at a random
// moment, again and again.
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkflowValue, serializeWorkflow } from '../../shared/model/load';
import type { Workflow } from '../../shared/model/schema';
import { sampleWorkflow, tempDir } from './helpers';

const SOURCE = join(import.meta.dirname, 'support', 'save-forever.ts');
const KILLS = 20;
/** The child bundled to plain JavaScript once (esbuild, which tsx runs on), so each start takes milliseconds. */
let child = '';

beforeAll(async () => {
  child = join(await tempDir(), 'save-forever.mjs');
  await build({ entryPoints: [SOURCE], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: child, logLevel: 'silent' });
});

/** A version big enough (about 2 MB) that a save takes a while, so kills land mid-write. */
function version(name: string): Workflow {
  const wf = sampleWorkflow(name);
  return { ...wf, description: `${name} `.repeat(200_000) };
}

function startSaving(file: string, versionsFile: string) {
  const proc = spawn(process.execPath, [child, file, versionsFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (c: Buffer) => (stderr += c));
  const saving = new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (c: Buffer) => String(c).includes('saving') && resolve());
    proc.on('exit', (code) => reject(new Error(`the saving process ended on its own (${code}): ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  return { proc, saving, exited };
}

describe('a save killed at any moment', () => {
  it('leaves the old or the new version, never a broken file', async () => {
    const root = await tempDir();
    const workspaceDir = join(root, 'workspace');
    await mkdir(workspaceDir, { recursive: true });
    // What workflow.save writes: the document as the loader reads it, serialised.
    const texts = [version('Alpha'), version('Beta')].map((v) => serializeWorkflow(loadWorkflowValue(v).workflow));
    const versionsFile = join(root, 'versions.json');
    await writeFile(versionsFile, JSON.stringify(texts));
    const file = join(workspaceDir, 'saved.flowgate.json');

    const seen = new Set<string>();
    for (let kill = 0; kill < KILLS; kill++) {
      const run = startSaving(file, versionsFile);
      await run.saving;
      // A random moment within the next few saves.
      await new Promise((r) => setTimeout(r, Math.random() * 400));
      run.proc.kill('SIGKILL');
      await run.exited;

      const saved = await readFile(file, 'utf8');
      expect(texts.indexOf(saved), `after kill ${kill + 1}, the file is one of the versions (${saved.length} characters)`).toBeGreaterThanOrEqual(0);
      seen.add(saved);
      const bak = await readFile(`${file}.bak`, 'utf8').catch(() => null);
      if (bak !== null) expect(texts.indexOf(bak), `after kill ${kill + 1}, the .bak is one of the versions`).toBeGreaterThanOrEqual(0);
    }
    // Both versions were on disk at some point: the kills really fell between and during saves.
    expect(seen.size).toBe(2);
    // Whatever temp files the kills left are Flowgate's own (removed at a later start once stale).
    for (const name of await readdir(workspaceDir)) expect(name).toMatch(/^(saved\.flowgate\.json(\.bak)?|\.saved\.flowgate\.json\.[0-9a-f]{12}\.tmp|saved\.flowgate\.json\.bak\.[0-9a-f]{12}\.tmp)$/);
  }, 180_000);
});
