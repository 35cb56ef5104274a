// Says why a connection was refused, near the canvas, and reads it out (aria-live). The UI store
// takes it away again: after REFUSAL_MS, on a successful link, or when the selection changes.
import { useApp, useUi } from '../app/context';
import { Icon } from '../chrome/icons';

export function RefusalBanner() {
  const app = useApp();
  const refusal = useUi((s) => s.refusal);
  return (
    <div className="refusal-region" aria-live="assertive" role="status">
      {refusal && (
        <div className="refusal" data-testid="connection-refused" key={refusal.id}>
          <Icon name="ban" size={16} />
          <span>
            <strong>Connection refused.</strong> {refusal.text}
          </span>
          <button className="icon-btn small" onClick={() => app.ui.clearRefusal()} aria-label="Dismiss">
            <Icon name="x" size={14} />
          </button>
        </div>
      )}
    </div>
  );
}
