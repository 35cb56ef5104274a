// The conformance result for people (text) and for scripts (JSON). Activity names, case ids and
// labels come from files someone else wrote: in text, control characters are replaced so that a log
// cannot move the cursor, clear the screen or recolour a terminal.
import type { Calibration } from './calibrate';
import type { Conformance, ConformanceResult, Deviation } from './conform';

/** Deviating cases listed in text; JSON always has them all. */
const MAX_CASES_SHOWN = 20;
const MAX_VARIANTS_SHOWN = 10;

// C0 controls (tab and line breaks included: everything here is one line), DEL, C1 controls (ESC's
// 8-bit form, CSI, among them), and the bidirectional overrides and isolates.
// oxlint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text from a file made safe for a terminal: each control character becomes U+FFFD (�), visibly.
 * Local to this report for now: a shared CLI helper for this is being written on another branch.
 */
export function plain(text: string): string {
  return text.replace(UNSAFE, '\uFFFD');
}

const q = (text: string) => `"${plain(text)}"`;

/** Minutes as people read them: seconds, minutes, hours or days. */
export function duration(minutes: number): string {
  if (minutes < 1) return `${Math.round(minutes * 60)} s`;
  if (minutes < 60) return `${minutes < 10 ? Math.round(minutes * 10) / 10 : Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${Math.round((minutes / 60) * 10) / 10} h`;
  return `${Math.round((minutes / 1440) * 10) / 10} days`;
}

function count(n: number, word: string, plural = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : plural}`;
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)} %` : '0 %';
}

function deviationText(d: Deviation): string {
  if (d.kind === 'skipped') return `skipped ${q(d.activity)}`;
  if (d.kind === 'not-in-design') return `${q(d.activity)} is not a step of the design`;
  return `${q(d.activity)} out of turn`;
}

