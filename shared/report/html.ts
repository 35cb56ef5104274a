// The report as one self-contained HTML file: inline CSS, the diagram and charts as inline SVG, no
// script, and a Content-Security-Policy that forbids every request, so the file opens offline and
// can be printed to PDF as it is.
import { KINDS, KIND_ORDER } from '../kinds/registry';
import { CHANGED_AFTER_APPROVAL, faultsText, inputsText, minutesText, NOT_ENTERED, percent, stopReason } from '../simulation/batch-text';
import { thousands } from '../text';
import { changedRows, keyFigures, reportCharts, traversalRows } from './batch-figures';
import { escapeXml as x } from './escape';
import { REPORT_LIMITS } from './limits';
import { REPORT_CSS } from './html-style';
import { buildReport, type FindingRow, type ReportInput, type ReportModel } from './model';
import { coverSize, coverSla, glanceLines, SEVERITY_TITLES, SIMULATION_NOTE } from './wording';

/** Nothing may be fetched: no scripts, fonts, frames or remote images; only inline styles and data: images. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const SEVERITY_PILL = { error: 'bad', warn: 'warn', info: 'info' } as const;

function naturalWidth(svg: string): number {
  const m = /width="(\d+)"/.exec(svg);
  return m ? Number(m[1]) : 800;
}

/** The smallest scale at which a diagram's labels read comfortably on screen. */
const READABLE_SCALE = 0.72;

/**
 * The whole process at once, fitted to the page as print shows it; "Show at readable size" (a
 * checkbox, since the report runs no script) enlarges a long process, which then scrolls sideways.
 */
function diagramFigure(svg: string, id: string, caption: string): string {
  const legend = KIND_ORDER.map((k) => `<span class="key"><span class="swatch" style="background:${KINDS[k].colour}"></span>${x(KINDS[k].label)}</span>`).join('');
  const natural = naturalWidth(svg);
  const sized = svg.replace('<svg ', `<svg style="--natural-width: ${natural}px; --readable-width: ${Math.round(natural * READABLE_SCALE)}px" `);
  return [
    `<input type="checkbox" class="zoom" id="${id}-zoom">`,
    `<figure class="diagram" id="${id}">`,
    `<div class="scroll">${sized}</div>`,
    `<figcaption>${x(caption)} ${legend}<span class="key"><span class="line-key appr"></span>approved</span><span class="key"><span class="line-key exc"></span>exception</span>` +
      `<label class="zoom-label" for="${id}-zoom"><span class="label-fit">Show at readable size</span><span class="label-readable">Fit to the page</span></label></figcaption>`,
    '</figure>',
  ].join('\n');
}

function list(items: readonly string[]): string {
  return items.length > 1 ? `<ul>${items.map((i) => `<li>${x(i)}</li>`).join('')}</ul>` : x(items[0] ?? '');
}

function cover(model: ReportModel): string {
  const w = model.workflow;
  const meta: [string, string][] = [
    ['Owner', w.owner || 'nobody named'],
    ['SLA', coverSla(model)],
    ...(model.generatedAt ? ([['Date', model.generatedAt]] as [string, string][]) : []),
    ['Size', coverSize(model, ' · ')],
    ['Made with', model.generator],
  ];
  return [
    '<header class="cover">',
    '<div class="eyebrow">Readiness report</div>',
    `<h1>${x(w.name)}</h1>`,
    w.description ? `<p class="lead">${x(w.description, REPORT_LIMITS.description)}</p>` : '',
    `<dl class="meta">${meta.map(([k, v]) => `<div><dt>${x(k)}</dt><dd>${x(v)}</dd></div>`).join('')}</dl>`,
    '</header>',
  ].join('\n');
}

