import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../../cli/commands/index';
import { lint } from '../../../cli/commands/lint';
import { serializeWorkflow } from '../../../shared/model/load';
import { approval, conn, disable, doc, end, escalation, integration, intake } from './fixtures';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

async function run(args: string[]) {
  const out = sink();
  const err = sink();
  const code = await lint.run(args, { stdout: out.stream, stderr: err.stream, cwd: dir, env: {} });
  return { code, stdout: out.text(), stderr: err.text() };
}

const dir = mkdtempSync(join(tmpdir(), 'flowgate-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

const helpdesk = conn('helpdesk', 'helpdesk', ['tickets.read', 'tickets.reply']);
// Clean: the reply is approved, every output leads somewhere.
write(
  'clean.flowgate.json',
  serializeWorkflow(
    doc({
      connections: [helpdesk],
      nodes: [intake('in', 'helpdesk', 'tickets.read'), approval('gate'), integration('send', 'helpdesk', 'tickets.reply'), escalation('late'), end('done'), end('no', 'rejected')],
      edges: ['in -> gate', 'gate.approved -> send', 'gate.rejected -> no', 'gate.timeout -> late', 'late -> no', 'send.ok -> done', 'send.error -> late'],
    }),
  ),
);
// Two warnings: no owner, and a connection without logging.
write(
  'warnings.flowgate.json',
  serializeWorkflow(
    doc({
      owner: '',
      connections: [conn('helpdesk', 'helpdesk', ['tickets.read'], { logging: false })],
      nodes: [intake('in', 'helpdesk', 'tickets.read'), escalation('esc'), end('done')],
      edges: ['in -> esc', 'esc -> done'],
    }),
  ),
);
// One error (an unapproved reply), plus a suppressed one with its reason.
write(
  'errors.flowgate.json',
  serializeWorkflow(
    doc({
      connections: [conn('helpdesk', 'helpdesk', ['tickets.read', 'tickets.reply', 'tickets.close'])],
      nodes: [
        intake('in', 'helpdesk', 'tickets.read'),
        integration('send', 'helpdesk', 'tickets.reply'),
        disable(integration('close', 'helpdesk', 'tickets.close'), 'gate/missing-approval', 'Closing is undone with one click.'),
        escalation('esc'),
        end('done'),
      ],
      edges: ['in -> send', 'send.ok -> close', 'send.error -> esc', 'close.ok -> done', 'close.error -> esc', 'esc -> done'],
    }),
  ),
);
write('broken.flowgate.json', '{"format":"flowgate.workflow","schemaVersion":1,"id":"x","name":"X","owner":"","connections":[],"nodes":[{"id":"n1"}],"edges":[]}');
write('not-json.flowgate.json', '{ nope');

describe('flowgate lint', () => {
  it('is listed among the commands', () => {
    expect(commands).toContain(lint);
  });

  it('exits 0 on a clean file and says so', async () => {
    const r = await run(['clean.flowgate.json']);
    expect(r).toEqual({ code: 0, stdout: '1 file checked: no problems found.\n', stderr: '' });
  });

  it('prints one line per finding and a summary; warnings alone exit 0', async () => {
    const r = await run(['warnings.flowgate.json']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^warnings\.flowgate\.json warn workflow\/no-owner Nobody owns/),
      expect.stringMatching(/^warnings\.flowgate\.json:helpdesk warn integration\/no-audit-log "helpdesk" keeps no audit log/),
      '1 file checked: 0 errors, 2 warnings, 0 info.',
    ]);
  });

  it('exits 1 when there are more warnings than --max-warnings', async () => {
    expect((await run(['warnings.flowgate.json', '--max-warnings', '2'])).code).toBe(0);
    const r = await run(['warnings.flowgate.json', '--max-warnings', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2 warnings found, more than --max-warnings 1 allows');
  });

  it('exits 1 on errors, and lists suppressed findings with their reason', async () => {
    const r = await run(['errors.flowgate.json', 'clean.flowgate.json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^errors\.flowgate\.json:send error gate\/missing-approval "send" can reply to the customer/);
    expect(lines).toContainEqual(expect.stringMatching(/^errors\.flowgate\.json:close suppressed gate\/missing-approval .*\(reason: Closing is undone with one click\.\)$/));
    expect(lines.at(-1)).toBe('2 files checked: 1 error, 0 warnings, 0 info (1 suppressed).');
  });

  it('writes JSON in the documented shape, absent ids omitted', async () => {
    const r = await run(['--format', 'json', 'errors.flowgate.json', 'warnings.flowgate.json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.errorCount).toBe(1);
    expect(out.warningCount).toBe(2);
    expect(out.files.map((f: { file: string }) => f.file)).toEqual(['errors.flowgate.json', 'warnings.flowgate.json']);
    expect(out.files[0].findings).toEqual([{ ruleId: 'gate/missing-approval', severity: 'error', message: expect.any(String), nodeId: 'send' }]);
    expect(out.files[0].suppressed).toEqual([expect.objectContaining({ nodeId: 'close', reason: 'Closing is undone with one click.' })]);
    expect(out.files[1].findings).toEqual([
      { ruleId: 'workflow/no-owner', severity: 'warn', message: expect.any(String) },
      { ruleId: 'integration/no-audit-log', severity: 'warn', message: expect.any(String), connectionId: 'helpdesk' },
    ]);
  });

  it('exits 2 naming the path when a file is missing, not JSON or not a valid workflow, and still checks the others', async () => {
    const r = await run(['missing.flowgate.json', 'not-json.flowgate.json', 'broken.flowgate.json', 'warnings.flowgate.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.flowgate.json: cannot read: no such file');
    expect(r.stderr).toContain('not-json.flowgate.json: not a valid workflow: not valid JSON');
    expect(r.stderr).toMatch(/broken\.flowgate\.json: not a valid workflow: \$\.nodes\[0\]/);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1 file checked: 0 errors, 2 warnings, 0 info; 3 files could not be read.');
  });

  it('never says "no problems found" when a file could not be read', async () => {
    const r = await run(['missing.flowgate.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('0 files checked: nothing to report; 1 file could not be read.\n');
  });

  it('exits 2 on wrong usage', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--format', 'xml', 'clean.flowgate.json'])).code).toBe(2);
    expect((await run(['--max-warnings', 'many', 'clean.flowgate.json'])).code).toBe(2);
    expect((await run(['--colour', 'clean.flowgate.json'])).code).toBe(2);
    expect((await run(['.'])).stderr).toContain('.: cannot read: it is a folder');
  });
});
