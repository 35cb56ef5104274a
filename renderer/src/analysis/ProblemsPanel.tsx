// The Problems panel: every finding, errors first, grouped by step (or link, connection, the whole
// workflow), with a filter, severity toggles, quick fixes and the rule's page. Suppressed findings
// are listed at the end with their reasons, so a suppression never hides anything silently.
// Props-based like the other panels: the dock below the canvas passes the analysis and actions in.
import { useMemo, useState, type ReactNode } from 'react';
import { fixesFor } from '../../../shared/analysis/fixes';
import { SEVERITIES, type AnalysisResult, type Finding, type Severity } from '../../../shared/analysis/types';
import type { Workflow } from '../../../shared/model/schema';
import { ruleTitle } from '../../../shared/analysis/rule-titles';
import { Icon } from '../chrome/icons';
import { cls } from '../panels/controls';
import { unsuppress } from '../../../shared/model/edits/lint-settings';
import { SeverityIcon } from './FindingBadge';
import { reasonText, SEVERITY_WORD } from './findingIndex';
import { describer, groupProblems, matchesText, problemRows, targetOf, type ProblemFilter, type ProblemGroup, type ProblemRow } from './problems';

/** Rows shown before "Show all": a huge workflow's list stays quick to draw. */
export const ROW_LIMIT = 200;

export interface ProblemsPanelProps {
  /** The document the result describes (for names and fix titles). */
  workflow: Workflow;
  result: AnalysisResult;
  filter: ProblemFilter;
  onFilter(patch: Partial<ProblemFilter>): void;
  onFix(finding: Finding, index: number): void;
  onReveal(finding: Finding): void;
  onOpenRule(ruleId: string): void;
  onOpenRules(): void;
  /** Edits made here (un-suppress), one undo step each, applied to the document as it is now. */
  onEdit(edit: (wf: Workflow) => Workflow): void;
  /** Shown at the start and the end of the panel's bar (the dock's tab and its fold button). */
  barStart?: ReactNode;
  barEnd?: ReactNode;
}

const PLURAL: Record<Severity, [string, string]> = { error: ['error', 'errors'], warn: ['warning', 'warnings'], info: ['info', 'infos'] };

export function ProblemsPanel(props: ProblemsPanelProps) {
  const { workflow: wf, result, filter } = props;
  const [showAll, setShowAll] = useState(false);
  const rows = useMemo(() => problemRows(result.findings), [result.findings]);
  const groups = useMemo(() => groupProblems(wf, rows, filter), [wf, rows, filter]);
  const suppressed = useMemo(() => {
    const names = describer(wf);
    return problemRows(result.suppressed, 'suppressed').filter((r) => matchesText(r, names.describe(targetOf(r.finding)).title, filter.text));
  }, [wf, result.suppressed, filter.text]);
  const shown = groups.reduce((n, g) => n + g.rows.length, 0);
  const total = result.findings.length;

  let budget = showAll ? Number.POSITIVE_INFINITY : ROW_LIMIT;
  const visible: ProblemGroup[] = [];
  for (const g of groups) {
    if (budget <= 0) break;
    visible.push(g.rows.length <= budget ? g : { ...g, rows: g.rows.slice(0, budget) });
    budget -= g.rows.length;
  }

  const toggle = (s: Severity) => {
    const next = new Set(filter.severities);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    props.onFilter({ severities: next });
  };

  return (
    <div className="problems" data-testid="problems-panel">
      <div className="problems-bar">
        {props.barStart}
        <input
          className="fg-panel-input problems-filter"
          type="search"
          value={filter.text}
          placeholder="Filter by text, rule or step"
          aria-label="Filter problems"
          data-testid="problems-filter"
          onChange={(e) => props.onFilter({ text: e.target.value })}
        />
        <div className="problems-toggles" role="group" aria-label="Show severities">
          {SEVERITIES.map((s) => (
            <button
              key={s}
              type="button"
              className={cls('problems-toggle', `sev-${s}`)}
              aria-pressed={filter.severities.has(s)}
              title={`${filter.severities.has(s) ? 'Hide' : 'Show'} ${PLURAL[s][1]}`}
              data-testid={`problems-toggle-${s}`}
              onClick={() => toggle(s)}
            >
              <SeverityIcon severity={s} size={13} />
              <span>{`${result.counts[s]} ${PLURAL[s][result.counts[s] === 1 ? 0 : 1]}`}</span>
            </button>
          ))}
        </div>
        <span className="problems-summary" data-testid="problems-summary">
          {shown === total ? '' : `${shown} of ${total} shown`}
        </span>
        <span className="problems-spacer" />
        <button type="button" className="problems-rules" data-testid="problems-open-rules" title="Turn rules off or change their severity for this workflow" onClick={props.onOpenRules}>
          {`Rules (${countRules(wf)})`}
        </button>
        {props.barEnd}
      </div>
      <div className="problems-body fg-panel">
      {total === 0 ? (
        <div className="problems-clear" data-testid="problems-empty">
          <Icon name="check" size={18} />
          <span>No problems found. Every rule that is on passes.</span>
        </div>
      ) : shown === 0 ? (
        <p className="fg-panel-empty">No problem matches the filter.</p>
      ) : null}

      {visible.map((g) => (
        <Group key={g.key} group={g} {...props} />
      ))}
      {!showAll && shown > ROW_LIMIT ? (
        <button type="button" className="fg-panel-button problems-more" data-testid="problems-show-all" onClick={() => setShowAll(true)}>
          {`Show all ${shown} problems`}
        </button>
      ) : null}

      {suppressed.length ? <Suppressed rows={suppressed} {...props} /> : null}
      </div>
    </div>
  );
}

