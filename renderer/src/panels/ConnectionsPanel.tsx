// The integration layer: what the workflow's AI and steps can connect to, as whom, and with which grants.
import { useEffect, useRef, useState } from 'react';
import { connectorsOf } from '../../../shared/connectors/lookup';
import type { Workflow } from '../../../shared/model/schema';
import type { FindingSummary } from '../analysis/findingIndex';
import { Button, Section } from './controls';
import { AddConnectionPicker } from './connections/AddConnectionPicker';
import { ConnectionCard } from './connections/ConnectionCard';
import { CustomConnectorCard } from './connections/CustomConnectors';
import { addConnectionFor } from '../../../shared/model/edits/connections';
import { addCustomConnector } from '../../../shared/model/edits/custom-connectors';

export interface ConnectionsPanelProps {
  workflow: Workflow;
  onChange(next: Workflow, coalesceKey?: string): void;
  /** A connection to open and scroll to (set when a step's "Edit connection" is clicked). */
  focusConnectionId?: string | null;
  /** The analysis's summary per connection, shown as a badge in the card's header. */
  findings?: ReadonlyMap<string, FindingSummary>;
}

export function ConnectionsPanel(props: ConnectionsPanelProps) {
  const { workflow: wf, onChange } = props;
  const focus = props.focusConnectionId ?? null;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(focus ? [focus] : []));
  const [seenFocus, setSeenFocus] = useState(focus);
  if (focus !== seenFocus) {
    setSeenFocus(focus);
    if (focus && !expanded.has(focus)) setExpanded(new Set([...expanded, focus]));
  }
  const [picking, setPicking] = useState(false);
  const [openCustom, setOpenCustom] = useState<ReadonlySet<string>>(() => new Set());
  const cards = useRef(new Map<string, HTMLLIElement>());

  useEffect(() => {
    if (focus) cards.current.get(focus)?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [focus]);

  const toggle = (id: string) => setExpanded(toggled(expanded, id));
  const customs = wf.connectors ?? [];

  return (
    <div className="fg-panel fg-panel-connections" data-testid="connections-panel">
      <Section
        title="Connections"
        aside={
          <Button kind="primary" testId="add-connection" onClick={() => setPicking(!picking)}>
            + Add connection
          </Button>
        }
      >
        {picking ? (
          <AddConnectionPicker
            connectors={connectorsOf(wf)}
            onCancel={() => setPicking(false)}
            onPick={(connector) => {
              const { workflow, id } = addConnectionFor(wf, connector);
              setPicking(false);
              setExpanded(new Set([...expanded, id]));
              onChange(workflow);
            }}
          />
        ) : null}
        {wf.connections.length === 0 ? (
          <p className="fg-panel-empty" data-testid="connections-empty">
            No connections yet. Add the systems this workflow reads from or acts on, then grant each only what its steps need.
          </p>
        ) : null}
        <ul className="fg-panel-list">
          {wf.connections.map((c) => (
            <ConnectionCard
              key={c.id}
              ref={(el: HTMLLIElement | null) => {
                if (el) cards.current.set(c.id, el);
                else cards.current.delete(c.id);
              }}
              wf={wf}
              connection={c}
              expanded={expanded.has(c.id)}
              focused={focus === c.id}
              findings={props.findings?.get(c.id)}
              onToggle={() => toggle(c.id)}
              onChange={onChange}
            />
          ))}
        </ul>
      </Section>
      <Section
        title="Custom connectors"
        testId="custom-connectors"
        aside={
          <Button
            testId="add-custom-connector"
            onClick={() => {
              const { workflow, id } = addCustomConnector(wf);
              setOpenCustom(new Set([...openCustom, id]));
              onChange(workflow);
            }}
          >
            + Define connector
          </Button>
        }
      >
        {customs.length === 0 ? <p className="fg-panel-empty">For a system Flowgate does not ship, such as a client’s own order system: name its actions, their scopes and what they do.</p> : null}
        <ul className="fg-panel-list">
          {customs.map((cc, i) => (
            <CustomConnectorCard
              key={i}
              wf={wf}
              connector={cc}
              index={i}
              expanded={openCustom.has(cc.id)}
              onToggle={() => setOpenCustom(toggled(openCustom, cc.id))}
              onRenamed={(id) => setOpenCustom(new Set([...openCustom, id]))}
              onChange={onChange}
            />
          ))}
        </ul>
      </Section>
    </div>
  );
}

function toggled(set: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
