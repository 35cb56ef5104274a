// Says why a connection was refused, near the canvas, and reads it out (aria-live).
import { useEffect } from 'react';
import { useApp, useUi } from '../app/context';
import { Icon } from '../chrome/icons';

const SHOW_MS = 7000;

export function RefusalBanner() {
  const app = useApp();
  const refusal = useUi((s) => s.refusal);
  useEffect(() => {
    if (!refusal) return;
    const t = setTimeout(() => app.ui.clearRefusal(), SHOW_MS);
    return () => clearTimeout(t);
  }, [app, refusal]);
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