function countRules(wf: Workflow): string {
  const n = Object.keys(wf.lint?.rules ?? {}).length;
  return n === 0 ? 'defaults' : `${n} changed`;
}

function Group(props: ProblemsPanelProps & { group: ProblemGroup }) {
  const { group } = props;
  const navigable = group.target.kind !== 'workflow';
  const first = group.rows[0].finding;
  const title = (
    <>
      <span className="problem-group-title">{group.title}</span>
      <span className="problem-group-kind">{group.kindLabel}</span>
      <span className="problem-group-count">{group.rows.length}</span>
    </>
  );
  return (
    <section className={cls('problem-group', `sev-${group.worst}`)} data-testid={`problem-group-${group.key}`}>
      {navigable ? (
        <button type="button" className="problem-group-head" title="Show it" onClick={() => props.onReveal(first)}>
          {title}
        </button>
      ) : (
        <div className="problem-group-head">{title}</div>
      )}
      <ul className="problem-list">
        {group.rows.map((row) => (
          <Row key={row.testId} row={row} navigable={navigable} {...props} />
        ))}
      </ul>
    </section>
  );
}

function Row(props: ProblemsPanelProps & { row: ProblemRow; navigable: boolean }) {
  const { row, workflow: wf } = props;
  const f = row.finding;
  // Titles only: each fix is planned again on the document when it is applied.
  const fixes = useMemo(() => fixesFor(wf, f), [wf, f]);
  const message = (
    <>
      <SeverityIcon severity={f.severity} />
      <span className="problem-message">{f.message}</span>
    </>
  );
  return (
    <li className={cls('problem-row', `sev-${f.severity}`)} data-testid={row.testId} data-severity={f.severity}>
      <div className="problem-line">
        {props.navigable ? (
          <button type="button" className="problem-main" title={`${SEVERITY_WORD[f.severity]}: click to show it`} onClick={() => props.onReveal(f)}>
            {message}
          </button>
        ) : (
          <div className="problem-main">{message}</div>
        )}
        <button type="button" className="problem-rule" title={`Read about this rule (${f.ruleId})`} data-testid={`rule-link-${row.key}`} onClick={() => props.onOpenRule(f.ruleId)}>
          <Icon name="book" size={12} />
          {ruleTitle(f.ruleId)}
        </button>
      </div>
      {f.hint || fixes.length ? (
        <div className="problem-detail">
          {f.hint ? <span className="problem-hint">{f.hint}</span> : null}
          {fixes.map((fix, i) => (
            <button key={i} type="button" className="problem-fix" data-testid={`fix-${row.key}-${i}`} title="Quick fix (undo with Ctrl+Z)" onClick={() => props.onFix(f, i)}>
              <Icon name="wrench" size={12} />
              {fix.title}
            </button>
          ))}
        </div>
      ) : null}
    </li>
  );
}

function Suppressed(props: ProblemsPanelProps & { rows: ProblemRow[] }) {
  const names = describer(props.workflow);
  return (
    <section className="problems-suppressed" data-testid="problems-suppressed">
      <h3 className="fg-panel-section-title">{`Suppressed (${props.rows.length})`}</h3>
      <p className="fg-panel-hint">Accepted on one step with a reason. They do not count as problems, but they are still there.</p>
      <ul className="problem-list">
        {props.rows.map((row) => {
          const f = row.finding;
          const step = names.describe(targetOf(f)).title;
          return (
            <li key={row.testId} className="problem-row is-suppressed" data-testid={row.testId}>
              <div className="problem-line">
                <button type="button" className="problem-main" title="Show the step" onClick={() => props.onReveal(f)}>
                  <Icon name="eye-off" size={14} className="sev-icon" />
                  <span className="problem-message">{f.message}</span>
                </button>
                <button type="button" className="problem-rule" title={`Read about this rule (${f.ruleId})`} onClick={() => props.onOpenRule(f.ruleId)}>
                  <Icon name="book" size={12} />
                  {ruleTitle(f.ruleId)}
                </button>
              </div>
              <div className="problem-detail">
                <span className="problem-reason">
                  <strong>{`Suppressed on ${step}: `}</strong>
                  {reasonText(f.suppressed?.reason)}
                </span>
                {f.nodeId ? (
                  <button type="button" className="problem-fix" data-testid={`unsuppress-${row.key}`} onClick={() => props.onEdit((wf) => unsuppress(wf, f.nodeId!, f.ruleId))}>
                    Un-suppress
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
