// flowgate import, and lint/report/export on n8n files: real files in temp folders.
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../cli/repo';
import { loadWorkflow } from '../../shared/model/load';
import { makeBackend, tempDir } from './helpers';
import { runCli } from '../support/run-cli';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'n8n');

const run = (argv: string[], cwd: string) => runCli(argv, { cwd, env: { ...process.env, HOME: cwd } });

async function fixture(dir: string, name: string): Promise<string> {
  await copyFile(join(FIXTURES, name), join(dir, name));
  return name;
}

describe('flowgate import', () => {
  it('writes a Flowgate workflow beside the n8n file and sums up what the analysis finds', async () => {
    const dir = await tempDir();
    const file = await fixture(dir, 'support-inbox-ungated.json');
    const r = await run(['import', file], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Imported "Support inbox: AI reply" \(\d+ steps, 1 connection\) into .*support-inbox-ungated\.flowgate\.json: the analysis finds 1 error/);
    expect(r.stderr).toContain('assumed');
    const { workflow } = loadWorkflow(await readFile(join(dir, 'support-inbox-ungated.flowgate.json'), 'utf8'));
    expect(workflow.nodes.map((n) => n.label)).toContain('Send reply');
  });

  it('refuses to overwrite without --force, and writes to --out', async () => {
    const dir = await tempDir();
    const file = await fixture(dir, 'slack-digest.json');
    await writeFile(join(dir, 'mine.flowgate.json'), 'keep me');
    const refused = await run(['import', file, '--out', 'mine.flowgate.json'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('exists already');
    expect(await readFile(join(dir, 'mine.flowgate.json'), 'utf8')).toBe('keep me');
    expect((await run(['import', file, '--out', 'mine.flowgate.json', '--force'], dir)).code).toBe(0);
    expect(loadWorkflow(await readFile(join(dir, 'mine.flowgate.json'), 'utf8')).workflow.name).toBe('Daily sales digest');
  });

  it('refuses hostile and non-n8n files with a clear message and writes nothing', async () => {
    const dir = await tempDir();
    const wf = JSON.parse(await readFile(join(FIXTURES, 'support-inbox-ungated.json'), 'utf8'));
    wf.nodes[3].name = 'Draft reply';
    await writeFile(join(dir, 'dup.json'), JSON.stringify(wf));
    const dup = await run(['import', 'dup.json'], dir);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('two nodes called "Draft reply"');
    await expect(stat(join(dir, 'dup.flowgate.json'))).rejects.toThrow();
    await copyFile(join(REPO_ROOT, 'resources', 'templates', 'support-ticket-triage.flowgate.json'), join(dir, 't.flowgate.json'));
    const flowgate = await run(['import', 't.flowgate.json'], dir);
    expect(flowgate.code).toBe(2);
    expect(flowgate.stderr).toContain('is a Flowgate workflow already');
  });
});

describe('lint, report and export on n8n files', () => {
  it('lint names the n8n node that sends without approval, with the exit code of a Flowgate file', async () => {
    const dir = await tempDir();
    const ungated = await fixture(dir, 'support-inbox-ungated.json');
    const r = await run(['lint', ungated], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/support-inbox-ungated\.json:6b2f3c1e-8a4d-4f0b-9c3e-1d2a3b4c5d04 error gate\/missing-approval "Send reply" can reply to an email with Gmail/);
    const approved = await fixture(dir, 'support-inbox-approved.json');
    const ok = await run(['lint', approved, '--format', 'json'], dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).errorCount).toBe(0);
  });

  it('lint reports each workflow of a file holding several, and names a broken n8n file as such', async () => {
    const dir = await tempDir();
    const a = await readFile(join(FIXTURES, 'slack-digest.json'), 'utf8');
    const b = await readFile(join(FIXTURES, 'webhook-stripe-refund.json'), 'utf8');
    await writeFile(join(dir, 'all.json'), `[${a},${b}]`);
    const r = await run(['lint', 'all.json'], dir);
    expect(r.stdout).toContain('all.json#1 (Daily sales digest)');
    expect(r.stdout).toContain('all.json#2 (Refund requests)');
    const wf = JSON.parse(a);
    delete wf.connections;
    await writeFile(join(dir, 'cut.json'), JSON.stringify(wf));
    const cut = await run(['lint', 'cut.json'], dir);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain('cut.json: not a readable n8n workflow: The workflow has no "connections"');
  });

  it('report writes an HTML report for an n8n file', async () => {
    const dir = await tempDir();
    const file = await fixture(dir, 'agent-with-tools.json');
    const r = await run(['report', file, '--out', 'agent.html', '--date', 'none'], dir);
    expect(r.code).toBe(0);
    const html = await readFile(join(dir, 'agent.html'), 'utf8');
    expect(html).toContain('AI Agent');
    expect(html).toContain('gate/missing-approval');
  });
});

describe('opening an n8n file in the app', () => {
  it('says a .flowgate.json file holding an n8n workflow is one, and how to import it', async () => {
    const t = await makeBackend();
    await mkdir(t.workspaceDir, { recursive: true });
    await copyFile(join(FIXTURES, 'slack-digest.json'), join(t.workspaceDir, 'digest.flowgate.json'));
    expect(await t.call('workflow.open', { path: 'digest.flowgate.json' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-workflow', message: 'This is an n8n workflow, not a Flowgate one. Use Import to convert it into a new Flowgate workflow.', path: '$' },
    });
  });
});
