// `flowgate draft` against the local mock server: exit 0 when the draft is written without errors,
// 1 when written with errors that remain, 2 when nothing is written (no model, a refusal, no readable
// draft, wrong options); the description from an argument or a file; an existing file kept; the
// model's text printed without control characters.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { printable } from '../../cli/commands/draft';
import { analyze } from '../../shared/analysis/analyze';
import { loadWorkflow } from '../../shared/model/load';
import { brokenRefundDraft, REFUND_DESCRIPTION, validRefundDraft } from '../fixtures/drafting/refund-drafts';
import { tempDir } from './helpers';
import { startMockOpenAi, type MockOpenAi, type MockOpenAiOptions } from './support/mock-openai-server';
import { runCli } from '../support/run-cli';

const servers: MockOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(options: MockOpenAiOptions = {}) {
  const s = await startMockOpenAi({ requireStrictSchema: true, ...options });
  servers.push(s);
  return s;
}

const run = (argv: string[], env: Record<string, string> = {}, cwd = process.cwd()) => runCli(argv, { cwd, env: { PATH: process.env.PATH, ...env } });

async function setup() {
  const dir = await tempDir();
  const dataDir = join(dir, 'data');
  await mkdir(dataDir);
  return { dir, dataDir, out: join(dir, 'refunds.flowgate.json') };
}

