// The report in Markdown and HTML: every part the issue lists, in the same words in both, user text
// escaped, and an HTML file that cannot fetch anything.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { analyze } from '../../../shared/analysis/analyze';
import { loadWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { checklists } from '../../../shared/readiness/checklists';
import { REPORT_CSP, reportHtml } from '../../../shared/report/html';
import { reportMarkdown } from '../../../shared/report/markdown';
import { buildReport, type ReportInput } from '../../../shared/report/model';
import { rehearseScenarios } from '../../../shared/report/scenarios';
import { runBatch } from '../../../shared/simulation/batch';

const TEMPLATES = fileURLToPath(new URL('../../../resources/templates/', import.meta.url));
const sample = loadSampleData();

function template(name: string): Workflow {
  return loadWorkflow(readFileSync(`${TEMPLATES}${name}.flowgate.json`, 'utf8')).workflow;
}

function input(wf: Workflow, withBatch = true): ReportInput {
  const { rehearsals, problem } = rehearseScenarios(wf, sample, 1);
  return {
    workflow: wf,
    batch: withBatch ? runBatch(wf, sample, { runs: 400, seed: 3, faults: { aiUnavailable: 0.05, aiUnsure: 0, connectorFailure: 0.02 }, slaMinutes: 60 }) : null,
    scenarios: rehearsals,
    scenarioProblem: problem,
    generatedAt: '2024-06-03',
    generator: 'Flowgate 9.9.9',
  };
}

/** The risky template with one finding accepted on purpose, to show suppressions and their reasons. */
function riskyWithSuppression(): Workflow {
  const wf = template('risky-support-bot');
  const nodes = wf.nodes.map((n) => (n.id === 'n6' ? { ...n, lint: { disable: [{ rule: 'gate/missing-approval', reason: 'The survey text is fixed & approved by legal.' }] } } : n));
  return { ...wf, nodes };
}

describe('the report model', () => {
  it('holds the summary, connections, checklists, findings with suppressions, batch and scenarios', () => {
    const wf = riskyWithSuppression();
    const model = buildReport(input(wf));
    expect(model.workflow).toMatchObject({ name: 'Risky support bot', owner: '', steps: wf.nodes.length, connections: 3 });
    expect(model.connections.map((c) => [c.label, c.identity, c.grants, c.logging])).toEqual(wf.connections.map((c) => [c.label, c.identity, c.grants, c.logging]));
    expect(model.connections.find((c) => c.id === 'helpdesk')!.usedBy).toEqual(['New ticket', 'Answer the customer', 'Delete the ticket']);
    const analysis = analyze(wf);
    expect(model.findings).toHaveLength(analysis.findings.length);
    expect(model.suppressed).toEqual([expect.objectContaining({ ruleId: 'gate/missing-approval', where: 'step "Email a satisfaction survey"', reason: 'The survey text is fixed & approved by legal.' })]);
    expect(model.checklists).toEqual(checklists(wf));
    expect(model.fixAt['workflow.owner']).toBe('Fix it in the workflow’s properties (Owner)');
    expect(model.fixAt['integration.logging']).toBe('Fix it at the connection "Help desk"');
    expect(model.fixAt['workflow.reviewers']).toBe('Fix it at the step "Manager check"');
    expect(model.summary.batchSinceLastEdit).toBe(true);
    expect(model.scenarios.map((s) => s.id)).toEqual(['question', 'refund', 'ai-down']);
    expect(model.heatSvg).toContain('id="heat-arrow0"');
  });

  it('is the same for the same input', () => {
    const a = input(template('support-ticket-triage'));
    expect(reportHtml(a)).toBe(reportHtml(a));
    expect(reportMarkdown(a)).toBe(reportMarkdown(a));
  });
});

describe('Markdown', () => {
  it('has every section, the checklist answers, the findings with reasons and the batch figures', () => {
    const wf = riskyWithSuppression();
    const md = reportMarkdown(input(wf), { diagramHref: 'report.diagram.svg' });
    for (const heading of [
      '# Risky support bot: readiness report',
      '## At a glance',
      '## Diagram',
      '## Connections',
      '## Integration checklist',
      '## Workflow checklist',
      '## Findings',
      '### Errors',
      '### Accepted on purpose (1)',
      '## Batch simulation',
      '## Scenarios rehearsed',
    ]) {
      expect(md).toContain(`\n${heading}`.trimStart());
    }
    expect(md).toContain('![Diagram of the workflow "Risky support bot"](report.diagram.svg)');
    expect(md).toContain('| Owner | nobody named |');
    expect(md).toContain('| Which identities are used? | Help desk: owner\\@company.example (admin account); Support mailbox: support\\@ mailbox password; Billing: svc-support-bot |');
    expect(md).toContain('| Who owns it? | **Not answered.** Nobody is named as the owner of the workflow. *Fix it in the workflow’s properties (Owner).* |');
    expect(md).toContain('The survey text is fixed \\& approved by legal.');
    expect(md).toContain('| Help desk | Help desk | owner\\@company.example (admin account) | `tickets.*` | **no** | — | — |');
    expect(md).toMatch(/\| Items run \| 400 \| {2}\|/);
    // Each rehearsed scenario has a row.
    for (const s of rehearseScenarios(wf, sample).rehearsals) expect(md).toContain(`| ${s.name} |`);
  });

  it('embeds the diagram when there is no file for it, and says when no batch has run', () => {
    const md = reportMarkdown(input(template('support-ticket-triage'), false));
    expect(md).toMatch(/!\[Diagram of the workflow "Support ticket triage"\]\(data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(md).toContain('No batch has been run yet.');
    expect(md).toContain('- All 16 checklist questions are answered by the workflow itself.');
  });

  it('has the batch charts as images (embedded, or files the caller names), the links followed and the SLA', () => {
    const wf = template('support-ticket-triage');
    const withSla = { ...wf, simulation: { ...(wf.simulation as object), slaMinutes: 240 } };
    const given = input(withSla);
    const md = reportMarkdown(given);
    for (const heading of ['How items ended', 'Who handled the items', 'Cycle time (virtual clock)', 'Reviewer workload']) {
      expect(md).toContain(`**${heading}**\n\n![${heading}](data:image/svg+xml;charset=utf-8,%3Csvg`);
    }
    // The cover and the batch section agree: the workflow's SLA, and the one the batch counted.
    expect(md).toContain('| SLA | 4 h; the batch below counted 1 h |');
    const batch = given.batch!;
    const busiest = Object.entries(batch.metrics.edgeTraversals).sort(([, a], [, b]) => b - a)[0];
    const e = wf.edges.find((x) => x.id === busiest[0])!;
    const name = (id: string) => wf.nodes.find((n) => n.id === id)!.label;
    expect(md).toMatch(/\*\*Links followed\*\*\n\n\| Link \| Items \| Share of items \|\n\|---\|---\|---\|\n\| (.+) \|/);
    expect(md.split('**Links followed**')[1].split('\n')[4]).toContain(`${name(e.source)} → ${name(e.target)}`);
    const links = md.split('**Links followed**')[1].split('\n\n')[1].split('\n').slice(2);
    expect(links).toHaveLength(Object.values(batch.metrics.edgeTraversals).filter((n) => n > 0).length);

    const files = reportMarkdown(given, { diagramHref: 'r.diagram.svg', chartHref: (key) => `r.chart-${key}.svg` });
    expect(files).toContain('![How items ended](r.chart-outcomes.svg)');
    expect(files).toContain('![Reviewer workload](r.chart-workload.svg)');
    expect(files).not.toContain('data:image');
    // One source for the SLA: the workflow's own, and what the batch counted when that differs (the
    // batch here counted 1 h against a workflow without an SLA: the cover used to say "none set").
    const counted = input(wf);
    expect(counted.batch!.settings.slaMinutes).toBe(60);
    expect(reportMarkdown(counted)).toContain('| SLA | none set in the workflow; the batch below counted 1 h |');
    expect(reportMarkdown(counted)).toMatch(/SLA: 1 h\./);
    expect(reportHtml(counted)).toContain('<dt>SLA</dt><dd>none set in the workflow; the batch below counted 1 h</dd>');
    expect(reportMarkdown(input(wf, false))).toContain('| SLA | none set |');
    const same = input(withSla);
    const agreed = { ...same, batch: { ...same.batch!, settings: { ...same.batch!.settings, slaMinutes: 240 } } };
    expect(reportHtml(agreed)).toContain('<dt>SLA</dt><dd>4 h</dd>');
    // The app's words: links, not lines.
    expect(reportMarkdown(counted)).toContain('| Size | 16 steps, 2 connections, 23 links |');
    expect(reportHtml(given)).toContain('<dt>SLA</dt><dd>4 h; the batch below counted 1 h</dd>');
    expect(reportHtml(given)).toContain('<h3>Links followed</h3>');
  });

  it('keeps table cells in one piece whatever the labels hold', () => {
    const wf = template('support-ticket-triage');
    const odd = { ...wf, owner: 'Ops | *Team*\nLead', nodes: wf.nodes.map((n) => (n.id === 'n8' ? { ...n, config: { ...n.config, reviewer: 'Lead | <b>boss</b>' } } : n)) } as Workflow;
    const md = reportMarkdown(input(odd, false));
    expect(md).toContain('| Owner | Ops \\| \\*Team\\* Lead |');
    expect(md).toContain('Lead \\| \\<b\\>boss\\</b\\> at "Supervisor approves reply"');
  });
});

describe('HTML', () => {
  it('is one self-contained page: a CSP that forbids requests, no script, nothing external', () => {
    const html = reportHtml(input(template('support-ticket-triage')));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(REPORT_CSP).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|url\((?!#)/i);
    const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)].map((m) => m[1]);
    for (const ref of refs) expect(ref.startsWith('#')).toBe(true);
    expect(html.replace(/http:\/\/www\.w3\.org\/2000\/svg/g, '')).not.toMatch(/https?:\/\//);
  });

  it('shows the diagram, the checklists, findings, batch charts and scenarios', () => {
    const wf = riskyWithSuppression();
    const html = reportHtml(input(wf));
    expect(html).toContain('<figure class="diagram" id="workflow">');
    expect(html).toContain('<figure class="diagram" id="heat">');
    expect(html).toContain('aria-labelledby="chart-outcomes-title"');
    expect(html).toContain('aria-labelledby="chart-cycle-title"');
    expect(html).toContain('aria-labelledby="chart-workload-title"');
    expect(html).toContain('<h3>Integration <span class="pill warn">5 of 8 answered</span></h3>');
    expect(html).toContain('<span class="pill bad">Not answered</span> Nobody is named as the owner of the workflow.<div class="fix">Fix it in the workflow’s properties (Owner).</div>');
    expect(html).toContain('Accepted because: The survey text is fixed &amp; approved by legal.');
    expect(html).toContain('<h3>Accepted on purpose (1)</h3>');
    expect(html).toContain('<code>tickets.*</code>');
    expect(html).toContain('<span class="pill bad">not logged</span>');
    expect(html).toContain('Answer the customer');
    expect(html).toMatch(/<div class="k">Items run<\/div><div class="v">400<\/div>/);
  });

  it('escapes what the document says', () => {
    const wf = template('support-ticket-triage');
    const hostile = { ...wf, name: '</title><script>alert(1)</script>', description: '<img src=x onerror=alert(1)>' } as Workflow;
    const html = reportHtml(input(hostile, false));
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('sticky notes in the report', () => {
  const wf: Workflow = {
    ...template('support-ticket-triage'),
    notes: [
      { id: 'note2', text: 'Second, on the right', position: { x: 900, y: 600 } },
      { id: 'note1', text: 'Ask <Sam> before\nchanging *this*', position: { x: 0, y: 620 }, colour: 'pink' },
      { id: 'note3', text: '   ', position: { x: 0, y: 900 } },
    ],
  };

  it('lists every note with words, in reading order, in both layouts, escaped', () => {
    expect(buildReport({ workflow: wf }).notes).toEqual(['Ask <Sam> before\nchanging *this*', 'Second, on the right']);
    const md = reportMarkdown({ workflow: wf, generatedAt: '2024-06-03' });
    expect(md).toContain('**Notes on the diagram**\n\n- Ask \\<Sam\\> before changing \\*this\\*\n- Second, on the right\n');
    const html = reportHtml({ workflow: wf, generatedAt: '2024-06-03' });
    expect(html).toContain('<h3>Notes on the diagram</h3><ul class="notes"><li>Ask &lt;Sam&gt; before\nchanging *this*</li><li>Second, on the right</li></ul>'.replace('</h3><ul', '</h3>\n<ul'));
  });

  it('draws the notes on the diagram, under the steps, inside its frame', () => {
    const svg = buildReport({ workflow: wf }).diagramSvg;
    const notes = svg.indexOf('<g class="notes">');
    expect(notes).toBeGreaterThan(0);
    expect(notes).toBeLessThan(svg.indexOf('<g class="nodes">'));
    expect(svg).toContain('>Ask &lt;Sam&gt; before</text>');
    const [, top, , height] = /viewBox="(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number);
    // The lowest note (y 900, 140 high) is inside the picture.
    expect(top + height).toBeGreaterThanOrEqual(1040);
  });

  it('says nothing of notes when there are none', () => {
    expect(reportMarkdown({ workflow: template('support-ticket-triage') })).not.toContain('Notes on the diagram');
  });
});