function glance(model: ReportModel): string {
  const s = model.summary;
  const b = model.batch;
  const card = (tone: string, k: string, v: string, d: string, extra = '') =>
    `<div class="card ${tone}"><div class="k">${x(k)}</div><div class="v">${x(v)}</div>${extra}<div class="d">${x(d)}</div></div>`;
  const share = s.total ? Math.round((s.answered / s.total) * 100) : 0;
  const cards = [
    card(s.answered === s.total ? 'ok' : 'warn', 'Checklists', `${s.answered} / ${s.total}`, 'questions answered by the workflow', `<div class="meter"><span style="width:${share}%"></span></div>`),
    card(s.errors ? 'bad' : s.warnings ? 'warn' : 'ok', 'Findings', `${s.errors} · ${s.warnings}`, 'errors · warnings from the analysis'),
    card(
      s.allSensitiveGated ? 'ok' : 'bad',
      'Approval gates',
      s.allSensitiveGated ? 'All gated' : `${s.ungatedNodeIds.length + s.changedAfterApprovalNodeIds.length} open`,
      s.allSensitiveGated ? 'every sensitive step waits for a person' : s.ungatedNodeIds.length ? 'steps can act without approval' : 'steps send what nobody approved',
    ),
    card(
      b ? (s.batchSinceLastEdit ? 'ok' : 'warn') : 'warn',
      'Batch',
      b ? thousands(b.metrics.runs) : 'None',
      b ? (s.batchSinceLastEdit ? 'items rehearsed on this version' : 'items, on an earlier version') : 'no batch has been run yet',
    ),
  ];
  return [
    '<section id="glance">',
    '<h2>At a glance</h2>',
    `<div class="cards">${cards.join('')}</div>`,
    `<ul class="glance">${glanceLines(model)
      .map((l) => `<li>${x(l)}</li>`)
      .join('')}</ul>`,
    '</section>',
  ].join('\n');
}

/** The sticky notes of the canvas, in full (the diagram shows their first lines). */
function notesList(model: ReportModel): string {
  if (!model.notes.length) return '';
  return ['<h3>Notes on the diagram</h3>', `<ul class="notes">${model.notes.map((n) => `<li>${x(n)}</li>`).join('')}</ul>`].join('\n');
}

