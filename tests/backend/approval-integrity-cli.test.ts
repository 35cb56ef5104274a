// The redraft-after-approval workflow on the command line, in the readiness checklists and in the
// report: `flowgate lint` reports the stale approval, `flowgate simulate` marks the send and counts
// such calls in a batch, and the report says both, in Markdown and HTML.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../cli/repo';
import { loadWorkflow } from '../../shared/model/load';
import { readiness } from '../../shared/readiness/checklists';
import { tempDir } from './helpers';
import { runCli } from '../support/run-cli';

const FIXTURE = join(REPO_ROOT, 'tests', 'fixtures', 'redraft-after-approval.flowgate.json');
const TEMPLATE = join(REPO_ROOT, 'resources', 'templates', 'support-ticket-triage.flowgate.json');

const cli = (argv: string[]) => runCli(argv, { cwd: REPO_ROOT, env: process.env });

describe('flowgate lint', () => {
  it('reports the reply sent after it was polished, as an error', async () => {
    const r = await cli(['lint', FIXTURE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${FIXTURE}:n5 error gate/stale-approval "Send reply" can reply to the customer (tickets.reply) with reply, which "Polish reply" changes after "Supervisor approves reply" approved it`,
    );
    const json = await cli(['lint', FIXTURE, '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as { files: { findings: { ruleId: string; nodeId?: string; severity: string }[] }[] };
    expect(parsed.files[0].findings).toContainEqual(expect.objectContaining({ ruleId: 'gate/stale-approval', nodeId: 'n5', severity: 'error' }));
  });

  it('reports an approval that does not show what is sent, as a warning', async () => {
    const dir = await tempDir();
    const text = (await readFile(FIXTURE, 'utf8')).replace('"shows": ["ticketId", "reply"]', '"shows": ["ticketId"]');
    const file = join(dir, 'blind.flowgate.json');
    await writeFile(file, text);
    const r = await cli(['lint', file]);
    expect(r.stdout).toContain(`${file}:n3 warn gate/blind-approval "Supervisor approves reply" does not show its reviewer reply, which "Send reply" sends after it is approved`);
  });
});

describe('flowgate simulate', () => {
  it('marks the send whose content changed after the approval, and says what the reviewer was shown', async () => {
    const r = await cli(['simulate', FIXTURE, '--scenario', 'approved']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('the reviewer was shown ticketId, reply');
    expect(r.stdout).toContain('⚠ sends body changed after "Supervisor approves reply" approved it');
    expect(r.stdout).toContain('Calls: 2 · 1 call sent changed after approval');
    const json = JSON.parse((await cli(['simulate', FIXTURE, '--scenario', 'approved', '--format', 'json'])).stdout);
    expect(json.calls[1]).toMatchObject({ nodeId: 'n5', approvedContentChanged: true });
    expect(json.approvals[0].shown).toMatchObject({ ticketId: 'T-2001' });
  });

  it('counts such calls in a batch, by step', async () => {
    const r = await cli(['simulate', FIXTURE, '--runs', '200', '--seed', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Sent changed after approval: [\d,]+ calls, by step\n\s+Send reply \(n5\)\s+[\d,]+/);
    const json = JSON.parse((await cli(['simulate', FIXTURE, '--runs', '200', '--seed', '3', '--format', 'json'])).stdout);
    expect(json.changedAfterApproval).toBeGreaterThan(100);
    expect(json.changedAfterApprovalByNode).toEqual({ n5: json.changedAfterApproval });
  });

  it('counts items whose intake could not read them apart, as never entered', async () => {
    const json = JSON.parse((await cli(['simulate', TEMPLATE, '--runs', '2000', '--seed', '4', '--connector-failure', '0.05', '--format', 'json'])).stdout);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(json.notEntered).toBeGreaterThan(40);
    expect(json.stopped['no-error-path'] ?? 0).toBe(0);
    expect(sum(json.outcomes) + sum(json.stopped) + json.notEntered).toBe(2000);
    const text = (await cli(['simulate', TEMPLATE, '--runs', '2000', '--seed', '4', '--connector-failure', '0.05'])).stdout;
    expect(text).toMatch(/Never entered \(the intake could not read them\)\s+[\d,]+\s+[\d.]+ %/);
  });
});

describe('readiness and the report', () => {
  it('answers "Which steps need approval?" and "Who reviews the output?" with the same findings', async () => {
    const wf = loadWorkflow(await readFile(FIXTURE, 'utf8')).workflow;
    const r = readiness(wf);
    const item = (id: string) => r.checklists.flatMap((c) => c.items).find((i) => i.id === id)!;
    expect(item('workflow.approvals')).toMatchObject({
      answer: null,
      missing: '"Send reply" sends reply, which "Polish reply" changes after "Supervisor approves reply" approved it.',
      targets: [{ kind: 'node', nodeId: 'n5' }],
    });
    expect(item('workflow.reviewers')).toMatchObject({ question: 'Who reviews the output?', answer: 'Support supervisor at "Supervisor approves reply", shown ticketId and reply, within 4 h' });
    expect(item('workflow.exceptions').answerParts).toContain('If "New ticket" cannot read an item, the item never enters the workflow: it stays in Help desk, and a batch counts it apart');
    expect(r.summary).toMatchObject({ allSensitiveGated: false, ungatedNodeIds: [], changedAfterApprovalNodeIds: ['n5'] });
  });

  it('the report lists the finding, says so at a glance, and counts the changed sends of its batch and scenarios', async () => {
    const md = (await cli(['report', FIXTURE, '--date', 'none', '--runs', '200'])).stdout;
    expect(md).toContain('gate/stale-approval');
    expect(md).toContain('1 step can send something changed after it was approved: "Send reply".');
    expect(md).toMatch(/\*\*Sent changed after approval\*\*: calls whose content differs/);
    expect(md).toMatch(/\| Send reply \| [\d,]+ \|/);
    expect(md).toContain('| 2 (0; **1**) |');
    const dir = await tempDir();
    const out = join(dir, 'report.html');
    expect((await cli(['report', FIXTURE, '--date', 'none', '--runs', '200', '--out', out])).code).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('gate/stale-approval');
    expect(html).toContain('<h3>Sent changed after approval</h3>');
    expect(html).toContain('steps send what nobody approved');
  });
});
