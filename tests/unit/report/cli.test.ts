// `flowgate report`: writes Markdown (with the diagram next to it) or one HTML file, runs a batch with
// --runs, and refuses options it cannot use.
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { loadWorkflow } from '../../../shared/model/load';
import { diagramSvg } from '../../../shared/report/diagram-svg';
import { runBatch } from '../../../shared/simulation/batch';
import { thousands } from '../../../shared/text';
import { runCli } from '../../support/run-cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SUPPORT = 'resources/templates/support-ticket-triage.flowgate.json';
const tmp = mkdtempSync(join(tmpdir(), 'flowgate-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const flowgate = (...args: string[]) => runCli(['report', ...args], { cwd: ROOT });

describe('flowgate report', () => {
  it('writes a self-contained HTML report with the batch it ran', async () => {
    const out = join(tmp, 'html', 'report.html');
    const r = await flowgate(SUPPORT, '--runs', '1500', '--seed', '5', '--out', out, '--date', '2024-06-03');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Wrote .*report\.html \(\d+ KB\)\.\n$/);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<title>Support ticket triage: readiness report</title>');
    expect(html).toContain('<dt>Date</dt><dd>2024-06-03</dd>');
    const wf = loadWorkflow(readFileSync(join(ROOT, SUPPORT), 'utf8')).workflow;
    const batch = runBatch(wf, loadSampleData(), { runs: 1500, seed: 5 });
    expect(html).toContain(`<div class="k">Reviewed by a person</div><div class="v">${thousands(batch.metrics.reviewed)}</div>`);
    expect(html).toContain('A batch of 1,500 items ran on this version of the workflow.');
  });

  it('writes Markdown with the diagram in a file next to it', async () => {
    const out = join(tmp, 'md', 'readiness.md');
    const r = await flowgate(SUPPORT, '--out', out, '--date', 'none');
    expect(r.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('![Diagram of the workflow "Support ticket triage"](readiness.diagram.svg)');
    expect(md).not.toContain('| Date |');
    expect(md).toContain('No batch has been run yet.');
    const wf = loadWorkflow(readFileSync(join(ROOT, SUPPORT), 'utf8')).workflow;
    expect(readFileSync(join(tmp, 'md', 'readiness.diagram.svg'), 'utf8')).toContain(diagramSvg(wf, { idPrefix: 'diagram', marks: {} }).slice(0, 200));
  });

  it('writes the batch charts next to a Markdown report as files of their own', async () => {
    const out = join(tmp, 'charts', 'readiness.md');
    const r = await flowgate(SUPPORT, '--out', out, '--runs', '200', '--date', 'none');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/readiness\.diagram\.svg and 4 charts \(readiness\.chart-\*\.svg\)/);
    const md = readFileSync(out, 'utf8');
    for (const key of ['outcomes', 'shares', 'cycle', 'workload']) {
      expect(md).toContain(`(readiness.chart-${key}.svg)`);
      expect(readFileSync(join(tmp, 'charts', `readiness.chart-${key}.svg`), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    }
    expect(md).not.toContain('data:image');
  });

  it('replaces an existing report atomically: a new file is renamed over it, the old one is never rewritten in place', async () => {
    const dir = join(tmp, 'atomic');
    mkdirSync(dir, { recursive: true });
    const out = join(dir, 'report.html');
    writeFileSync(out, 'the old report');
    // A hard link keeps the old file reachable: writing in place would change it too, a rename does not.
    linkSync(out, join(dir, 'old-link.html'));
    const r = await flowgate(SUPPORT, '--out', out, '--date', '2024-06-03');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('<!doctype html>')).toBe(true);
    expect(readFileSync(join(dir, 'old-link.html'), 'utf8')).toBe('the old report');
    // No temp file is left behind.
    expect(readdirSync(dir).sort()).toEqual(['old-link.html', 'report.html']);
  });

  it('prints Markdown to stdout without --out, or HTML with --format html', async () => {
    const md = await flowgate(SUPPORT, '--date', '2024-06-03');
    expect(md.code).toBe(0);
    expect(md.stdout.startsWith('# Support ticket triage: readiness report\n')).toBe(true);
    const html = await flowgate(SUPPORT, '--format', 'html', '--date', '2024-06-03');
    expect(html.stdout.startsWith('<!doctype html>')).toBe(true);
  });

  it('refuses what it cannot do', async () => {
    const cases: [string[], RegExp][] = [
      [['--out', join(tmp, 'x.pdf')], /Cannot tell the format from "x\.pdf"/],
      [['--format', 'pdf'], /--format must be "md" or "html"/],
      [['--date', 'yesterday'], /--date must look like 2024-06-03/],
      [['--sla', '30'], /--sla needs --runs N/],
      [['--runs', '0'], /--runs: must be at least 1/],
    ];
    for (const [args, message] of cases) {
      const r = await flowgate(SUPPORT, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(tmp, 'x.pdf'))).toBe(false);
    const missing = await flowgate('nope.flowgate.json');
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('nope.flowgate.json: cannot read: no such file');
  });
});