describe('flowgate draft', () => {
  it('writes a checked draft and exits 0; the key from FLOWGATE_AI_API_KEY goes to the model only', async () => {
    const { dataDir, out } = await setup();
    const s = await server({ apiKey: 'sk-cli-draft-key-1234567890' });
    s.script({ content: JSON.stringify(brokenRefundDraft()) }, { content: JSON.stringify(validRefundDraft()) });
    const r = await run(['draft', REFUND_DESCRIPTION, '--out', out, '--ai-base-url', s.url, '--ai-model', 'test-model', '--data-dir', dataDir], {
      FLOWGATE_AI_API_KEY: 'sk-cli-draft-key-1234567890',
    });
    expect(r.code).toBe(0);
    expect(s.chats()).toHaveLength(2);
    const wf = loadWorkflow(await readFile(out, 'utf8')).workflow;
    expect(wf.description).toBe(REFUND_DESCRIPTION);
    expect(analyze(wf).counts.error).toBe(0);
    expect(r.stdout).toContain(`Wrote ${out}: "Refund requests", 12 steps, 2 connections; drafted by test-model in 2 rounds.`);
    expect(r.stdout).toContain('The model assumed:\n  - Refunds of 50 euros or less are approved by a support agent.');
    expect(r.stdout).toContain('Each connection grants exactly what its steps use: Shop mailbox (email.read_inbox, email.send)');
    expect(r.stdout).toContain('The analysis finds nothing to fix.');
    expect(r.stderr).toContain(`The description goes to test-model at ${s.url} and nowhere else.`);
    expect(r.stderr).toContain('Round 1 of at most 4: asking test-model for a draft…');
    expect(r.stderr).toContain('Round 2 of at most 4: asking test-model to fix 2 errors…');
    expect(r.stdout + r.stderr).not.toContain('sk-cli-draft-key-1234567890');
  });

  it('writes what it has and exits 1 when errors remain after the repair rounds; JSON lists them', async () => {
    const { dataDir, out } = await setup();
    const s = await server({ draft: brokenRefundDraft() });
    await writeFile(join(dataDir, 'ai-settings.json'), JSON.stringify({ provider: 'openai-compatible', baseUrl: s.url, model: 'test-model' }));
    const r = await run(['draft', REFUND_DESCRIPTION, '--out', out, '--data-dir', dataDir, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(s.chats()).toHaveLength(4);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ written: out, model: 'test-model', rounds: 4, insertedGates: ['Tell the customer'], aiUsage: { calls: 4 } });
    expect(summary.counts.error).toBe(1);
    expect(summary.remaining[0]).toMatchObject({ path: '$.steps[2].next[0].to', severity: 'error', ruleId: null });
    expect(loadWorkflow(await readFile(out, 'utf8')).workflow.nodes.some((n) => n.label === 'Approve: Tell the customer')).toBe(true);
  });

  it('reads the description from a file', async () => {
    const { dir, dataDir } = await setup();
    const s = await server({ draft: validRefundDraft() });
    await writeFile(join(dir, 'process.txt'), `\uFEFF${REFUND_DESCRIPTION}\n`);
    const r = await run(['draft', '--from', 'process.txt', '--out', 'refunds.flowgate.json', '--ai-base-url', s.url, '--ai-model', 'test-model', '--data-dir', dataDir], {}, dir);
    expect(r.code).toBe(0);
    expect(loadWorkflow(await readFile(join(dir, 'refunds.flowgate.json'), 'utf8')).workflow.description).toBe(REFUND_DESCRIPTION);
    expect((s.chats()[0].body!.messages as { content: string }[])[1].content).toContain(REFUND_DESCRIPTION);
  });

  it('exits 2 and writes nothing without a model, when the model refuses, or when no reply is a draft', async () => {
    const { dataDir, out } = await setup();
    const none = await run(['draft', REFUND_DESCRIPTION, '--out', out, '--data-dir', dataDir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No model is set up: give --ai-base-url URL and --ai-model NAME');

    const s = await server();
    s.script({ status: 200, body: { id: 'c', object: 'chat.completion', created: 1, model: 'test-model', choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: 'Not this.' }, finish_reason: 'stop' }] } });
    const refused = await run(['draft', REFUND_DESCRIPTION, '--out', out, '--ai-base-url', s.url, '--ai-model', 'test-model', '--data-dir', dataDir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Nothing written: test-model declined to draft this: Not this.');

    s.options.text = 'Here is the workflow you asked for!';
    const unreadable = await run(['draft', REFUND_DESCRIPTION, '--out', out, '--ai-base-url', s.url, '--ai-model', 'test-model', '--data-dir', dataDir, '--format', 'json']);
    expect(unreadable.code).toBe(2);
    expect(JSON.parse(unreadable.stdout)).toMatchObject({ written: null, failure: { reason: 'unreadable', rounds: 4, problems: [{ path: '$', message: expect.stringContaining('not valid JSON') }] } });
    await expect(readFile(out)).rejects.toThrow();
  });

  it('refuses wrong usage, and keeps an existing file unless --force', async () => {
    const { dataDir, out } = await setup();
    const s = await server({ draft: validRefundDraft() });
    const flags = ['--ai-base-url', s.url, '--ai-model', 'test-model', '--data-dir', dataDir];
    expect((await run(['draft', '--out', out, ...flags])).stderr).toContain('Describe the process');
    expect((await run(['draft', REFUND_DESCRIPTION, ...flags])).stderr).toContain('Say where to write the draft: --out');
    expect((await run(['draft', 'a', '--from', 'x.txt', '--out', out, ...flags])).stderr).toContain('either as text or with --from FILE, not both');
    expect((await run(['draft', '--from', 'missing.txt', '--out', out, ...flags])).stderr).toContain('missing.txt: cannot read: no such file');
    expect((await run(['draft', REFUND_DESCRIPTION, '--out', out, '--ai-base-url', 'file:///etc', '--ai-model', 'm'])).code).toBe(2);
    await writeFile(out, 'keep me');
    const kept = await run(['draft', REFUND_DESCRIPTION, '--out', out, ...flags]);
    expect(kept.code).toBe(2);
    expect(kept.stderr).toContain('exists already');
    expect(await readFile(out, 'utf8')).toBe('keep me');
    expect(s.chats()).toHaveLength(0);
    expect((await run(['draft', REFUND_DESCRIPTION, '--out', out, '--force', ...flags])).code).toBe(0);
    expect(loadWorkflow(await readFile(out, 'utf8')).workflow.name).toBe('Refund requests');
  });

  it('prints the model’s text without control characters', async () => {
    const { dataDir, out } = await setup();
    const draft = validRefundDraft();
    draft.name = 'Refunds\u001b]0;pwned\u0007';
    draft.steps[9].label = 'Refunded\u009b31m';
    (draft.steps[7] as { next: { to: string }[] }).next[0].to = 'Refunded\u009b31m';
    const s = await server({ draft });
    const r = await run(['draft', REFUND_DESCRIPTION, '--out', out, '--ai-base-url', s.url, '--ai-model', 'test-model', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    // oxlint-disable-next-line no-control-regex
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    expect(r.stdout).toContain('"Refunds\uFFFD]0;pwned\uFFFD"');
    const json = await run(['draft', REFUND_DESCRIPTION, '--out', out, '--force', '--format', 'json', '--ai-base-url', s.url, '--ai-model', 'test-model', '--data-dir', dataDir]);
    // oxlint-disable-next-line no-control-regex
    expect(json.stdout).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    expect(JSON.parse(json.stdout).name).toBe('Refunds\u001b]0;pwned\u0007');
    expect(printable('a\nb\tc\u001bd\u202Ee')).toBe('a b c\uFFFDde');
  });
});
