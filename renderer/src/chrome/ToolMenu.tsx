// A labelled toolbar button that opens a menu of commands (Export ▾): each item names the command and
// its shortcut; commands this shell lacks (PDF in browser mode) are left out. Keyboard: Enter, Space
// or ArrowDown open it on the first item; arrows move, Home/End jump, Enter runs, Escape and Tab close.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { commandAvailable, type CommandId } from '../../../shared/api/commands';
import { useApp } from '../app/context';
import { commandShortcut } from './commandText';
import { Icon } from './icons';

export interface MenuItem {
  id: CommandId;
  label: string;
  /** A line above it, starting a new part of the menu. */
  separatorBefore?: boolean;
}

export function ToolMenu({ id, icon, text, label, items }: { id: string; icon: string; text: string; label: string; items: MenuItem[] }) {
  const app = useApp();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const desktop = app.info?.mode === 'desktop';
  const shown = items.filter((i) => commandAvailable(i.id, desktop));

  const itemsEls = () => [...(root.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];
  const focusItem = (which: 'first' | 'last') => requestAnimationFrame(() => itemsEls()[which === 'first' ? 0 : itemsEls().length - 1]?.focus());

  // A click anywhere else closes the menu.
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open, root]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      focusItem(e.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const els = itemsEls();
    const at = els.indexOf(document.activeElement as HTMLButtonElement);
    const move = (i: number) => els[(i + els.length) % els.length]?.focus();
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(els.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') return close(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="tool-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="tool-btn has-text"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `tool-menu-${id}` : undefined}
        title={label}
        data-testid={`tb-menu-${id}`}
        data-commands={shown.map((i) => i.id).join(' ')}
        onClick={() => {
          setOpen(!open);
          if (!open) focusItem('first');
        }}
        onKeyDown={onButtonKey}
      >
        <Icon name={icon} size={15} />
        <span className="tool-text">{text}</span>
        <Icon name="chevron" size={12} className="tool-caret" />
      </button>
      {open ? (
        <div className="tool-menu-list" role="menu" id={`tool-menu-${id}`} aria-label={text} onKeyDown={onMenuKey}>
          {shown.map((item) => {
            const keys = commandShortcut(item.id);
            return (
              <div key={item.id} role="none" className={item.separatorBefore ? 'tool-menu-part' : undefined}>
                <button
                  type="button"
                  role="menuitem"
                  className="tool-menu-item"
                  tabIndex={-1}
                  disabled={!app.enabled(item.id)}
                  data-testid={`tb-${item.id}`}
                  onClick={() => {
                    close(true);
                    void app.run(item.id);
                  }}
                >
                  <span>{item.label}</span>
                  {keys ? <kbd className="tool-menu-keys">{keys}</kbd> : null}
                </button>
              </div>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