function connections(model: ReportModel): string {
  const rows = model.connections.map(
    (c) =>
      `<tr><td><strong>${x(c.label)}</strong><div class="hint">${x(c.system)}</div></td><td>${c.identity ? x(c.identity) : '<span class="pill bad">not named</span>'}</td>` +
      `<td>${c.grants.map((g) => `<code>${x(g)}</code>`).join(' ') || '—'}${c.moreGrants ? ` and ${thousands(c.moreGrants)} more` : ''}</td>` +
      `<td>${c.logging ? '<span class="pill ok">logged</span>' : '<span class="pill bad">not logged</span>'}</td>` +
      `<td>${c.maintainer ? x(c.maintainer) : '<span class="pill bad">nobody</span>'}</td><td>${c.revocation ? x(c.revocation) : '<span class="pill bad">not written down</span>'}</td>` +
      `<td>${x(c.usedBy.join(', ') || '—')}</td></tr>`,
  );
  return [
    '<section id="connections">',
    '<h2>Connections</h2>',
    '<p class="sub">The systems the workflow reaches, the identity each uses and the scopes it has been granted.</p>',
    rows.length
      ? `<table><thead><tr><th>Connection</th><th>Identity</th><th>Grants</th><th>Logging</th><th>Maintainer</th><th>How access is revoked</th><th>Used by</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
      : '<p class="empty">No system is connected.</p>',
    '</section>',
  ].join('\n');
}

function checklistSection(model: ReportModel): string {
  const out = ['<section id="checklists">', '<h2>Readiness checklists</h2>', '<p class="sub">Each question is answered from the workflow itself. An open question says what is missing and where to fix it.</p>'];
  for (const l of model.checklists) {
    const answered = l.items.filter((i) => i.answer !== null).length;
    out.push(`<h3>${x(l.title)} <span class="pill ${answered === l.items.length ? 'ok' : 'warn'}">${answered} of ${l.items.length} answered</span></h3>`);
    out.push(`<p class="sub">${x(l.description)}</p>`);
    const rows = l.items.map((i) => {
      const answer =
        i.answer !== null
          ? list(i.answerParts)
          : `<div class="open-item"><span class="pill bad">Not answered</span> ${x(i.missing ?? '')}${model.fixAt[i.id] ? `<div class="fix">${x(model.fixAt[i.id])}.</div>` : ''}</div>`;
      return `<tr id="${x(i.id)}"><td class="q">${x(i.question)}</td><td>${answer}</td></tr>`;
    });
    out.push(`<table><tbody>${rows.join('')}</tbody></table>`);
  }
  out.push('</section>');
  return out.join('\n');
}

function findingTable(rows: readonly FindingRow[], suppressed: boolean): string {
  const body = rows.map(
    (f) =>
      `<tr><td><span class="pill ${suppressed ? 'muted' : SEVERITY_PILL[f.severity]}">${x(suppressed ? 'accepted' : f.severity === 'warn' ? 'warning' : f.severity)}</span></td>` +
      `<td><code>${x(f.ruleId)}</code></td><td>${x(f.where || 'the workflow')}</td>` +
      `<td>${x(f.message)}${suppressed ? `<div class="hint reason">Accepted because: ${x(f.reason || 'no reason given')}</div>` : f.hint ? `<div class="hint">${x(f.hint)}</div>` : ''}</td></tr>`,
  );
  return `<table><thead><tr><th></th><th>Rule</th><th>Where</th><th>What</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/** "The first 300 of 20,013 are listed." under a table that was cut; nothing otherwise. */
function listedOf(shown: number, total: number): string {
  return shown < total ? `<p class="empty">The first ${thousands(shown)} of ${thousands(total)} are listed.</p>` : '';
}

/** What the report leaves out to stay readable, when it leaves anything out. */
function omissions(model: ReportModel): string {
  if (!model.omissions.length) return '';
  return `<aside class="omissions"><strong>What this report leaves out</strong>, so that it stays readable:<ul>${model.omissions.map((o) => `<li>${x(o)}</li>`).join('')}</ul></aside>`;
}

function findings(model: ReportModel): string {
  const out = ['<section id="findings">', '<h2>Findings</h2>', '<p class="sub">What the analysis found: permissions beyond the grants, sensitive actions without approval, missing fallbacks and owners.</p>'];
  if (!model.findings.length) out.push('<p class="empty">The analysis finds nothing to fix.</p>');
  for (const severity of ['error', 'warn', 'info'] as const) {
    const rows = model.findings.filter((f) => f.severity === severity);
    const total = model.findingTotals[severity];
    if (rows.length) out.push(`<h3>${SEVERITY_TITLES[severity]} (${thousands(total)})</h3>`, findingTable(rows, false), listedOf(rows.length, total));
  }
  const accepted = model.findingTotals.suppressed;
  if (model.suppressed.length) out.push(`<h3>Accepted on purpose (${thousands(accepted)})</h3>`, findingTable(model.suppressed, true), listedOf(model.suppressed.length, accepted));
  out.push('</section>');
  return out.join('\n');
}

function batchSection(model: ReportModel): string {
  const out = ['<section id="batch">', '<h2>Batch simulation</h2>'];
  const b = model.batch;
  if (!b) {
    out.push('<p class="empty">No batch has been run yet. Run one to see how many items finish without a person, where they wait, and how long they take.</p>', '</section>');
    return out.join('\n');
  }
  const m = b.metrics;
  const s = b.settings;
  out.push('<p class="sub">Many items through the workflow on the virtual clock: reviewers follow their profiles, faults come at the rates set.</p>');
  const ran = b.cancelled ? `${thousands(m.runs)} of ${thousands(s.runs)} items (cancelled; the figures cover the items that finished)` : `${thousands(m.runs)} items`;
  out.push(
    `<div class="settings"><strong>${x(ran)}</strong>, seed ${s.seed} · inputs: ${x(inputsText(s))} · faults: ${x(faultsText(s))}${s.slaMinutes !== null ? ` · SLA ${x(minutesText(s.slaMinutes))}` : ''}</div>`,
  );
  out.push(
    `<div class="figures">${keyFigures(b)
      .map((f) => `<div class="figure"><div class="k">${x(f.label)}</div><div class="v">${x(f.value)}</div>${f.share ? `<div class="s">${x(f.share)} of items</div>` : ''}</div>`)
      .join('')}</div>`,
  );
  out.push('<div class="charts">', ...reportCharts(b).map((c) => `<div class="chart"><h4>${x(c.heading)}</h4>${c.svg}</div>`), '</div>');
  if (model.heatSvg) {
    out.push('<h3>Where the items went</h3>', diagramFigure(model.heatSvg, 'heat', 'Lines drawn as thick as the items that followed them; badges count visits.'));
  }
  const stopped = Object.entries(m.stopped);
  if (stopped.length) {
    out.push(
      '<h3>Items that stopped before an end</h3>',
      `<table><thead><tr><th>Why</th><th class="num">Items</th><th class="num">Share</th></tr></thead><tbody>${stopped
        .map(([code, n]) => `<tr><td>${x(stopReason(code))}</td><td class="num">${thousands(n)}</td><td class="num">${percent(n, m.runs)}</td></tr>`)
        .join('')}</tbody></table>`,
    );
  }
  if (m.notEntered) {
    out.push(`<p class="sub">${x(NOT_ENTERED)}: ${thousands(m.notEntered)} (${percent(m.notEntered, m.runs)}). They are in no outcome, stop or cycle time: nothing else ran for them.</p>`);
  }
  const changed = changedRows(b);
  if (changed.length) {
    out.push(
      `<h3>${x(CHANGED_AFTER_APPROVAL)}</h3>`,
      '<p class="sub">Calls whose content differs from what the reviewer approved (gate/stale-approval).</p>',
      `<table><thead><tr><th>Step</th><th class="num">Calls</th></tr></thead><tbody>${changed
        .map((r) => `<tr><td>${x(model.nodeLabel(r.nodeId))}</td><td class="num">${thousands(r.calls)}</td></tr>`)
        .join('')}</tbody></table>`,
    );
  }
  out.push(
    '<h3>Steps</h3>',
    `<table><thead><tr><th>Step</th><th class="num">Visits</th><th class="num">Mean time</th><th class="num">Denied calls</th><th class="num">Errors</th></tr></thead><tbody>${Object.entries(m.nodeVisits)
      .map(
        ([id, v]) =>
          `<tr><td>${x(model.nodeLabel(id))}</td><td class="num">${thousands(v)}</td><td class="num">${v ? x(minutesText((m.nodeMeanSeconds[id] ?? 0) / 60)) : '—'}</td><td class="num">${thousands(m.deniedCallsByNode[id] ?? 0)}</td><td class="num">${thousands(m.errorsByNode[id] ?? 0)}</td></tr>`,
      )
      .join('')}</tbody></table>`,
  );
  const links = traversalRows(b);
  if (links.length) {
    out.push(
      '<h3>Links followed</h3>',
      `<table><thead><tr><th>Link</th><th class="num">Items</th><th class="num">Share of items</th></tr></thead><tbody>${links
        .map((l) => `<tr><td>${x(model.edgeLabel(l.edgeId))}</td><td class="num">${thousands(l.items)}</td><td class="num">${percent(l.items, m.runs)}</td></tr>`)
        .join('')}</tbody></table>`,
    );
  }
  out.push('</section>');
  return out.join('\n');
}

function scenarios(model: ReportModel): string {
  const out = ['<section id="scenarios">', '<h2>Scenarios rehearsed</h2>', '<p class="sub">Each scenario run once against the mock systems, as written in the workflow.</p>'];
  if (model.scenarioProblem) out.push(`<p class="empty">${x(model.scenarioProblem)}</p>`);
  else if (!model.scenarios.length) out.push('<p class="empty">The workflow has no scenarios yet.</p>');
  else {
    const pill = (outcome: string | null) => {
      const tone = outcome === null ? 'bad' : outcome === 'resolved' || outcome === 'approved' ? 'ok' : outcome === 'rejected' ? 'bad' : 'warn';
      return `<span class="pill ${tone}">${x(outcome ?? 'stopped')}</span>`;
    };
    out.push(
      `<table><thead><tr><th>Scenario</th><th>Outcome</th><th>Ended at</th><th class="num">Virtual time</th><th class="num">Steps</th><th class="num">Calls (denied; changed after approval)</th><th class="num">Changes</th><th class="num">Messages</th></tr></thead><tbody>${model.scenarios
        .map(
          (s) =>
            `<tr><td><strong>${x(s.name || s.id)}</strong><div class="hint"><code>${x(s.id)}</code></div></td><td>${pill(s.outcome)}</td><td>${x(s.endedAt)}</td><td class="num">${x(minutesText(s.elapsedMinutes))}</td>` +
            `<td class="num">${s.steps}</td><td class="num">${s.calls} (${s.deniedCalls}${s.changedAfterApproval ? `; <strong>${s.changedAfterApproval}</strong>` : ''})</td><td class="num">${s.changes}</td><td class="num">${s.messages}</td></tr>`,
        )
        .join('')}</tbody></table>`,
    );
  }
  out.push('</section>');
  return out.join('\n');
}

export function renderHtml(model: ReportModel): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${x(model.generator)}">`,
    `<title>${x(model.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<div class="page">',
    cover(model),
    '<main>',
    omissions(model),
    glance(model),
    '<section id="diagram">',
    '<h2>The workflow</h2>',
    '<p class="sub">Steps as drawn on the canvas. A red badge marks a step with an error, an orange one a warning.</p>',
    model.diagramSvg
      ? diagramFigure(model.diagramSvg, 'workflow', `${model.workflow.steps} steps, ${model.workflow.lines} lines.`)
      : `<p class="empty">The diagram is left out: ${thousands(model.workflow.steps)} steps and ${thousands(model.workflow.lines)} lines are more than a report draws.</p>`,
    notesList(model),
    '</section>',
    connections(model),
    checklistSection(model),
    findings(model),
    batchSection(model),
    scenarios(model),
    '</main>',
    `<footer>${x(SIMULATION_NOTE)} Made with ${x(model.generator)}.</footer>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function reportHtml(input: ReportInput): string {
  return renderHtml(buildReport(input));
}