/** The report `flowgate conform` prints. `logName` is how the log was named on the command line. */
export function formatConformanceText(conformance: Conformance, logName: string, calibration?: { calibration: Calibration; writtenTo: string }): string {
  const r = conformance.result;
  const nodes = new Map(conformance.model.nodes.map((n) => [n.id, n]));
  const step = (id: string) => `${q(nodes.get(id)?.label || id)} (${plain(id)})`;
  const out: string[] = [];

  out.push(`${plain(r.workflow.name)} · ${plain(logName)}`);
  const fit = r.deviatingCases.length ? `${count(r.fittingCases, 'case')} fit the design, ${r.deviatingCases.length} deviate` : r.cases === r.fittingCases ? 'every case fits the design' : `${count(r.fittingCases, 'case')} fit the design`;
  out.push(`${count(r.cases, 'case')}, ${count(r.events, 'event')}. Fitness ${r.fitness.toFixed(3)}: ${fit}.`);

  if (r.violations.length) {
    const cases = new Set(r.violations.map((v) => v.caseId));
    out.push('', `Approval violations: ${count(cases.size, 'case')} did a sensitive step without its approval`);
    for (const v of r.violations) {
      const gates = v.approvalNodeIds.map(step).join(' or ');
      out.push(`  ${plain(v.caseId)}  ${q(v.activity)} (${plain(v.action)}) at ${v.at.slice(0, 16).replace('T', ' ')} UTC, without ${gates} before it`);
    }
  } else {
    out.push('', 'Approval violations: none. Every sensitive step the log shows came after its approval.');
  }

  if (r.deviatingCases.length) {
    out.push('', `Deviating cases: ${r.deviatingCases.length}${r.deviatingCases.length > MAX_CASES_SHOWN ? ` (the first ${MAX_CASES_SHOWN}; --format json lists them all)` : ''}`);
    const width = Math.min(24, Math.max(...r.deviatingCases.slice(0, MAX_CASES_SHOWN).map((c) => plain(c.caseId).length)));
    for (const c of r.deviatingCases.slice(0, MAX_CASES_SHOWN)) {
      out.push(`  ${plain(c.caseId).padEnd(width)}  fitness ${c.fitness.toFixed(2)}  ${c.deviations.map(deviationText).join('; ')}`);
    }
  }

  if (r.unmappedActivities.length) {
    out.push('', `Activities no step matches: ${r.unmappedActivities.length} (map them with --map FILE; see docs/CONFORMANCE.md)`);
    for (const u of r.unmappedActivities) {
      out.push(`  ${q(u.activity)}: ${count(u.events, 'event')} in ${count(u.cases, 'case')}${u.note ? ` — ${plain(u.note)}` : ''}`);
    }
  }

  if (r.unalignedCases.length) {
    out.push('', `Not replayed: ${count(r.unalignedCases.length, 'case')} (left out of the fitness)`);
    for (const c of r.unalignedCases) out.push(`  ${plain(c.caseId)}: ${plain(c.reason)}`);
  }

  out.push('', `Variants: ${r.variants.length}${r.variants.length > MAX_VARIANTS_SHOWN ? ` (the ${MAX_VARIANTS_SHOWN} most frequent)` : ''}`);
  const countWidth = String(r.variants[0]?.count ?? 0).length;
  for (const v of r.variants.slice(0, MAX_VARIANTS_SHOWN)) {
    const mark = v.deviating ? '  (deviates)' : '';
    out.push(`  ${String(v.count).padStart(countWidth)}  ${v.activities.map(plain).join(' → ')}${mark}`);
  }

  // Steps with one output say nothing about the way taken.
  const { model } = conformance;
  const branching = Object.entries(r.handleCounts).filter(([id]) => model.handles[model.indexOf.get(id)!].length > 1);
  if (branching.length) {
    out.push('', 'Outputs taken (along each case\'s replay)');
    for (const [id, byHandle] of branching) {
      const total = Object.values(byHandle).reduce((a, b) => a + b, 0);
      out.push(`  ${step(id)}: ${Object.entries(byHandle).map(([h, n]) => `${plain(h)} ${n} (${percent(n, total)})`).join(', ')}`);
    }
  }

  const timed = Object.entries(r.durations);
  if (timed.length) {
    out.push('', 'Time per step (median / p90)');
    for (const [id, d] of timed) out.push(`  ${step(id)}: ${duration(d.median)} / ${duration(d.p90)}`);
  }

  const ct = r.cycleTime;
  const sla = ct.slaMinutes === null ? 'the workflow sets no SLA (simulation.slaMinutes)' : `SLA ${duration(ct.slaMinutes)}: ${count(ct.overSla ?? 0, 'case')} over (${percent(ct.overSla ?? 0, r.cases)})`;
  out.push('', `Cycle time: median ${duration(ct.median)}, p90 ${duration(ct.p90)}; ${sla}.`);

  if (r.ungatedSensitiveSteps.length) {
    out.push('', `The design puts no approval before these sensitive steps (see flowgate lint): ${r.ungatedSensitiveSteps.map(step).join(', ')}.`);
  }
  const unrecorded = r.unrecordedSteps.filter((id) => nodes.get(id)?.kind !== 'end' && nodes.get(id)?.kind !== 'decision');
  if (unrecorded.length) out.push('', `Steps the log never records (replayed at no cost): ${unrecorded.map(step).join(', ')}.`);
  if (r.ignoredEvents) out.push('', `${count(r.ignoredEvents, 'event')} with a lifecycle other than start or complete left out.`);
  for (const w of r.warnings) out.push('', `Warning: ${plain(w)}`);

  if (calibration) {
    const c = calibration.calibration;
    out.push('', `Calibration written to ${plain(calibration.writtenTo)}:`);
    for (const [role, p] of Object.entries(c.reviewers)) {
      const time = p.responseMinutes ? `, answers in ${duration(p.responseMinutes.median)} (p90 ${duration(p.responseMinutes.p90)})` : '';
      out.push(`  reviewer ${q(role)}: approves ${percent(p.approve, 1)}, rejects ${percent(p.reject, 1)}, times out ${percent(p.timeout, 1)}${time} (${count(c.observations[role] ?? 0, 'decision')})`);
    }
    out.push(`  output shares for ${count(Object.keys(c.handles).length, 'step')}, durations for ${count(Object.keys(c.durations).length, 'step')}`);
    for (const note of c.notes) out.push(`  note: ${plain(note)}`);
  }
  return `${out.join('\n')}\n`;
}

/** The JSON `flowgate conform --format json` prints: the issue's fields first, then the rest. */
export function conformanceJson(result: ConformanceResult, calibration?: Calibration): string {
  const { workflow, cases, events, fitness, fittingCases, deviatingCases, violations, unmappedActivities, variants, handleCounts, durations, ...rest } = result;
  const doc = { workflow, cases, events, fitness, fittingCases, deviatingCases, violations, unmappedActivities, variants, handleCounts, durations, ...rest, ...(calibration ? { calibration } : {}) };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
