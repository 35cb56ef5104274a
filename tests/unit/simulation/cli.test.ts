import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/main';
import { loadSampleData } from '../../../cli/commands/simulate';
import { loadWorkflow } from '../../../shared/model/load';
import { simulateScenario } from '../../../shared/simulation/simulate';
import { traceToJson } from '../../../shared/simulation/trace';
import { approval, end, intake, workflow } from './build';
import { runCli, textSink as sink } from '../../support/run-cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SUPPORT = 'resources/templates/support-ticket-triage.flowgate.json';
const tmp = mkdtempSync(join(tmpdir(), 'flowgate-simulate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const flowgate = (...args: string[]) => runCli(['simulate', ...args], { cwd: ROOT });

describe('flowgate simulate', () => {
  it('prints the trace as JSON with the documented fields, the same bytes every time', async () => {
    const a = await flowgate(SUPPORT, '--scenario', 'billing', '--format', 'json');
    const b = await flowgate(SUPPORT, '--scenario', 'billing', '--format', 'json');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const trace = JSON.parse(a.stdout);
    expect(Object.keys(trace)).toEqual(expect.arrayContaining(['outcome', 'stopped', 'path', 'calls', 'changes', 'outbox', 'events', 'elapsedMinutes']));
    expect(trace.outcome).toBe('escalated');
    expect(trace.stopped).toBeNull();
    expect(trace.path.map((p: { nodeId: string }) => p.nodeId)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(trace.calls[0]).toMatchObject({ nodeId: 'n1', connection: 'helpdesk', action: 'tickets.read', allowed: true });
    const wf = loadWorkflow(readFileSync(join(ROOT, SUPPORT), 'utf8')).workflow;
    expect(a.stdout).toBe(traceToJson(simulateScenario(wf, loadSampleData(), { scenarioId: 'billing' })));
  });

  it('runs the first scenario without --scenario, and --seed changes only what is random', async () => {
    const first = JSON.parse((await flowgate(SUPPORT, '--format', 'json')).stdout);
    expect(first.scenario.id).toBe('happy');
    const other = JSON.parse((await flowgate(SUPPORT, '--format', 'json', '--seed', '7')).stdout);
    expect(other.seed).toBe(7);
    expect(other.path).toEqual(first.path);
    expect(other.elapsedMs).not.toBe(first.elapsedMs);
  });

  it('--decide overrides the scenario', async () => {
    const { code, stdout } = await flowgate(SUPPORT, '--scenario', 'happy', '--decide', 'n8=rejected', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'rejected', approvals: [{ nodeId: 'n8', decision: 'rejected', decidedBy: 'user' }] });
  });

  it('approves an approval nobody decides, and the text output says so', async () => {
    const file = join(tmp, 'gate.flowgate.json');
    const wf = workflow({
      nodes: [intake('i'), approval('g', { reviewer: 'Nobody in particular' }), end('yes', 'approved'), end('no', 'rejected')],
      edges: [
        ['i', 'out', 'g'],
        ['g', 'approved', 'yes'],
        ['g', 'rejected', 'no'],
      ],
    });
    writeFileSync(file, JSON.stringify(wf));
    const { code, stdout } = await flowgate(file);
    expect(code).toBe(0);
    expect(stdout).toContain('Outcome: approved');
    expect(stdout).toContain('"g" had neither a decision in the scenario nor a reviewer profile, so the command line approved it');
  });

  it('exits 0 for a run that stopped, with the reason', async () => {
    const { code, stdout } = await flowgate('resources/templates/risky-support-bot.flowgate.json', '--scenario', 'ai-down');
    expect(code).toBe(0);
    expect(stdout).toContain('Stopped, after');
    expect(stdout).toContain('left by its "error" output, which leads nowhere');
  });

  it('exits 2 for an unknown scenario or step, unreadable input, or wrong options', async () => {
    const unknownScenario = await flowgate(SUPPORT, '--scenario', 'nope');
    expect(unknownScenario).toMatchObject({ code: 2, stdout: '' });
    expect(unknownScenario.stderr).toContain('there is no scenario "nope"');
    expect((await flowgate(SUPPORT, '--decide', 'n99=approved')).stderr).toContain('no approval step with id "n99"');
    expect((await flowgate(SUPPORT, '--decide', 'n8=maybe')).code).toBe(2);
    expect((await flowgate(SUPPORT, '--seed', 'abc')).code).toBe(2);
    expect((await flowgate(SUPPORT, '--format', 'xml')).code).toBe(2);
    expect((await flowgate()).code).toBe(2);
    const missing = await flowgate('no/such.flowgate.json');
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('cannot read: no such file');
    const broken = join(tmp, 'broken.flowgate.json');
    writeFileSync(broken, '{"format": "flowgate.workflow", ');
    expect((await flowgate(broken)).stderr).toContain('not a valid workflow');
  });

  it('refuses a scenario whose decisions or faults name steps that do not exist, naming where', async () => {
    const file = join(tmp, 'dangling.flowgate.json');
    const wf = workflow({ nodes: [intake('i'), end('z')], edges: [['i', 'out', 'z']], simulation: { scenarios: [{ id: 's', decisions: { g9: 'approved' } }] } });
    writeFileSync(file, JSON.stringify(wf));
    const { code, stderr } = await flowgate(file);
    expect(code).toBe(2);
    expect(stderr).toContain('$.simulation.scenarios[0].decisions.g9: there is no approval step with id "g9"');
  });

  it('reports an invalid simulation section with its JSON path', async () => {
    const file = join(tmp, 'invalid.flowgate.json');
    const wf = workflow({ nodes: [intake('i'), end('z')], edges: [['i', 'out', 'z']], simulation: { scenarios: [{ id: 's', decisions: { z: 'perhaps' } }] } });
    writeFileSync(file, JSON.stringify(wf));
    const { code, stderr } = await flowgate(file);
    expect(code).toBe(2);
    expect(stderr).toContain('$.simulation.scenarios[0].decisions.z');
  });

  it('is listed in flowgate --help', async () => {
    const out = sink();
    await main(['--help'], { stdout: out.stream, stderr: sink().stream, cwd: ROOT, env: {} });
    expect(out.text()).toMatch(/simulate\s+Rehearse a run/);
  });
});
