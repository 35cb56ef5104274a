// The list of connectors to add a connection for: the built-ins, then the workflow's own.
import type { ConnectorDefinition } from '../../../../shared/connectors/types';
import { ConnectorIcon } from './ConnectorIcon';

export function AddConnectionPicker(props: { connectors: readonly ConnectorDefinition[]; onPick(connector: ConnectorDefinition): void; onCancel(): void }) {
  return (
    <div className="fg-panel-picker" role="dialog" aria-label="Add a connection" data-testid="connector-picker">
      <span className="fg-panel-hint">Pick the system to connect. You then choose what it may do.</span>
      <ul className="fg-panel-list">
        {props.connectors.map((c) => (
          <li key={c.id}>
            <button type="button" className="fg-panel-option" data-testid={`connector-option-${c.id}`} onClick={() => props.onPick(c)}>
              <ConnectorIcon connector={c} />
              <span className="fg-panel-option-text">
                <span className="fg-panel-option-title">
                  {c.label}
                  {c.custom ? <span className="fg-panel-badge">custom</span> : null}
                </span>
                <span className="fg-panel-hint">{c.description}</span>
              </span>
              <span className="fg-panel-card-meta">{`${c.actions.length} ${c.actions.length === 1 ? 'action' : 'actions'}`}</span>
            </button>
          </li>
        ))}
      </ul>
      <div>
        <button type="button" className="fg-panel-button" data-testid="cancel-add-connection" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
