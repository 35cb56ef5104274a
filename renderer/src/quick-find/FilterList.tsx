// A text field that filters a list below it, driven from the keyboard: type to filter, Up and Down (Home,
// End) to move, Enter to choose, Escape to leave. The ARIA combobox pattern: focus stays in the field and
// the list says which item is active (aria-activedescendant), so screen readers read both. Used by quick
// find and by the next-step picker.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './quick-find.css';
import { useEffect, useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { Icon } from '../chrome/icons';

export interface FilterItem {
  /** Unique within the list. */
  key: string;
  /** The heading it is listed under; items of a group must be next to each other. */
  group: string;
  label: string;
  /** A second, quieter line or note beside the label. */
  detail?: string;
  /** Keyboard shortcut text, shown at the end. */
  shortcut?: string;
  icon?: string;
  /** Colour of the icon (a kind's colour). */
  colour?: string;
}

export interface FilterListProps<T extends FilterItem> {
  /** The field's accessible name. */
  label: string;
  placeholder: string;
  query: string;
  onQuery(query: string): void;
  /** The items matching the query, in the order shown. */
  items: readonly T[];
  onChoose(item: T): void;
  /** Escape in the field; absent: Escape is left to whatever holds the list (a dialog). */
  onEscape?(): void;
  /** Said when nothing matches. */
  empty: ReactNode;
  testId: string;
  autoFocus?: boolean;
}

export function FilterList<T extends FilterItem>(props: FilterListProps<T>) {
  const { items, onChoose, onEscape, testId } = props;
  const id = useId();
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  // A new list (typing) starts at its first item.
  const [listed, setListed] = useState(items);
  if (listed !== items) {
    setListed(items);
    setActive(0);
  }
  const current = Math.min(active, items.length - 1);
  const optionId = (i: number) => `${id}-opt-${i}`;

  useEffect(() => {
    if (current < 0) return;
    listRef.current?.querySelector(`#${CSS.escape(optionId(current))}`)?.scrollIntoView?.({ block: 'nearest' });
  });

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const move = (to: number) => {
      e.preventDefault();
      if (items.length) setActive((to + items.length) % items.length);
    };
    switch (e.key) {
      case 'ArrowDown':
        move(current + 1);
        break;
      case 'ArrowUp':
        move(current - 1);
        break;
      case 'PageDown':
        move(Math.min(items.length - 1, current + 8));
        break;
      case 'PageUp':
        move(Math.max(0, current - 8));
        break;
      case 'Enter':
        e.preventDefault();
        // Enter belongs to the list, not to the app's shortcuts (Alt+Enter adds a next step).
        e.stopPropagation();
        if (current >= 0) onChoose(items[current]);
        break;
      case 'Escape':
        if (!onEscape) return;
        e.preventDefault();
        e.stopPropagation();
        onEscape();
        break;
    }
  };

  const groups = useMemo(() => {
    const out: { name: string; items: { item: T; index: number }[] }[] = [];
    items.forEach((item, index) => {
      const last = out.at(-1);
      if (last && last.name === item.group) last.items.push({ item, index });
      else out.push({ name: item.group, items: [{ item, index }] });
    });
    return out;
  }, [items]);

  return (
    <div className="filter-list" data-testid={testId}>
      <div className="filter-field">
        <Icon name="search" size={15} />
        <input
          type="text"
          role="combobox"
          aria-label={props.label}
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={current >= 0 ? optionId(current) : undefined}
          placeholder={props.placeholder}
          value={props.query}
          onChange={(e) => props.onQuery(e.target.value)}
          onKeyDown={onKeyDown}
          autoFocus={props.autoFocus}
          spellCheck={false}
          autoComplete="off"
          data-testid={`${testId}-input`}
        />
      </div>
      <div className="filter-options" role="listbox" id={`${id}-list`} aria-label={props.label} ref={listRef}>
        {groups.map((g, gi) => (
          <div key={g.name} role="group" aria-labelledby={`${id}-g-${gi}`} className="filter-group">
            <div className="filter-group-name" id={`${id}-g-${gi}`} role="presentation">
              {g.name}
            </div>
            {g.items.map(({ item, index }) => (
              <div
                key={item.key}
                id={optionId(index)}
                role="option"
                aria-selected={index === current}
                className={`filter-option${index === current ? ' is-active' : ''}`}
                // The field keeps focus: a click chooses without moving it.
                onMouseDown={(e) => e.preventDefault()}
                onMouseMove={() => index !== current && setActive(index)}
                onClick={() => onChoose(item)}
                data-testid={`${testId}-option`}
                data-key={item.key}
              >
                {item.icon ? (
                  <span className="filter-icon" style={item.colour ? ({ '--kind': item.colour } as CSSProperties) : undefined}>
                    <Icon name={item.icon} size={14} />
                  </span>
                ) : null}
                <span className="filter-text">
                  <span className="filter-label">{item.label}</span>
                  {item.detail ? <span className="filter-detail">{item.detail}</span> : null}
                </span>
                {item.shortcut ? <kbd className="filter-shortcut">{item.shortcut}</kbd> : null}
              </div>
            ))}
          </div>
        ))}
        {!items.length ? (
          <div className="filter-empty" role="presentation">
            {props.empty}
          </div>
        ) : null}
      </div>
    </div>
  );
}
