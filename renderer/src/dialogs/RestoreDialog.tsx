// Crash recovery at start: the workflows whose unsaved changes Flowgate kept when it closed
// unexpectedly. Each can be restored (opens as unsaved) or discarded; "Decide later" keeps them.
import { displayText } from '../../../shared/model/display-text';
import { formatDateTime } from '../app/format-date';
import type { RestoreChoice, RestoreEntry } from '../store/ui';
import { Dialog } from './Dialog';
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import '../feedback/recovery.css';

export function RestoreDialog({ entries, resolve }: { entries: RestoreEntry[]; resolve(choice: RestoreChoice): void }) {
  return (
    <Dialog
      title="Flowgate closed before these changes were saved"
      testId="dialog-restore"
      tone="warn"
      wide
      onDismiss={() => resolve(null)}
      initialFocus='[data-testid="restore-open"]'
      footer={
        <>
          <span className="muted small">Deciding later keeps the copies; Flowgate offers them again next time it starts.</span>
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => resolve(null)} data-testid="restore-later">
            Decide later
          </button>
        </>
      }
    >
      <p>Flowgate kept a copy of your unsaved work. Restore a workflow to carry on where you left off, or discard the copy.</p>
      <ul className="restore-list">
        {entries.map((e) => (
          <li key={e.key} className="restore-item" data-testid="restore-item" data-key={e.key}>
            <div className="restore-text">
              <span className="restore-name">{e.name}</span>
              <span className="restore-meta" title={e.path ?? undefined}>
                {e.path ? displayText(e.path, 120) : 'Never saved'}
              </span>
              <span className="restore-meta">Last changed {formatDateTime(e.updatedAt)}</span>
            </div>
            <button type="button" className="btn btn-danger-quiet small" onClick={() => resolve({ action: 'discard', key: e.key })} data-testid="restore-discard">
              Discard
            </button>
            <button type="button" className="btn btn-primary small" onClick={() => resolve({ action: 'restore', key: e.key })} data-testid="restore-open">
              Restore
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
