// `flowgate simulate` and `flowgate lint` with the AI provider: --ai-base-url and --ai-model (the key
// from FLOWGATE_AI_API_KEY) or the app's saved settings; steps marked external call the model, the
// others stay on the mock; a local server is not flagged for sensitive data.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../../cli/repo';
import { tempDir } from './helpers';
import { startMockOpenAi, type MockOpenAi } from './support/mock-openai-server';
import { runCli } from '../support/run-cli';

const servers: MockOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const run = (argv: string[], env: Record<string, string> = {}) => runCli(argv, { env: { PATH: process.env.PATH, ...env } });

/** The support template with its classify step (n2) marked external, in a temp file; and an empty data folder. */
async function setup() {
  const dir = await tempDir();
  const wf = JSON.parse(await readFile(join(RESOURCES_DIR, 'templates', 'support-ticket-triage.flowgate.json'), 'utf8'));
  for (const n of wf.nodes) if (n.id === 'n2') n.config.provider = 'external';
  const file = join(dir, 'support.flowgate.json');
  await writeFile(file, JSON.stringify(wf));
  const dataDir = join(dir, 'data');
  await mkdir(dataDir);
  return { file, dataDir };
}

async function server(options: Parameters<typeof startMockOpenAi>[0] = {}) {
  const s = await startMockOpenAi(options);
  servers.push(s);
  return s;
}

