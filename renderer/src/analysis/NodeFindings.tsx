// The Inspector's part about the analysis: the selected step's findings with their quick fixes, a
// "Suppress…" action that asks why, and the step's suppressions with their reasons and a way back.
import { useState } from 'react';
import { fixesFor } from '../../../shared/analysis/fixes';
import { RULE_ERROR, type Finding } from '../../../shared/analysis/types';
import type { Workflow, WorkflowNode } from '../../../shared/model/schema';
import { ruleTitle } from '../../../shared/analysis/rule-titles';
import { Icon } from '../chrome/icons';
import { Button, cls } from '../panels/controls';
import { suppress, unsuppress } from '../../../shared/model/edits/lint-settings';
import { SeverityIcon } from './FindingBadge';
import { reasonText, type TargetFindings } from './findingIndex';

export interface NodeFindingsProps {
  wf: Workflow;
  node: WorkflowNode;
  findings: TargetFindings | undefined;
  onChange(next: Workflow): void;
  onOpenRule?(ruleId: string): void;
}

export function NodeFindings({ wf, node, findings, onChange, onOpenRule }: NodeFindingsProps) {
  const active = findings?.active ?? [];
  const entries = node.lint?.disable ?? [];
  const [asking, setAsking] = useState<string | null>(null);
  if (!active.length && !entries.length) return null;
  // Entries by rule, with what each hides now: an entry that hides nothing is listed too.
  const hidden = new Map<string, Finding[]>();
  for (const f of findings?.suppressed ?? []) hidden.set(f.ruleId, [...(hidden.get(f.ruleId) ?? []), f]);
  const seenRules = new Set<string>();
  return (
    <section className="node-findings" data-testid="node-findings" aria-label="Problems of this step">
      {active.length ? (
        <ul className="problem-list">
          {active.map((f, i) => {
            const sameRule = active.filter((x) => x.ruleId === f.ruleId).length;
            const key = `${f.ruleId}-${i}`;
            return (
              <li key={key} className={cls('problem-row', `sev-${f.severity}`)} data-testid={`node-finding-${f.ruleId}`} data-severity={f.severity}>
                <div className="problem-main">
                  <SeverityIcon severity={f.severity} />
                  <span className="problem-message">{f.message}</span>
                </div>
                {f.hint ? <p className="problem-hint is-block">{f.hint}</p> : null}
                <div className="problem-detail">
                  {fixesFor(wf, f).map((fix, j) => (
                    <button key={j} type="button" className="problem-fix" data-testid={`inspector-fix-${f.ruleId}-${j}`} onClick={() => onChange(fix.apply(wf))}>
                      <Icon name="wrench" size={12} />
                      {fix.title}
                    </button>
                  ))}
                  {f.ruleId !== RULE_ERROR && asking !== key ? (
                    <button type="button" className="problem-fix is-quiet" data-testid={`suppress-${f.ruleId}`} onClick={() => setAsking(key)}>
                      <Icon name="eye-off" size={12} />
                      Suppress…
                    </button>
                  ) : null}
                  {onOpenRule ? (
                    <button type="button" className="problem-rule" title={`Read about this rule (${f.ruleId})`} onClick={() => onOpenRule(f.ruleId)}>
                      <Icon name="book" size={12} />
                      {ruleTitle(f.ruleId)}
                    </button>
                  ) : (
                    <span className="problem-rule" title={f.ruleId}>
                      {ruleTitle(f.ruleId)}
                    </span>
                  )}
                </div>
                {asking === key ? (
                  <SuppressForm
                    ruleId={f.ruleId}
                    count={sameRule}
                    onCancel={() => setAsking(null)}
                    onConfirm={(reason) => {
                      setAsking(null);
                      onChange(suppress(wf, node.id, f.ruleId, reason));
                    }}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {entries.length ? (
        <div className="node-suppressions" data-testid="node-suppressions">
          <span className="fg-panel-label">Suppressed on this step</span>
          <ul className="problem-list">
            {entries.map((e, i) => {
              if (seenRules.has(e.rule)) return null; // a rule written twice: the first entry counts
              seenRules.add(e.rule);
              const hides = hidden.get(e.rule) ?? [];
              return (
                <li key={`${e.rule}-${i}`} className="problem-row is-suppressed" data-testid={`suppression-${e.rule}`}>
                  <div className="problem-main">
                    <Icon name="eye-off" size={14} className="sev-icon" />
                    <span className="problem-message">
                      <strong title={e.rule}>“{ruleTitle(e.rule)}”</strong>
                      {hides.length ? ` hides: ${hides.map((f) => f.message).join(' ')}` : ' hides nothing at the moment.'}
                    </span>
                  </div>
                  <div className="problem-detail">
                    <span className="problem-reason">{`Reason: ${reasonText(e.reason)}`}</span>
                    <button type="button" className="problem-fix" data-testid={`unsuppress-${e.rule}`} onClick={() => onChange(unsuppress(wf, node.id, e.rule))}>
                      Un-suppress
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function SuppressForm(props: { ruleId: string; count: number; onCancel(): void; onConfirm(reason: string): void }) {
  const [reason, setReason] = useState('');
  const ok = reason.trim().length > 0;
  return (
    <form
      className="suppress-form"
      data-testid="suppress-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) props.onConfirm(reason);
      }}
    >
      <label className="fg-panel-field">
        <span className="fg-panel-label">Why is this fine here?</span>
        <input
          className="fg-panel-input"
          type="text"
          value={reason}
          // oxlint-disable-next-line jsx-a11y/no-autofocus -- the form opens on request and asks one question
          autoFocus
          placeholder="e.g. Closing a ticket is undone with one click."
          data-testid="suppress-reason"
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
        />
        <span className="fg-panel-hint">
          {props.count > 1 ? `This hides all ${props.count} “${ruleTitle(props.ruleId)}” findings on this step. ` : ''}
          The reason is saved in the file and shown wherever the finding is listed.
        </span>
      </label>
      <div className="fg-panel-row">
        <button type="submit" className="fg-panel-button fg-panel-button-primary" disabled={!ok} data-testid="suppress-confirm">
          Suppress
        </button>
        <Button testId="suppress-cancel" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
