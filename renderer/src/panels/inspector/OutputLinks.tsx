// "Where each output leads", in the inspector: one picker per output of the step, listing the steps it
// may lead to (or none), and new steps to add after it. Each change is one edit of
// shared/model/edits/outputs.ts, so one undo step; rewiring a workflow needs no drag at all.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './output-links.css';
import { memo, useId } from 'react';
import { KINDS, KIND_ORDER } from '../../../../shared/kinds/registry';
import { connectionRefusal } from '../../../../shared/model/connect';
import { displayText } from '../../../../shared/model/display-text';
import { outputLeads, setOutputTarget } from '../../../../shared/model/edits/outputs';
import type { NodeKind, Workflow, WorkflowNode } from '../../../../shared/model/schema';
import { sameItems } from '../../../../shared/same-items';
import { outputTone } from '../../canvas/outputTone';
import { Section } from '../controls';
import { useWholeWorkflow } from './useWholeWorkflow';

const NOWHERE = '';
const NEW = 'new:';

export interface OutputLinksProps {
  wf: Workflow;
  node: WorkflowNode;
  onChange(next: Workflow): void;
  /** Adds a new step of a kind after an output (placed on the canvas); absent: only existing steps are offered. */
  onAddNext?(handle: string, kind: NodeKind): void;
}

const stepName = (n: WorkflowNode) => displayText(n.label, 60) || `${KINDS[n.kind].label} (no label)`;

/**
 * The steps an output may lead to, as options, drawn again only when the list changes. Typing in the
 * selected step makes a new document at every key but leaves the other steps as they were: at 10,000
 * steps each picker holds thousands of options, whose names and elements took a quarter of the page's
 * time at every key (a CPU profile of typing in a selected approval).
 */
const TargetOptions = memo(
  function TargetOptions({ targets }: { targets: readonly WorkflowNode[] }) {
    return (
      <>
        {targets.map((n) => (
          <option key={n.id} value={n.id}>
            {stepName(n)}
          </option>
        ))}
      </>
    );
  },
  // The same step objects in the same order: the same names (an edit of a step makes a new object).
  (before, after) => sameItems(before.targets, after.targets),
);

export function OutputLinks({ wf, node, onChange, onAddNext }: OutputLinksProps) {
  const id = useId();
  // Every step is a candidate: in a large workflow the lists are filled just after the step is selected.
  const listed = useWholeWorkflow(wf);
  const leads = outputLeads(wf, node.id);
  if (!leads.length) return null;
  const kinds = KIND_ORDER.filter((k) => KINDS[k].acceptsInput);
  return (
    <Section title="Outputs" testId="output-links">
      <p className="fg-panel-hint output-links-hint">Where each output leads. Pick another step to relink it, or a new step to add after it.</p>
      <ul className="output-links">
        {leads.map(({ handle, target }) => {
          // The steps this output may lead to, as if it led nowhere yet: each asked of a workflow of just
          // the two steps and no links (the refusals about links concern this output alone, which is
          // free here), so that 10,000 steps cost 10,000 small checks, not 10,000 scans of the workflow.
          // Until the list is filled, it holds the step the output leads to, so the picker shows it.
          const candidates = listed?.nodes ?? wf.nodes.filter((n) => n.id === target);
          const targets = candidates.filter((n) => n.id === target || connectionRefusal({ nodes: [node, n], edges: [] }, { source: node.id, sourceHandle: handle.id, target: n.id }) === null);
          const name = displayText(handle.label, 40, handle.id);
          const selectId = `${id}-${handle.id}`;
          return (
            <li key={handle.id} className={`output-link tone-${outputTone(handle.id)}`}>
              <label className="output-link-name" htmlFor={selectId}>
                {name}
              </label>
              <span className="output-link-arrow" aria-hidden="true">
                →
              </span>
              <select
                id={selectId}
                className="fg-panel-input"
                value={target ?? NOWHERE}
                aria-label={`Where "${name}" leads`}
                data-testid={`output-target-${handle.id}`}
                onChange={(e) => {
                  const v = e.target.value;
                  if (v.startsWith(NEW)) {
                    onAddNext?.(handle.id, v.slice(NEW.length) as NodeKind);
                    return;
                  }
                  const result = setOutputTarget(wf, node.id, handle.id, v === NOWHERE ? null : v);
                  if (result.ok) onChange(result.workflow);
                }}
              >
                <option value={NOWHERE}>Nowhere yet</option>
                <optgroup label="Steps">
                  <TargetOptions targets={targets} />
                </optgroup>
                {onAddNext ? (
                  <optgroup label="A new step">
                    {kinds.map((k) => (
                      <option key={k} value={`${NEW}${k}`}>
                        {`New ${KINDS[k].label}`}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
              </select>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
