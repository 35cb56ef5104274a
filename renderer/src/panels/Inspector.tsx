// The inspector: the form for the one selected step or link, or what can be done with several.
import { KINDS, outputsOf } from '../../../shared/kinds/registry';
import { removeElements } from '../../../shared/model/edits/graph';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../../../shared/model/schema';
import type { TargetFindings } from '../analysis/findingIndex';
import { NodeFindings } from '../analysis/NodeFindings';
import { Button, Field, TextInput } from './controls';
import { setLabel } from '../../../shared/model/edits/node-config';
import { AiForm } from './inspector/AiForm';
import { ApprovalForm } from './inspector/ApprovalForm';
import { DecisionForm } from './inspector/DecisionForm';
import { EndForm } from './inspector/EndForm';
import { EscalationForm } from './inspector/EscalationForm';
import { IntakeForm } from './inspector/IntakeForm';
import { IntegrationForm } from './inspector/IntegrationForm';
import { SendsLine } from './inspector/SendsLine';
import { typingKey } from './inspector/types';
import { NoteForm } from './inspector/NoteForm';
import { OutputLinks } from './inspector/OutputLinks';
import { notesOf } from '../../../shared/model/notes';
import { removeNotes } from '../../../shared/model/edits/notes';
import type { NodeKind, WorkflowNote } from '../../../shared/model/schema';

export interface InspectorProps {
  workflow: Workflow;
  nodeIds: string[];
  edgeIds: string[];
  onChange(next: Workflow, coalesceKey?: string): void;
  onSelectConnection(id: string): void;
  /** The analysis's findings per step; the selected step's are listed with fixes and suppressions. */
  findings?: ReadonlyMap<string, TargetFindings>;
  /** Edits from the findings list (fixes, suppressions); defaults to onChange. */
  onAnalysisChange?(next: Workflow): void;
  onOpenRule?(ruleId: string): void;
  /** The sticky notes selected (their ids); one alone is edited here. */
  noteIds?: string[];
  /** Adds a new step after an output, placed on the canvas (the Outputs section offers it when given). */
  onAddNextStep?(nodeId: string, handle: string, kind: NodeKind): void;
}

export function Inspector(props: InspectorProps) {
  const { workflow: wf, nodeIds, edgeIds, onChange } = props;
  const nodes = nodeIds.map((id) => wf.nodes.find((n) => n.id === id)).filter((n): n is WorkflowNode => !!n);
  const edges = edgeIds.map((id) => wf.edges.find((e) => e.id === id)).filter((e): e is WorkflowEdge => !!e);
  const notes = notesOf(wf).filter((n) => props.noteIds?.includes(n.id));
  let body;
  if (notes.length === 1 && nodes.length + edges.length === 0) body = <NoteForm wf={wf} note={notes[0]} onChange={onChange} />;
  else if (nodes.length === 1 && edges.length === 0 && notes.length === 0) body = <NodeForm {...props} node={nodes[0]} />;
  else if (nodes.length === 0 && edges.length === 1) body = <EdgeView wf={wf} edge={edges[0]} onChange={onChange} />;
  else if (nodes.length + edges.length + notes.length > 1) body = <MultiView wf={wf} nodes={nodes} edges={edges} notes={notes} onChange={onChange} />;
  else
    body = (
      <p className="fg-panel-empty" data-testid="inspector-empty">
        Select a step or a link on the canvas to edit it here.
      </p>
    );
  return (
    <div className="fg-panel fg-panel-inspector" data-testid="inspector">
      {body}
    </div>
  );
}

