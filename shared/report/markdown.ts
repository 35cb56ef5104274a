// The report as GitHub-flavoured Markdown. The diagram is an image: a file next to the report (the
// command line writes one), or, when no file name is given, embedded as a data URI.
import { CHANGED_AFTER_APPROVAL, faultsText, inputsText, minutesText, NOT_ENTERED, percent, stopReason } from '../simulation/batch-text';
import { thousands } from '../text';
import { changedRows, keyFigures, reportCharts, traversalRows, type ChartKey } from './batch-figures';
import { escapeMd, escapeMdCell, mdCodeCell } from './escape';
import { REPORT_LIMITS } from './limits';
import { buildReport, type FindingRow, type ReportInput, type ReportModel } from './model';
import { coverSize, coverSla, glanceLines, SEVERITY_TITLES, SIMULATION_NOTE } from './wording';

export interface MarkdownOptions {
  /** Where the diagram's SVG file is, relative to the report (`report.diagram.svg`); embedded when absent. */
  diagramHref?: string;
  /** Where each chart's SVG file is, relative to the report (`report.chart-outcomes.svg`); embedded when absent. */
  chartHref?: (key: ChartKey) => string;
}

/** An image: the file at `href`, or the SVG itself as a data: URI. */
function image(alt: string, svg: string, href: string | undefined): string {
  const src = href ?? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  // Parsers read an alt text as Markdown once its escapes are gone, so link and code characters are dropped from it.
  return `![${escapeMd(alt.replace(/[[\]<>!\\`]/g, ''))}](${src.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

const cell = escapeMdCell;

function findingTable(rows: readonly FindingRow[], withReason: boolean): string[] {
  const header = withReason ? ['Rule', 'Where', 'What', 'Reason it is accepted'] : ['Rule', 'Where', 'What', 'How to fix it'];
  return table(
    header,
    rows.map((f) => [mdCodeCell(f.ruleId), cell(f.where || 'the workflow'), cell(f.message), cell(withReason ? f.reason || '(no reason given)' : f.hint)]),
  );
}

function batchSection(model: ReportModel, options: MarkdownOptions): string[] {
  const batch = model.batch;
  if (!batch) return ['No batch has been run yet. Run one to see how many items finish without a person, where they wait, and how long they take.'];
  const m = batch.metrics;
  const s = batch.settings;
  const out: string[] = [];
  const ran = batch.cancelled ? `${thousands(m.runs)} of ${thousands(s.runs)} items (cancelled; the figures cover the items that finished)` : `${thousands(m.runs)} items`;
  out.push(`${ran}, seed ${s.seed}. Inputs: ${escapeMd(inputsText(s))}. Faults: ${faultsText(s)}.${s.slaMinutes !== null ? ` SLA: ${minutesText(s.slaMinutes)}.` : ''}`, '');
  out.push(...table(['Figure', 'Value', 'Share of items'], keyFigures(batch).map((f) => [cell(f.label), f.value, f.share ?? ''])), '');
  for (const chart of reportCharts(batch)) out.push(`**${escapeMd(chart.heading)}**`, '', image(chart.heading, chart.svg, options.chartHref?.(chart.key)), '');
  out.push('**Outcomes**', '');
  const outcomes = Object.entries(m.outcomes).map(([k, v]) => [cell(k), thousands(v), percent(v, m.runs)]);
  for (const [code, v] of Object.entries(m.stopped)) outcomes.push([cell(`stopped: ${stopReason(code)}`), thousands(v), percent(v, m.runs)]);
  if (m.notEntered) outcomes.push([cell(NOT_ENTERED), thousands(m.notEntered), percent(m.notEntered, m.runs)]);
  out.push(...table(['Outcome', 'Items', 'Share'], outcomes), '');
  const changed = changedRows(batch);
  if (changed.length) {
    out.push(`**${CHANGED_AFTER_APPROVAL}**: calls whose content differs from what the reviewer approved (gate/stale-approval).`, '');
    out.push(...table(['Step', 'Calls'], changed.map((r) => [cell(model.nodeLabel(r.nodeId)), thousands(r.calls)])), '');
  }
  const c = m.cycleTimeMinutes;
  out.push(`**Cycle time** on the virtual clock: median ${minutesText(c.p50)}, p90 ${minutesText(c.p90)}, p95 ${minutesText(c.p95)}, longest ${minutesText(c.max)} (mean ${minutesText(c.mean)}).`, '');
  const roles = Object.entries(m.reviewerWorkload);
  if (roles.length) {
    out.push('**Reviewer workload**', '');
    out.push(
      ...table(
        ['Reviewer', 'Items', 'Approved', 'Rejected', 'Timed out', 'Hours items waited'],
        roles.map(([role, w]) => [cell(role), thousands(w.items), thousands(w.approved), thousands(w.rejected), thousands(w.timedOut), thousands(Math.round(w.hours))]),
      ),
      '',
    );
  }
  out.push('**Steps**', '');
  out.push(
    ...table(
      ['Step', 'Visits', 'Mean time', 'Denied calls', 'Errors'],
      Object.entries(m.nodeVisits).map(([id, v]) => [
        cell(model.nodeLabel(id)),
        thousands(v),
        v ? minutesText((m.nodeMeanSeconds[id] ?? 0) / 60) : '—',
        thousands(m.deniedCallsByNode[id] ?? 0),
        thousands(m.errorsByNode[id] ?? 0),
      ]),
    ),
  );
  const links = traversalRows(batch);
  if (links.length) {
    out.push('', '**Links followed**', '', ...table(['Link', 'Items', 'Share of items'], links.map((l) => [cell(model.edgeLabel(l.edgeId)), thousands(l.items), percent(l.items, m.runs)])));
  }
  return out;
}

export function renderMarkdown(model: ReportModel, options: MarkdownOptions = {}): string {
  const w = model.workflow;
  const out: string[] = [];
  out.push(`# ${escapeMd(model.title)}`, '');
  if (w.description) out.push(`> ${escapeMd(w.description, REPORT_LIMITS.description)}`, '');
  out.push(
    ...table(
      ['', ''],
      [
        ['Owner', cell(w.owner || 'nobody named')],
        ['SLA', cell(coverSla(model))],
        ...(model.generatedAt ? [['Date', cell(model.generatedAt)]] : []),
        ['Size', coverSize(model, ', ')],
        ['Made with', cell(model.generator)],
      ],
    ),
    '',
  );

  if (model.omissions.length) {
    out.push('**What this report leaves out**, so that it stays readable:', '', ...model.omissions.map((o) => `- ${escapeMd(o)}`), '');
  }

  out.push('## At a glance', '', ...glanceLines(model).map((l) => `- ${escapeMd(l)}`), '');

  out.push('## Diagram', '');
  if (model.diagramSvg) out.push(image(`Diagram of the workflow "${w.name}"`, model.diagramSvg, options.diagramHref), '');
  else out.push(`*The diagram is left out: ${thousands(w.steps)} steps and ${thousands(w.lines)} lines are more than a report draws.*`, '');
  if (model.notes.length) out.push('**Notes on the diagram**', '', ...model.notes.map((n) => `- ${escapeMd(n)}`), '');

  out.push('## Connections', '');
  if (!model.connections.length) out.push('No system is connected.', '');
  else {
    out.push(
      ...table(
        ['Connection', 'System', 'Identity', 'Grants', 'Logged', 'Maintainer', 'How access is revoked', 'Used by'],
        model.connections.map((c) => [
          cell(c.label),
          cell(c.system),
          cell(c.identity || '—'),
          c.grants.length ? `${c.grants.map((g) => mdCodeCell(g)).join(', ')}${c.moreGrants ? ` and ${thousands(c.moreGrants)} more` : ''}` : '—',
          c.logging ? 'yes' : '**no**',
          cell(c.maintainer || '—'),
          cell(c.revocation || '—'),
          cell(c.usedBy.join(', ') || '—'),
        ]),
      ),
      '',
    );
  }

  for (const list of model.checklists) {
    out.push(`## ${list.title} checklist`, '', escapeMd(list.description), '');
    out.push(
      ...table(
        ['Question', 'Answer'],
        list.items.map((i) => [
          cell(i.question),
          i.answer !== null ? cell(i.answer) : `**Not answered.** ${cell(i.missing ?? '')}${model.fixAt[i.id] ? ` *${cell(model.fixAt[i.id])}.*` : ''}`,
        ]),
      ),
      '',
    );
  }

  out.push('## Findings', '');
  if (!model.findings.length) out.push('The analysis finds nothing to fix.', '');
  // "The first 300 of 20,013 are listed." under a table that was cut.
  const listed = (shown: number, total: number) => (shown < total ? [`*The first ${thousands(shown)} of ${thousands(total)} are listed.*`, ''] : []);
  for (const severity of ['error', 'warn', 'info'] as const) {
    const rows = model.findings.filter((f) => f.severity === severity);
    if (!rows.length) continue;
    const total = model.findingTotals[severity];
    out.push(`### ${SEVERITY_TITLES[severity]} (${thousands(total)})`, '', ...findingTable(rows, false), '', ...listed(rows.length, total));
  }
  const accepted = model.findingTotals.suppressed;
  if (model.suppressed.length) out.push(`### Accepted on purpose (${thousands(accepted)})`, '', ...findingTable(model.suppressed, true), '', ...listed(model.suppressed.length, accepted));

  out.push('## Batch simulation', '', ...batchSection(model, options), '');

  out.push('## Scenarios rehearsed', '');
  if (model.scenarioProblem) out.push(escapeMd(model.scenarioProblem), '');
  else if (!model.scenarios.length) out.push('The workflow has no scenarios yet.', '');
  else {
    out.push(
      ...table(
        ['Scenario', 'Outcome', 'Ended at', 'Virtual time', 'Steps', 'Calls (denied; changed after approval)', 'Changes', 'Messages'],
        model.scenarios.map((s) => [
          cell(s.name || s.id),
          s.outcome !== null ? cell(s.outcome) : '**stopped**',
          cell(s.endedAt),
          minutesText(s.elapsedMinutes),
          String(s.steps),
          `${s.calls} (${s.deniedCalls}${s.changedAfterApproval ? `; **${s.changedAfterApproval}**` : ''})`,
          String(s.changes),
          String(s.messages),
        ]),
      ),
      '',
    );
  }
  out.push('---', '', `*${escapeMd(SIMULATION_NOTE)}*`, '');
  return out.join('\n');
}

export function reportMarkdown(input: ReportInput, options: MarkdownOptions = {}): string {
  return renderMarkdown(buildReport(input), options);
}
