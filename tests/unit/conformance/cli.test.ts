// `flowgate conform` end to end: exit codes, the JSON fields, text safe for a terminal, calibration.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeWorkflow } from '../../../shared/model/load';
import { example, ROOT, SUPPORT } from './helpers';
import { runCli } from '../../support/run-cli';

const SAMPLE = 'resources/sample-logs/support-ticket-triage.csv';
const tmp = mkdtempSync(join(tmpdir(), 'flowgate-conform-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const flowgate = (...args: string[]) => runCli(['conform', ...args], { cwd: ROOT });

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const EXAMPLE = file('example.flowgate.json', serializeWorkflow(example()));
const FITTING = 'case,activity,timestamp\n1,Receive,2024-06-03 09:00\n1,Draft,2024-06-03 09:01\n1,Approve,2024-06-03 09:30\n1,Send,2024-06-03 09:31\n';

describe('flowgate conform', () => {
  it('exits 0 when every case fits, and says so', async () => {
    const r = await flowgate(EXAMPLE, file('fits.csv', FITTING));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 case, 4 events\. Fitness 1\.000: every case fits the design\./);
    expect(r.stdout).toContain('Approval violations: none.');
  });

  it('exits 1 on deviations and prints the JSON the issue asks for', async () => {
    const r = await flowgate(SUPPORT, SAMPLE, '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json).slice(0, 11)).toEqual(['workflow', 'cases', 'events', 'fitness', 'fittingCases', 'deviatingCases', 'violations', 'unmappedActivities', 'variants', 'handleCounts', 'durations']);
    expect(json).toMatchObject({ cases: 200, events: 961, fittingCases: 196 });
    expect(json.fitness).toBeGreaterThan(0.99);
    expect(json.fitness).toBeLessThan(1);
    expect(json.deviatingCases[0]).toEqual({ caseId: 'C-0006', fitness: expect.any(Number), deviations: [{ kind: 'skipped', activity: 'Close ticket', nodeId: 'n10' }] });
    expect(json.violations[0]).toMatchObject({ caseId: 'C-0009', nodeId: 'n9', action: 'tickets.reply' });
    expect(json.variants[0]).toEqual({ activities: expect.any(Array), count: expect.any(Number), deviating: 0 });
    expect(json.handleCounts.n8).toEqual({ approved: expect.any(Number), rejected: expect.any(Number), timeout: expect.any(Number) });
    expect(json.durations.n8).toEqual({ median: expect.any(Number), p90: expect.any(Number), count: expect.any(Number) });
    // The same files always give the same bytes.
    expect((await flowgate(SUPPORT, SAMPLE, '--format', 'json')).stdout).toBe(r.stdout);
    // XES of the same events: the same answer.
    const xes = await flowgate(SUPPORT, 'resources/sample-logs/support-ticket-triage.xes', '--format', 'json');
    expect(xes.stdout).toBe(r.stdout);
  });

  it('exits 1 on an approval violation even when the case fits (the log never records approvals)', async () => {
    const r = await flowgate(EXAMPLE, file('unapproved.csv', 'case,activity,timestamp\n1,Receive,2024-06-03 09:00\n1,Draft,2024-06-03 09:01\n1,Send,2024-06-03 09:31\n'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Fitness 1.000');
    expect(r.stdout).toMatch(/Approval violations: 1 case did a sensitive step without its approval\n {2}1 {2}"Send" \(email\.send\) at 2024-06-03 09:31 UTC, without "Approve" \(a\) before it/);
  });

  it('exits 2 for a log, mapping or workflow it cannot read, naming the row', async () => {
    const bad = await flowgate(EXAMPLE, file('bad.csv', 'case,activity,timestamp\n1,Receive,2024-06-03 09:00\n1,Send,last Tuesday\n'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.csv: cannot read the log: Row 3: "last Tuesday" in column "timestamp"/);
    expect(bad.stdout).toBe('');
    expect((await flowgate(EXAMPLE, join(tmp, 'missing.csv'))).stderr).toMatch(/cannot read the log: no such file/);
    const mapping = await flowgate(EXAMPLE, file('m.csv', FITTING), '--map', file('map.json', '{"activities":{"Receive":"n99"}}'));
    expect(mapping.code).toBe(2);
    expect(mapping.stderr).toContain('"Receive" is mapped to "n99", but the workflow has no step with that id.');
    expect((await flowgate(file('broken.flowgate.json', '{'), file('m2.csv', FITTING))).code).toBe(2);
    expect((await flowgate(EXAMPLE, file('m3.csv', FITTING), '--out', 'x.json')).code).toBe(2);
    expect((await flowgate(EXAMPLE, file('m4.csv', FITTING), '--delimiter', 'ab')).code).toBe(2);
    expect((await flowgate(EXAMPLE)).code).toBe(2);
  });

  it('uses column flags and a mapping file', async () => {
    const log = file('named.csv', 'Ticket;Step;When\n1;Ticket in;2024-06-03 09:00\n1;Draft;2024-06-03 09:01\n1;By hand;2024-06-03 09:02\n');
    const r = await flowgate(EXAMPLE, log, '--case-column', 'Ticket', '--activity-column', 'Step', '--time-column', 'When', '--map', file('m.json', '{"Ticket in":"r"}'), '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).mapping[0]).toEqual({ activity: 'Ticket in', nodeId: 'r', by: 'map' });
  });

  it('replaces control characters from the log in its text, so a log cannot drive the terminal', async () => {
    const log = file('evil.csv', `case,activity,timestamp\n"x\u001b[2J\u009b31m",Receive,2024-06-03 09:00\n"x\u001b[2J\u009b31m","Wipe\u001b]0;pwned\u0007 \u202Eall",2024-06-03 09:01\n`);
    const r = await flowgate(EXAMPLE, log);
    expect(r.code).toBe(1);
    // oxlint-disable-next-line no-control-regex -- the point is that none are left
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/);
    expect(r.stdout).toContain('"Wipe\uFFFD]0;pwned\uFFFD \uFFFDall"');
    // So are error messages that quote the log.
    const bad = await flowgate(EXAMPLE, file('evil-time.csv', 'case,activity,timestamp\n1,A,"\u001b[31mnow"\n'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Row 2: "\uFFFD[31mnow" in column "timestamp"');
    // JSON keeps the text exactly (escaped by JSON itself).
    expect(JSON.parse((await flowgate(EXAMPLE, log, '--format', 'json')).stdout).unmappedActivities[0].activity).toBe('Wipe\u001b]0;pwned\u0007 \u202Eall');
  });

  it('--calibrate writes the numbers and the mapping into a copy, and leaves the original alone', async () => {
    const original = readFileSync(join(ROOT, SUPPORT), 'utf8');
    const source = file('support.flowgate.json', original);
    const out = join(tmp, 'calibrated.flowgate.json');
    const r = await flowgate(source, SAMPLE, '--calibrate', '--out', out, '--map', file('cal-map.json', '{"Call customer":"n15"}'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Calibration written to .*calibrated\.flowgate\.json:\n {2}reviewer "Support supervisor": approves \d+ %/);
    expect(readFileSync(source, 'utf8')).toBe(original);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(written.simulation)).toEqual(expect.arrayContaining(['scenarios', 'reviewers', 'handles', 'durations', 'calibration']));
    expect(written.simulation.calibration).toEqual({ log: 'support-ticket-triage.csv', cases: 200, events: 961 });
    expect(written.simulation.handles.n2).toEqual({ ok: expect.any(Number), low_confidence: expect.any(Number), error: 0 });
    expect(written.conformance).toEqual({ activities: { 'Call customer': 'n15' } });
    // The written workflow is a valid workflow, and its saved mapping is used next time.
    const again = await flowgate(out, SAMPLE, '--format', 'json');
    expect(JSON.parse(again.stdout).mapping).toContainEqual({ activity: 'Call customer', nodeId: 'n15', by: 'map' });
    // Without --out, the workflow file itself is calibrated.
    expect((await flowgate(source, SAMPLE, '--calibrate')).code).toBe(0);
    expect(JSON.parse(readFileSync(source, 'utf8')).simulation.calibration.cases).toBe(200);
  });
});
