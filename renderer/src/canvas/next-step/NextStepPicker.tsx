// The next-step picker: after which output (when the step has several), then a new step of a kind or a
// step already there, chosen by typing and arrows, Enter to add. Props only: the canvas layer
// (NextStepLayer.tsx) places it and carries out the choice.
import { useMemo, useState } from 'react';
import { KINDS, KIND_ORDER, outputsOf } from '../../../../shared/kinds/registry';
import { connectionRefusal } from '../../../../shared/model/connect';
import { displayText } from '../../../../shared/model/display-text';
import { outputLeads } from '../../../../shared/model/edits/outputs';
import type { NodeKind, Workflow } from '../../../../shared/model/schema';
import { FilterList, type FilterItem } from '../../quick-find/FilterList';
import { rankItems } from '../../quick-find/match';

/** Existing steps listed at most: the field narrows a large workflow down. */
const MAX_STEPS = 50;

export interface NextStepPickerProps {
  workflow: Workflow;
  nodeId: string;
  /** The output to add after; null offers the step's outputs (the first that leads nowhere chosen). */
  handle: string | null;
  onAdd(handle: string, kind: NodeKind): void;
  onConnect(handle: string, target: string): void;
  onClose(): void;
}

type PickerItem = FilterItem & ({ type: 'kind'; kind: NodeKind } | { type: 'step'; id: string });

const stepName = (wf: Workflow, id: string) => {
  const n = wf.nodes.find((x) => x.id === id);
  return n ? displayText(n.label, 60) || KINDS[n.kind].label : id;
};

export function NextStepPicker(props: NextStepPickerProps) {
  const { workflow: wf, nodeId } = props;
  const node = wf.nodes.find((n) => n.id === nodeId);
  const leads = useMemo(() => outputLeads(wf, nodeId), [wf, nodeId]);
  const [chosen, setChosen] = useState(() => props.handle ?? (leads.find((l) => l.target === null) ?? leads[0])?.handle.id ?? null);
  const [query, setQuery] = useState('');
  const lead = leads.find((l) => l.handle.id === chosen);

  const items = useMemo((): PickerItem[] => {
    if (!chosen) return [];
    const kinds: PickerItem[] = KIND_ORDER.filter((k) => KINDS[k].acceptsInput).map((k) => ({
      type: 'kind',
      kind: k,
      key: `kind:${k}`,
      group: 'New step',
      label: KINDS[k].label,
      detail: KINDS[k].description,
      icon: KINDS[k].icon,
      colour: KINDS[k].colour,
    }));
    // Steps this output may lead to, as if it led nowhere yet (choosing one replaces its link).
    const free = { nodes: wf.nodes, edges: wf.edges.filter((e) => !(e.source === nodeId && e.sourceHandle === chosen)) };
    const steps: PickerItem[] = wf.nodes
      .filter((n) => connectionRefusal(free, { source: nodeId, sourceHandle: chosen, target: n.id }) === null)
      .map((n) => ({
        type: 'step',
        id: n.id,
        key: `step:${n.id}`,
        group: 'Link to a step already there',
        label: displayText(n.label, 60) || 'No label',
        detail: lead?.target === n.id ? `${KINDS[n.kind].label} · leads there now` : KINDS[n.kind].label,
        icon: KINDS[n.kind].icon,
        colour: KINDS[n.kind].colour,
      }));
    return [
      ...rankItems(kinds, query, (i) => i.label, (i) => i.detail ?? ''),
      ...rankItems(steps, query, (i) => i.label, (i) => i.detail ?? '', MAX_STEPS),
    ];
  }, [wf, nodeId, chosen, query, lead]);

  if (!node) return null;
  const name = displayText(node.label, 60) || KINDS[node.kind].label;
  const outputs = outputsOf(node);
  const choose = (item: PickerItem) => {
    if (!chosen) return;
    if (item.type === 'kind') props.onAdd(chosen, item.kind);
    else props.onConnect(chosen, item.id);
  };

  return (
    <div
      className="next-step-picker"
      role="dialog"
      aria-label={`Next step after "${name}"`}
      data-testid="next-step-picker"
      onKeyDown={(e) => {
        // Escape anywhere in the picker (the output list too) closes it, and only it.
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        props.onClose();
      }}
    >
      <div className="next-step-head">
        <span className="next-step-title">
          Next step after <strong>{name}</strong>
        </span>
        {outputs.length > 1 && props.handle === null ? (
          <label className="next-step-output">
            <span>from the output</span>
            <select value={chosen ?? ''} onChange={(e) => setChosen(e.target.value)} data-testid="next-step-output">
              {leads.map((l) => (
                <option key={l.handle.id} value={l.handle.id}>
                  {displayText(l.handle.label, 40, l.handle.id)}
                  {l.target ? ` (leads to ${stepName(wf, l.target)})` : ''}
                </option>
              ))}
            </select>
          </label>
        ) : outputs.length > 1 && lead ? (
          <span className="next-step-output">
            from the output <strong>{displayText(lead.handle.label, 40, lead.handle.id)}</strong>
          </span>
        ) : null}
        {lead?.target ? (
          <span className="next-step-hint" data-testid="next-step-replaces">
            It leads to “{stepName(wf, lead.target)}” now: what you choose takes its place.
          </span>
        ) : null}
      </div>
      {chosen ? (
        <FilterList<PickerItem>
          label="Kind of step, or a step to link to"
          placeholder="Type a kind or a step’s name"
          query={query}
          onQuery={setQuery}
          items={items}
          onChoose={choose}
          onEscape={props.onClose}
          empty="No kind or step has that name."
          testId="next-step-list"
          autoFocus
        />
      ) : (
        <p className="next-step-hint">An end step finishes the workflow: nothing can follow it.</p>
      )}
    </div>
  );
}