function NodeForm(props: InspectorProps & { node: WorkflowNode }) {
  const { workflow: wf, node, onChange } = props;
  const kind = KINDS[node.kind];
  const form = { wf, onChange };
  return (
    <div className="fg-panel-form" data-testid={`inspector-${node.kind}`}>
      <header className="fg-panel-head">
        <span className="fg-panel-kind" style={{ borderColor: kind.colour, color: kind.colour }} data-testid="kind-badge">
          {kind.label}
        </span>
      </header>
      <NodeFindings wf={wf} node={node} findings={props.findings?.get(node.id)} onChange={props.onAnalysisChange ?? onChange} onOpenRule={props.onOpenRule} />
      <Field label="Name" warning={!node.label.trim() ? 'Give the step a name so people can tell it apart.' : null}>
        <TextInput value={node.label} placeholder={kind.label} onChange={(v) => onChange(setLabel(wf, node.id, v), typingKey(node.id, 'label'))} testId="field-label" />
      </Field>
      <SendsLine wf={wf} nodeId={node.id} />
      {node.kind === 'intake' ? <IntakeForm {...form} node={node} /> : null}
      {node.kind === 'ai' ? <AiForm {...form} node={node} /> : null}
      {node.kind === 'integration' ? <IntegrationForm {...form} node={node} onSelectConnection={props.onSelectConnection} /> : null}
      {node.kind === 'decision' ? <DecisionForm {...form} node={node} /> : null}
      {node.kind === 'approval' ? <ApprovalForm {...form} node={node} /> : null}
      {node.kind === 'escalation' ? <EscalationForm {...form} node={node} /> : null}
      {node.kind === 'end' ? <EndForm {...form} node={node} /> : null}
      <OutputLinks wf={wf} node={node} onChange={onChange} onAddNext={props.onAddNextStep && ((handle, next) => props.onAddNextStep?.(node.id, handle, next))} />
      <FileId what="Step id" id={node.id} />
    </div>
  );
}

/** The id the file and the command line use, folded away: people name a step by its name. */
function FileId({ what, id }: { what: string; id: string }) {
  return (
    <details className="fg-panel-file-id" data-testid="inspector-file-id">
      <summary>In the file</summary>
      <span className="fg-panel-hint">
        {what} <span className="fg-id">{id}</span>, as the file, the command line and exports name it.
      </span>
    </details>
  );
}

/** "n3" → its label, for the one-line description of a link. */
function stepName(wf: Workflow, id: string): string {
  const n = wf.nodes.find((x) => x.id === id);
  return n ? n.label.trim() || n.id : `${id} (missing)`;
}

export function describeEdge(wf: Workflow, edge: WorkflowEdge): { source: string; target: string; handle: string } {
  const source = wf.nodes.find((n) => n.id === edge.source);
  const handle = source ? (outputsOf(source).find((h) => h.id === edge.sourceHandle)?.label ?? `${edge.sourceHandle} (no such output)`) : edge.sourceHandle;
  return { source: stepName(wf, edge.source), target: stepName(wf, edge.target), handle };
}

function EdgeView(props: { wf: Workflow; edge: WorkflowEdge; onChange(next: Workflow): void }) {
  const d = describeEdge(props.wf, props.edge);
  return (
    <div className="fg-panel-form" data-testid="inspector-edge">
      <header className="fg-panel-head">
        <span className="fg-panel-kind">Link</span>
      </header>
      <p className="fg-panel-edge">
        <strong>{d.source}</strong>
        <span className="fg-panel-edge-handle">{` — ${d.handle} → `}</span>
        <strong>{d.target}</strong>
      </p>
      <Button kind="danger" testId="delete-selection" onClick={() => props.onChange(removeElements(props.wf, [], [props.edge.id]))}>
        Delete link
      </Button>
      <FileId what="Link id" id={props.edge.id} />
    </div>
  );
}

export function selectionText(steps: number, links: number, notes = 0): string {
  const parts = [
    steps ? (steps === 1 ? '1 step' : `${steps} steps`) : '',
    links ? (links === 1 ? '1 link' : `${links} links`) : '',
    notes ? (notes === 1 ? '1 note' : `${notes} notes`) : '',
  ].filter(Boolean);
  if (!parts.length) return '0 steps selected';
  const last = parts.pop()!;
  return `${parts.length ? `${parts.join(', ')} and ${last}` : last} selected`;
}

function MultiView(props: { wf: Workflow; nodes: WorkflowNode[]; edges: WorkflowEdge[]; notes: WorkflowNote[]; onChange(next: Workflow): void }) {
  const { wf, nodes, edges, notes } = props;
  return (
    <div className="fg-panel-form" data-testid="inspector-multi">
      <p className="fg-panel-multi">{selectionText(nodes.length, edges.length, notes.length)}</p>
      {nodes.length ? <p className="fg-panel-hint">Deleting steps also deletes the links to and from them.</p> : null}
      <Button
        kind="danger"
        testId="delete-selection"
        onClick={() =>
          props.onChange(
            removeNotes(
              removeElements(
                wf,
                nodes.map((n) => n.id),
                edges.map((e) => e.id),
              ),
              notes.map((n) => n.id),
            ),
          )
        }
      >
        Delete
      </Button>
    </div>
  );
}