describe('flowgate simulate with a model', () => {
  it('runs the external step on the model given by flags, with the key from FLOWGATE_AI_API_KEY, and reports usage', async () => {
    const { file, dataDir } = await setup();
    const s = await server({ label: 'technical', apiKey: 'sk-cli-test-key-1234567890' });
    const r = await run(['simulate', file, '--scenario', 'happy', '--format', 'json', '--ai-base-url', s.url, '--ai-model', 'test-model', '--data-dir', dataDir], {
      FLOWGATE_AI_API_KEY: 'sk-cli-test-key-1234567890',
    });
    expect(r.code).toBe(0);
    const trace = JSON.parse(r.stdout);
    const n2 = trace.events.find((e: { type: string; nodeId: string }) => e.type === 'ai' && e.nodeId === 'n2');
    expect(n2).toMatchObject({ provider: 'test-model', output: 'technical' });
    expect(trace.events.filter((e: { type: string; nodeId: string; provider: string }) => e.type === 'ai' && e.nodeId !== 'n2').every((e: { provider: string }) => e.provider === 'mock')).toBe(true);
    expect(trace.aiUsage).toEqual({ model: 'test-model', calls: 1, failed: 0, promptTokens: 120, completionTokens: 30, totalTokens: 150, usageReported: true, estimatedCostUsd: 0 });
    expect(r.stderr).toContain(`AI steps n2 run on the model "test-model" at ${s.url}.`);
    expect(s.chats()[0].authorization).toBe('Bearer sk-cli-test-key-1234567890');
    expect(r.stdout + r.stderr).not.toContain('sk-cli-test-key-1234567890');
  });

  it('uses the app’s saved settings without flags, and ends the text report with the usage', async () => {
    const { file, dataDir } = await setup();
    const s = await server({ label: 'billing' });
    await writeFile(join(dataDir, 'ai-settings.json'), JSON.stringify({ provider: 'openai-compatible', baseUrl: s.url, model: 'test-model' }));
    const r = await run(['simulate', file, '--scenario', 'happy', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/AI: 1 call to test-model, 150 tokens, estimated cost \$0 \(runs on this computer\)\.\n$/);
    expect(s.chats()).toHaveLength(1);
  });

  it('stays on the mock without flags or settings, and sends nothing', async () => {
    const { file, dataDir } = await setup();
    const s = await server();
    const r = await run(['simulate', file, '--scenario', 'happy', '--format', 'json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).aiUsage).toBeUndefined();
    expect(s.requests).toHaveLength(0);
  });

  it('refuses a bad base URL, and asks for a model when none is set', async () => {
    const { file, dataDir } = await setup();
    const bad = await run(['simulate', file, '--ai-base-url', 'ftp://example.com', '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--ai-base-url must be a web address');
    const noModel = await run(['simulate', file, '--ai-base-url', 'http://localhost:11434/v1', '--data-dir', dataDir]);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain('give the model to use with --ai-model NAME');
  });

  it('runs on when the model fails: the step takes its error output', async () => {
    const { file, dataDir } = await setup();
    const s = await server();
    s.script({ status: 401, body: { error: { message: 'bad key' } } });
    const r = await run(['simulate', file, '--scenario', 'happy', '--format', 'json', '--ai-base-url', s.url, '--ai-model', 'test-model', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const trace = JSON.parse(r.stdout);
    expect(trace.path.find((p: { nodeId: string }) => p.nodeId === 'n2')).toEqual({ nodeId: 'n2', handle: 'error' });
    expect(trace.aiUsage).toMatchObject({ calls: 1, failed: 1 });
  });
});

describe('flowgate simulate --runs with a model', () => {
  it('sends each item’s external step to the model and adds the usage to the JSON, saying so on stderr', async () => {
    const { file, dataDir } = await setup();
    const s = await server({ label: 'billing' });
    const r = await run(['simulate', file, '--runs', '6', '--seed', '4', '--format', 'json', '--ai-base-url', s.url, '--ai-model', 'test-model', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ format: 'flowgate.batch', runs: 6, outcomes: { escalated: 6 }, cancelled: false });
    expect(json.nodeVisits.n4).toBe(6);
    expect(json.aiUsage).toEqual({ model: 'test-model', calls: 6, failed: 0, promptTokens: 720, completionTokens: 180, totalTokens: 900, usageReported: true, estimatedCostUsd: 0 });
    expect(s.chats()).toHaveLength(6);
    expect(r.stderr).toContain(`AI steps n2 run on the model "test-model" at ${s.url}: about 6 calls to test-model at ${new URL(s.url).host}`);
    expect(r.stderr).toContain('AI: 6 calls to test-model, 900 tokens, estimated cost $0 (runs on this computer).');
    expect(r.stderr).toContain('not reproducible');
  });

  it('refuses a batch that would make more calls than allowed without asking, until --yes or --max-calls', async () => {
    const { file, dataDir } = await setup();
    const s = await server({ label: 'technical' });
    const base = ['simulate', file, '--runs', '25', '--ai-base-url', s.url, '--ai-model', 'test-model', '--data-dir', dataDir];
    const refused = await run(base);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`This batch would send about 25 calls to test-model at ${new URL(s.url).host}, more than the 20 the app's AI settings allow without asking.`);
    expect(refused.stderr).toContain('--yes');
    expect(refused.stdout).toBe('');
    const tooFew = await run([...base, '--max-calls', '24']);
    expect(tooFew.code).toBe(2);
    expect(tooFew.stderr).toContain('more than --max-calls 24');
    expect(s.requests).toHaveLength(0);

    const yes = await run([...base, '--yes']);
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain('batch of 25 items');
    expect(yes.stdout).toMatch(/AI: 25 calls to test-model, 3,750 tokens, estimated cost \$0 \(runs on this computer\)\.\n.*not reproducible.*\n$/);
    expect(s.chats()).toHaveLength(25);
    const allowed = await run([...base, '--max-calls', '25']);
    expect(allowed.code).toBe(0);
    expect(s.chats()).toHaveLength(50);
  });

  it('takes the limit from the app’s saved settings, and keeps a mock-only batch as it was', async () => {
    const { file, dataDir } = await setup();
    const s = await server();
    await writeFile(join(dataDir, 'ai-settings.json'), JSON.stringify({ provider: 'openai-compatible', baseUrl: s.url, model: 'test-model', maxCallsWithoutAsking: 2 }));
    const refused = await run(['simulate', file, '--runs', '3', '--data-dir', dataDir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('more than the 2 the app');
    const mockOnly = await run(['simulate', join(RESOURCES_DIR, 'templates', 'support-ticket-triage.flowgate.json'), '--runs', '300', '--format', 'json', '--data-dir', dataDir]);
    expect(mockOnly.code).toBe(0);
    expect(JSON.parse(mockOnly.stdout).aiUsage).toBeUndefined();
    expect(s.requests).toHaveLength(0);
  });

  it('says --yes and --max-calls belong to batches', async () => {
    const { file, dataDir } = await setup();
    const r = await run(['simulate', file, '--yes', '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--yes needs --runs N.');
    const bad = await run(['simulate', file, '--runs', '3', '--max-calls', 'lots', '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-calls must be a whole number');
  });
});

describe('flowgate lint and the provider’s address', () => {
  it('flags sensitive data sent to a remote provider, not to a server on this computer', async () => {
    const { file, dataDir } = await setup();
    const remote = await run(['lint', file, '--format', 'json', '--ai-base-url', 'https://api.openai.com/v1', '--data-dir', dataDir]);
    const ids = (out: string) => JSON.parse(out).files[0].findings.map((f: { ruleId: string; nodeId?: string }) => `${f.ruleId}@${f.nodeId}`);
    expect(ids(remote.stdout)).toContain('ai/sensitive-data@n2');
    const local = await run(['lint', file, '--format', 'json', '--ai-base-url', 'http://127.0.0.1:11434/v1', '--data-dir', dataDir]);
    expect(ids(local.stdout)).not.toContain('ai/sensitive-data@n2');
    await writeFile(join(dataDir, 'ai-settings.json'), JSON.stringify({ provider: 'openai-compatible', baseUrl: 'http://localhost:1234/v1' }));
    const saved = await run(['lint', file, '--format', 'json', '--data-dir', dataDir]);
    expect(ids(saved.stdout)).not.toContain('ai/sensitive-data@n2');
  });
});
