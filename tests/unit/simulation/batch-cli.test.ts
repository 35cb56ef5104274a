// `flowgate simulate --runs N`: the metrics as JSON (the same bytes for the same seed) or as text,
// a progress bar on stderr only when it is a terminal, and clear refusals of options that do not fit.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { barCells, runWithProgress } from '../../../cli/commands/simulate-batch';
import { loadWorkflow } from '../../../shared/model/load';
import { BatchRunner, batchToJson, prepareBatch, runBatch } from '../../../shared/simulation/batch';
import { runCli, textSink as sink } from '../../support/run-cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SUPPORT = 'resources/templates/support-ticket-triage.flowgate.json';
const support = loadWorkflow(readFileSync(`${ROOT}${SUPPORT}`, 'utf8')).workflow;

const flowgate = (...args: string[]) => runCli(['simulate', ...args], { cwd: ROOT });

describe('flowgate simulate --runs', () => {
  it('prints the metrics as JSON with the documented fields, the same bytes on every run', async () => {
    const a = await flowgate(SUPPORT, '--runs', '2000', '--seed', '7', '--format', 'json');
    const b = await flowgate(SUPPORT, '--runs', '2000', '--seed', '7', '--format', 'json');
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.stdout).toBe(b.stdout);
    const json = JSON.parse(a.stdout);
    for (const key of ['runs', 'outcomes', 'completedWithoutHuman', 'reviewed', 'escalated', 'deniedCalls', 'errors', 'cycleTimeMinutes', 'nodeVisits', 'edgeTraversals']) {
      expect(json, key).toHaveProperty(key);
    }
    expect(json.runs).toBe(2000);
    expect(Object.keys(json.cycleTimeMinutes)).toEqual(expect.arrayContaining(['p50', 'p90', 'p95', 'max']));
    expect(Object.keys(json.nodeVisits)).toEqual(support.nodes.map((n) => n.id));
    expect(Object.keys(json.edgeTraversals)).toEqual(support.edges.map((e) => e.id));
    // The command line adds nothing of its own: the library gives the same bytes.
    expect(a.stdout).toBe(batchToJson(runBatch(support, loadSampleData(), { runs: 2000, seed: 7 })));
    const other = await flowgate(SUPPORT, '--runs', '2000', '--seed', '8', '--format', 'json');
    expect(other.stdout).not.toBe(a.stdout);
  });

  it('passes data set, faults and SLA through to the settings', async () => {
    const r = await flowgate(SUPPORT, '--runs', '300', '--dataset', 'tickets', '--ai-unavailable', '5%', '--ai-unsure', '0.1', '--connector-failure', '.02', '--sla', '90', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.settings).toEqual({ runs: 300, seed: 1, inputs: { from: 'dataset', dataset: 'tickets' }, faults: { aiUnavailable: 0.05, aiUnsure: 0.1, connectorFailure: 0.02 }, slaMinutes: 90 });
    expect(json.slaBreaches).toBeTypeOf('number');
    expect(json.failedCalls).toBeGreaterThan(0);
  });

  it('prints the metrics as text for people', async () => {
    const r = await flowgate(SUPPORT, '--runs', '500', '--sla', '60');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Support ticket triage · batch of 500 items · seed 1');
    expect(r.stdout).toMatch(/Outcomes \(the end step reached\)\n {2}\w+ +[\d,]+ +\d+\.\d %/);
    expect(r.stdout).toContain('Cycle time (virtual clock): p50');
    expect(r.stdout).toContain('Support supervisor');
    expect(r.stdout).toContain('Supervisor approves reply (n8)');
    expect(r.stdout).toMatch(/\n {2}Completed without a person +[\d,]+ +\d+\.\d %\n/);
    expect(r.stdout).toContain('Over the SLA of 1 h');
    expect(r.stdout).toMatch(/Cycle time \(virtual clock\): p50 .+ · p90 .+ · p95 .+ · max .+ · mean /);
  });

  it('refuses options that do not fit, saying which', async () => {
    const cases: [string[], RegExp][] = [
      [['--runs', '0'], /--runs: must be at least 1/],
      [['--runs', '100001'], /--runs: must be at most 100,000/],
      [['--runs', 'many'], /--runs must be a whole number from 1 to 100,000, not "many"/],
      [['--runs', '10', '--ai-unsure', '2'], /--ai-unsure must be a share from 0 to 100 % \(5%\) or from 0 to 1 \(0\.05\), not "2"/],
      [['--runs', '10', '--ai-unsure', '150%'], /--ai-unsure must be a share from 0 to 100 % \(5%\) or from 0 to 1 \(0\.05\), not "150%"/],
      [['--runs', '10', '--ai-unsure', 'often'], /--ai-unsure must be a share from 0 to 100 % \(5%\) or from 0 to 1 \(0\.05\), not "often"/],
      [['--runs', '10', '--ai-unsure', '60%', '--ai-unavailable', '50%'], /--ai-unsure: aiUnavailable and aiUnsure must add up to 1 at most/],
      [['--runs', '10', '--dataset', 'orders'], /--dataset: there is no data set "orders"/],
      [['--runs', '10', '--sla', 'soon'], /--sla must be a number of minutes \(or "none"\), not "soon"/],
      [['--runs', '10', '--decide', 'n8=approved'], /--runs runs a batch: --decide is for a single run/],
      [['--runs', '10', '--scenario', 'happy'], /--scenario is for a single run/],
      [['--sla', '30'], /--sla needs --runs N/],
    ];
    for (const [args, message] of cases) {
      const r = await flowgate(SUPPORT, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it("takes the workflow's own SLA unless --sla says otherwise, and refuses a bad one with its path", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-sla-'));
    const withSla = (sla: unknown) => {
      const file = join(dir, `sla-${String(sla)}.flowgate.json`);
      writeFileSync(file, JSON.stringify({ ...support, simulation: { ...(support.simulation as object), slaMinutes: sla } }));
      return file;
    };
    const file = withSla(60);
    const json = async (...args: string[]) => JSON.parse((await flowgate(file, '--runs', '200', '--format', 'json', ...args)).stdout);
    const own = await json();
    expect(own.settings.slaMinutes).toBe(60);
    expect(own.slaMinutes).toBe(60);
    expect(own.slaBreaches).toBeGreaterThan(0);
    expect((await json('--sla', '90')).settings.slaMinutes).toBe(90);
    const none = await json('--sla', 'none');
    expect(none.settings.slaMinutes).toBeNull();
    expect(none.slaBreaches).toBeNull();
    // Without an SLA of its own the workflow has none.
    expect(JSON.parse((await flowgate(SUPPORT, '--runs', '20', '--format', 'json')).stdout).settings.slaMinutes).toBeNull();

    const bad = await flowgate(withSla(-5), '--runs', '20');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('$.simulation.slaMinutes: must be more than 0 minutes');
  });

  it('fills the progress bar only when every item is done', () => {
    expect(barCells(956, 1000, 10)).toBe('[#########.]');
    expect(barCells(999, 1000, 40)).toBe(`[${'#'.repeat(39)}.]`);
    expect(barCells(1000, 1000, 10)).toBe('[##########]');
    expect(barCells(0, 1000, 10)).toBe('[..........]');
  });

  it('draws a progress bar on stderr when it is a terminal, and nothing when it is not', () => {
    let clock = 0;
    // A fake clock that moves 40 ms per reading: the bar appears after 300 ms, at most every 100 ms.
    const now = () => (clock += 40);
    const tty = sink(true);
    const out = sink();
    const runner = new BatchRunner(prepareBatch(support, loadSampleData(), { runs: 3000, seed: 1 }));
    const result = runWithProgress(runner, { stdout: out.stream, stderr: tty.stream, cwd: ROOT, env: {} }, now);
    expect(result.metrics.runs).toBe(3000);
    const text = tty.text();
    expect(text).toMatch(/\r\[#*\.*\] [\d,]+\/3,000 · [\d,]+\/s · [\d.]+ s left/);
    expect(text).toMatch(/Ran 3,000 items in [\d.]+ s \([\d,]+ items\/s\)\.\n$/);
    expect(out.text()).toBe('');

    const plain = sink();
    runWithProgress(new BatchRunner(prepareBatch(support, loadSampleData(), { runs: 3000, seed: 1 })), { stdout: out.stream, stderr: plain.stream, cwd: ROOT, env: {} }, now);
    expect(plain.text()).toBe('');
  });
});
