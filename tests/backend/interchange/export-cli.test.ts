// `flowgate export --to bpmn`: exit codes 0 (written, warnings on stderr), 1 (analysis errors without
// --force, or a write failure) and 2 (unreadable, invalid, inexpressible, bad options); the files
// written beside the .bpmn; and no secret from the workflow file in any output.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBpmn } from '../../../electron/backend/interchange/bpmn-lint';
import { tempDir } from '../helpers';
import { runCli } from '../../support/run-cli';

const run = (argv: string[], cwd: string) => runCli(['export', ...argv], { cwd, env: process.env });

const template = (name: string) => readFileSync(join('resources/templates', name), 'utf8');

async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('flowgate-export-');
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

describe('flowgate export --to bpmn', () => {
  it('exit 0: writes the .bpmn with its forms and worker manifest beside it, checked by Camunda’s linter', async () => {
    const dir = await folderWith({ 'support.flowgate.json': template('support-ticket-triage.flowgate.json') });
    const r = await run(['support.flowgate.json', '--to', 'bpmn', '--out', 'out/support.bpmn', '--camunda', '8.7'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Wrote out/support.bpmn and support.workers.json, support.escalate-to-billing-team.form');
    expect(r.stderr).toContain('bpmnlint-plugin-camunda-compat');
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([
      'support.agent-writes-the-reply.form',
      'support.bpmn',
      'support.escalate-to-billing-team.form',
      'support.human-triage.form',
      'support.review-overdue.form',
      'support.supervisor-approves-reply.form',
      'support.workers.json',
    ]);
    const xml = readFileSync(join(dir, 'out/support.bpmn'), 'utf8');
    expect(xml).toContain('modeler:executionPlatformVersion="8.7.0"');
    expect((await checkBpmn(xml, '8.7')).errors).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'out/support.workers.json'), 'utf8')).camunda).toBe('8.7');
  });

  it('exit 1: refuses while the analysis finds errors and names them; --force exports anyway, with warnings on stderr', async () => {
    const dir = await folderWith({ 'risky.flowgate.json': template('risky-support-bot.flowgate.json') });
    const refused = await run(['risky.flowgate.json', '--to', 'bpmn', '--out', 'risky.bpmn'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not exported: the analysis finds 5 errors');
    expect(refused.stderr).toContain('permission/exceeds-grant (step "Refund automatically")');
    expect(existsSync(join(dir, 'risky.bpmn'))).toBe(false);

    const forced = await run(['risky.flowgate.json', '--to', 'bpmn', '--out', 'risky.bpmn', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('risky.flowgate.json: warning: "Answer the customer": its "low confidence" output leads nowhere');
    expect(forced.stderr).toContain('"Manager check" has no reviewer');
    expect(existsSync(join(dir, 'risky.bpmn'))).toBe(true);
    expect(existsSync(join(dir, 'risky.manager-check.form'))).toBe(true);
  });

  it('exit 1: a file that cannot be written is said plainly', async () => {
    const dir = await folderWith({ 'support.flowgate.json': template('support-ticket-triage.flowgate.json') });
    await mkdir(join(dir, 'taken.bpmn'));
    const r = await run(['support.flowgate.json', '--to', 'bpmn', '--out', 'taken.bpmn'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot write taken.bpmn');
  });

  it('exit 2: unreadable, not a workflow, nothing that starts it, a version Flowgate does not export to, wrong options', async () => {
    const noIntake = JSON.parse(template('support-ticket-triage.flowgate.json'));
    noIntake.nodes = noIntake.nodes.filter((n: { kind: string }) => n.kind !== 'intake');
    noIntake.edges = noIntake.edges.filter((e: { source: string }) => e.source !== 'n1');
    const dir = await folderWith({
      'broken.flowgate.json': '{ "format": "flowgate.workflow", ',
      'other.json': '{"hello": "world"}',
      'no-intake.flowgate.json': JSON.stringify(noIntake),
      'support.flowgate.json': template('support-ticket-triage.flowgate.json'),
    });
    const cases: [string[], string][] = [
      [['missing.flowgate.json', '--to', 'bpmn', '--out', 'x.bpmn'], 'missing.flowgate.json: cannot read: no such file'],
      [['broken.flowgate.json', '--to', 'bpmn', '--out', 'x.bpmn'], 'broken.flowgate.json: not a valid workflow'],
      [['other.json', '--to', 'bpmn', '--out', 'x.bpmn'], 'other.json: not a valid workflow'],
      [['no-intake.flowgate.json', '--to', 'bpmn', '--out', 'x.bpmn', '--force'], 'cannot be exported to Camunda 8 (BPMN): A Camunda process needs something that starts it: add an intake step.'],
      [['support.flowgate.json', '--to', 'bpmn', '--out', 'x.bpmn', '--camunda', '8.5'], 'Camunda 8.5 is not a version Flowgate exports to: choose 8.6, 8.7, 8.8.'],
      [['support.flowgate.json', '--to', 'bpmn'], 'Say where to write the export: --out NAME.bpmn.'],
      [['support.flowgate.json', '--to', 'camunda7', '--out', 'x.bpmn'], 'Flowgate cannot export to "camunda7"'],
      [['support.flowgate.json', '--to', 'n8n', '--out', 'x.json', '--camunda', '8.8'], '--camunda applies to --to bpmn only.'],
      [['support.flowgate.json', '--to', 'bpmn', '--out', 'x.bpmn', '--colour'], "Unknown option '--colour'"],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv, dir);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toContain(message);
    }
    expect(existsSync(join(dir, 'x.bpmn'))).toBe(false);
  });

  it('no secret a workflow file carries reaches the files, stdout or stderr', async () => {
    const secrets = ['sk-live-51HqXyZ0123456789abcdef', 'xoxb-1234567890-secret-token'];
    const wf = JSON.parse(template('support-ticket-triage.flowgate.json'));
    wf.connections = wf.connections.map((c: object) => ({ ...c, apiKey: secrets[0], oauth: { refreshToken: secrets[1] } }));
    wf.nodes = wf.nodes.map((n: { config: object }) => ({ ...n, config: { ...n.config, token: secrets[1] } }));
    const dir = await folderWith({ 'wf.flowgate.json': JSON.stringify(wf) });
    const r = await run(['wf.flowgate.json', '--to', 'bpmn', '--out', 'out/wf.bpmn'], dir);
    expect(r.code).toBe(0);
    const files = readdirSync(join(dir, 'out'));
    expect(files.length).toBeGreaterThan(2);
    for (const s of secrets) {
      expect(r.stdout + r.stderr).not.toContain(s);
      for (const f of files) expect(readFileSync(join(dir, 'out', f), 'utf8'), f).not.toContain(s);
    }
  });
});
