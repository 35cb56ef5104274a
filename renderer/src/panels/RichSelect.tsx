// A drop-down whose entries lead with plain words and carry their id second, greyed (an action's
// label, then its scope), in groups with a heading each (the actions a connection grants, then the
// others). It is a native <select>: keyboard, screen readers and forms work as everywhere. Where the
// browser draws customisable selects (Chromium 135+, so the desktop app), the id is drawn small and
// grey; elsewhere the entry reads "Label · id".
import { cls } from './controls';

export interface RichOption {
  value: string;
  label: string;
  /** The technical name, shown second and greyed (a scope, a connection id). */
  id?: string;
}

export interface RichGroup {
  /** The group's heading; none for entries outside any group (a "Choose…" prompt). */
  label?: string;
  options: RichOption[];
}

function Entry({ o }: { o: RichOption }) {
  return (
    <option value={o.value}>
      <span className="fg-opt-label">{o.label}</span>
      {o.id && o.id !== o.label ? (
        <span className="fg-opt-id">
          <span className="fg-opt-sep"> · </span>
          {o.id}
        </span>
      ) : null}
    </option>
  );
}

export function RichSelect(props: {
  value: string;
  groups: RichGroup[];
  onChange(value: string): void;
  testId: string;
  ariaLabel?: string;
  /** The entry for a value none of the groups offers (a reference to something gone). */
  missing?: RichOption;
  className?: string;
}) {
  const known = props.groups.some((g) => g.options.some((o) => o.value === props.value));
  return (
    <select
      className={cls('fg-panel-input', 'fg-panel-select', 'fg-rich-select', props.className)}
      value={props.value}
      data-testid={props.testId}
      aria-label={props.ariaLabel}
      onChange={(e) => props.onChange(e.target.value)}
    >
      {!known ? <Entry o={props.missing ?? { value: props.value, label: `${props.value} (unknown)` }} /> : null}
      {props.groups.map((g, i) =>
        g.label ? (
          g.options.length ? (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <Entry key={o.value} o={o} />
              ))}
            </optgroup>
          ) : null
        ) : (
          g.options.map((o) => <Entry key={`${i}:${o.value}`} o={o} />)
        ),
      )}
    </select>
  );
}
