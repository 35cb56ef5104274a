// An AI step's knowledge sources or tools: rows of connection + action, each showing what the action does.
import type { ConnectorAction } from '../../../../shared/connectors/types';
import { Button, Field } from '../controls';
import { addActionRef, removeActionRef, setActionRefAction, setActionRefConnection, type RefList } from '../../../../shared/model/edits/node-config';
import { ActionSelect, ConnectionSelect } from './pickers';
import type { FormProps, NodeOf } from './types';

const TEXT: Record<RefList, { label: string; hint: string; add: string; item: string }> = {
  sources: { label: 'Knowledge sources', hint: 'What the AI may read. Only read actions are listed.', add: '+ Add source', item: 'source' },
  tools: { label: 'Tools', hint: 'Actions the AI may call while it works.', add: '+ Add tool', item: 'tool' },
};

export function ActionRefs({ wf, node, onChange, list }: FormProps<NodeOf<'ai'>> & { list: RefList }) {
  const refs = node.config[list];
  const text = TEXT[list];
  const filter = list === 'sources' ? (a: ConnectorAction) => a.effect === 'read' : undefined;
  return (
    <Field label={text.label} hint={text.hint} group>
      {refs.length === 0 ? <span className="fg-panel-empty">{list === 'sources' ? 'No sources.' : 'No tools.'}</span> : null}
      <ul className="fg-panel-list">
        {refs.map((ref, i) => (
          <li key={i} className="fg-panel-list-item fg-panel-card" data-testid={`${list}-${i}`}>
            <div className="fg-panel-row">
              <ConnectionSelect
                wf={wf}
                value={ref.connection}
                onChange={(id) => onChange(setActionRefConnection(wf, node.id, list, i, id))}
                testId={`field-${list}-${i}-connection`}
                ariaLabel={`Connection of ${text.item} ${i + 1}`}
              />
              <Button kind="icon" title={`Remove this ${text.item}`} testId={`remove-${list}-${i}`} onClick={() => onChange(removeActionRef(wf, node.id, list, i))}>
                ×
              </Button>
            </div>
            <ActionSelect
              wf={wf}
              connectionId={ref.connection}
              value={ref.action}
              filter={filter}
              onChange={(scope) => onChange(setActionRefAction(wf, node.id, list, i, scope))}
              testId={`field-${list}-${i}-action`}
              ariaLabel={`Action of ${text.item} ${i + 1}`}
            />
          </li>
        ))}
      </ul>
      <div>
        <Button testId={`add-${list}`} onClick={() => onChange(addActionRef(wf, node.id, list))}>
          {text.add}
        </Button>
      </div>
    </Field>
  );
}
