// Short messages in the corner: confirmations fade, errors stay until dismissed.
import { useEffect } from 'react';
import { useApp, useUi } from '../app/context';
import { Icon } from '../chrome/icons';
import type { Toast } from '../store/ui';

const ICON = { info: 'info', ok: 'check', warn: 'alert', error: 'alert' } as const;
const LIFETIME = { info: 5000, ok: 3500, warn: 8000, error: 0 } as const;

function ToastItem({ toast }: { toast: Toast }) {
  const app = useApp();
  useEffect(() => {
    const ms = LIFETIME[toast.tone];
    if (!ms) return;
    const t = setTimeout(() => app.ui.dismissToast(toast.id), ms);
    return () => clearTimeout(t);
  }, [app, toast]);
  return (
    <div className={`toast tone-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'} data-testid={`toast-${toast.tone}`}>
      <Icon name={ICON[toast.tone]} size={16} />
      <span className="toast-text">{toast.text}</span>
      <button type="button" className="icon-btn small" onClick={() => app.ui.dismissToast(toast.id)} aria-label="Dismiss">
        <Icon name="x" size={14} />
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
