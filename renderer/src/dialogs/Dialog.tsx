// A modal dialog: labelled, traps Tab inside, Escape dismisses, focus returns where it was.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Icon } from '../chrome/icons';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Focus goes back where it was. The canvas may have drawn that element anew while the dialog was open
 * (React Flow remounts steps and notes that leave and re-enter the view), so a detached element is
 * found again by its `data-id` or `id`.
 */
function refocus(previous: HTMLElement | null): void {
  if (!previous) return;
  if (previous.isConnected) return previous.focus?.();
  const key = previous.getAttribute('data-id') ? `[data-id="${CSS.escape(previous.getAttribute('data-id')!)}"]` : previous.id ? `#${CSS.escape(previous.id)}` : null;
  const again = key ? document.querySelector<HTMLElement>(key) : null;
  again?.focus?.();
}

export function Dialog(props: {
  title: string;
  testId: string;
  onDismiss(): void;
  children: ReactNode;
  footer?: ReactNode;
  tone?: 'default' | 'danger' | 'warn';
  wide?: boolean;
  /** Selector of the element to focus first; default: the first focusable one in the body. */
  initialFocus?: string;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const { onDismiss, initialFocus } = props;

  // Taken while rendering, before a child's autoFocus moves the focus into the dialog.
  const [previous] = useState(() => (typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null)));

  useEffect(() => {
    const root = ref.current;
    const first = (initialFocus && root?.querySelector<HTMLElement>(initialFocus)) || root?.querySelector<HTMLElement>(`.dialog-body ${FOCUSABLE}`) || root?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => refocus(previous);
  }, [initialFocus, previous]);

  // Escape closes the dialog even when the focus has left it for the page (a download started from it,
  // a button that went away): the topmost dialog takes it, unless something in the page handled it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const root = ref.current;
      const active = document.activeElement;
      if (!root || (active && active !== document.body && active.closest('[role="dialog"]'))) return;
      const dialogs = document.querySelectorAll('[role="dialog"][aria-modal="true"]');
      if (dialogs[dialogs.length - 1] !== root) return;
      e.preventDefault();
      onDismiss();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onDismiss]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onDismiss();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onDismiss()}>
      <div
        ref={ref}
        className={`dialog tone-${props.tone ?? 'default'}${props.wide ? ' is-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={props.testId}
        onKeyDown={onKeyDown}
      >
        <div className="dialog-head">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" className="icon-btn" onClick={onDismiss} aria-label="Close" data-testid="dialog-close">
            <Icon name="x" size={16} />
          </button>
        </div>
        <div className="dialog-body">{props.children}</div>
        {props.footer && <div className="dialog-foot">{props.footer}</div>}
      </div>
    </div>
  );
}
