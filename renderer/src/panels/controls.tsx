// Small form controls shared by the panels. Each renders user text as text (React escapes it), and
// the draft input keeps whatever the user typed even when it cannot be stored yet.
// Every panel renders through these controls, so the panels' style sheet is loaded here, once.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './panels.css';
import { useState, type ReactNode } from 'react';
import type { Effect } from '../../../shared/connectors/types';
import type { Parsed } from '../../../shared/model/edits/values';

export function Section(props: { title: string; children: ReactNode; aside?: ReactNode; testId?: string }) {
  return (
    <section className="fg-panel-section" data-testid={props.testId}>
      <header className="fg-panel-section-head">
        <h3 className="fg-panel-section-title">{props.title}</h3>
        {props.aside}
      </header>
      {props.children}
    </section>
  );
}

/** A labelled row: label, control, then an optional hint, warning or error line. */
export function Field(props: { label: string; children: ReactNode; hint?: ReactNode; error?: string | null; warning?: string | null; group?: boolean }) {
  // A group holds several controls (lists with buttons): a <label> would forward clicks to its first one.
  const Tag = props.group ? 'div' : 'label';
  return (
    <Tag className="fg-panel-field" role={props.group ? 'group' : undefined} aria-label={props.group ? props.label : undefined}>
      <span className="fg-panel-label">{props.label}</span>
      {/* A group's hint explains the list below it, so it comes first; a single control's follows it. */}
      {props.group && props.hint ? <span className="fg-panel-hint">{props.hint}</span> : null}
      {props.children}
      {props.error ? <span className="fg-panel-error" role="alert">{props.error}</span> : null}
      {!props.error && props.warning ? <span className="fg-panel-warning">{props.warning}</span> : null}
      {!props.group && props.hint ? <span className="fg-panel-hint">{props.hint}</span> : null}
    </Tag>
  );
}

export function TextInput(props: {
  value: string;
  onChange(value: string): void;
  testId: string;
  placeholder?: string;
  mono?: boolean;
  invalid?: boolean;
  list?: string;
  ariaLabel?: string;
  onEnter?(): void;
}) {
  return (
    <input
      className={cls('fg-panel-input', props.mono && 'fg-panel-mono', props.invalid && 'fg-panel-invalid')}
      type="text"
      value={props.value}
      placeholder={props.placeholder}
      list={props.list}
      aria-label={props.ariaLabel}
      aria-invalid={props.invalid || undefined}
      data-testid={props.testId}
      spellCheck={!props.mono}
      onChange={(e) => props.onChange(e.target.value)}
      onKeyDown={
        props.onEnter
          ? (e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                props.onEnter?.();
              }
            }
          : undefined
      }
    />
  );
}

export function TextArea(props: { value: string; onChange(value: string): void; testId: string; placeholder?: string; rows?: number; mono?: boolean }) {
  return (
    <textarea
      className={cls('fg-panel-input', 'fg-panel-textarea', props.mono && 'fg-panel-mono')}
      value={props.value}
      rows={props.rows ?? 3}
      placeholder={props.placeholder}
      data-testid={props.testId}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

export interface Option {
  value: string;
  label: string;
}

/**
 * A select that never hides the stored value: a value that is not among the options (a deleted
 * connection, an unknown action) is listed as such, so nothing changes until the user picks.
 */
export function Select(props: { value: string; options: Option[]; onChange(value: string): void; testId: string; missingLabel?: (value: string) => string; ariaLabel?: string }) {
  const known = props.options.some((o) => o.value === props.value);
  return (
    <select className="fg-panel-input fg-panel-select" value={props.value} data-testid={props.testId} aria-label={props.ariaLabel} onChange={(e) => props.onChange(e.target.value)}>
      {!known ? <option value={props.value}>{props.missingLabel ? props.missingLabel(props.value) : `${props.value} (unknown)`}</option> : null}
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/**
 * A text input bound to a typed value. What the user types stays in the box; it is stored only when
 * it parses, and otherwise the reason is shown beneath. An outside change (undo, another panel)
 * replaces the text.
 */
export function DraftInput<T>(props: {
  text: string;
  parse(text: string): Parsed<T>;
  format(value: T): string;
  onCommit(value: T): void;
  testId: string;
  placeholder?: string;
  mono?: boolean;
  inputMode?: 'decimal' | 'text';
  ariaLabel?: string;
  list?: string;
  /** Store only when the field is left or Enter is pressed (for renames that other things follow). */
  commitOnBlur?: boolean;
}) {
  const [draft, setDraft] = useState(props.text);
  const [synced, setSynced] = useState(props.text);
  if (props.text !== synced) {
    setSynced(props.text);
    setDraft(props.text);
  }
  const commit = (text: string) => {
    const next = props.parse(text);
    if (!next.ok) return;
    const formatted = props.format(next.value);
    // Typing that does not change the stored value ("a, b" → "a, b,") makes no edit and no undo step.
    if (formatted === props.text) return;
    setSynced(formatted);
    props.onCommit(next.value);
  };
  const parsed = props.parse(draft);
  const error = parsed.ok ? null : parsed.error;
  const warning = parsed.ok ? parsed.warning : undefined;
  return (
    <>
      <input
        className={cls('fg-panel-input', props.mono && 'fg-panel-mono', (error || warning) && 'fg-panel-invalid')}
        type="text"
        inputMode={props.inputMode}
        value={draft}
        placeholder={props.placeholder}
        aria-label={props.ariaLabel}
        aria-invalid={!!error || !!warning || undefined}
        list={props.list}
        data-testid={props.testId}
        onChange={(e) => {
          setDraft(e.target.value);
          if (!props.commitOnBlur) commit(e.target.value);
        }}
        onBlur={props.commitOnBlur ? () => commit(draft) : undefined}
        onKeyDown={
          props.commitOnBlur
            ? (e) => {
                if (e.key === 'Enter') commit(draft);
              }
            : undefined
        }
      />
      {error ? <span className="fg-panel-error" role="alert">{error}</span> : null}
      {warning ? <span className="fg-panel-warning">{warning}</span> : null}
    </>
  );
}

export function Checkbox(props: { checked: boolean; onChange(checked: boolean): void; testId: string; label: ReactNode; disabled?: boolean }) {
  return (
    <label className="fg-panel-check">
      <input type="checkbox" checked={props.checked} disabled={props.disabled} data-testid={props.testId} onChange={(e) => props.onChange(e.target.checked)} />
      <span>{props.label}</span>
    </label>
  );
}

export function Button(props: { onClick(): void; testId: string; children: ReactNode; kind?: 'default' | 'primary' | 'danger' | 'link' | 'icon'; title?: string; disabled?: boolean }) {
  return (
    <button
      type="button"
      className={cls('fg-panel-button', props.kind && props.kind !== 'default' && `fg-panel-button-${props.kind}`)}
      title={props.title}
      aria-label={props.kind === 'icon' ? props.title : undefined}
      disabled={props.disabled}
      data-testid={props.testId}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

export function EffectBadge(props: { effect: Effect }) {
  return <span className={`fg-panel-badge fg-panel-effect fg-panel-effect-${props.effect}`}>{props.effect}</span>;
}

/** The flags of a connector action: customer-facing and the sensitive data it touches. */
export function ActionFlags(props: { customerFacing: boolean; data: readonly string[] }) {
  if (!props.customerFacing && !props.data.length) return null;
  return (
    <span className="fg-panel-flags">
      {props.customerFacing ? <span className="fg-panel-badge fg-panel-flag-customer">customer-facing</span> : null}
      {props.data.map((d) => (
        <span key={d} className="fg-panel-badge fg-panel-flag-data">
          {d}
        </span>
      ))}
    </span>
  );
}

export function cls(...names: (string | false | null | undefined | 0)[]): string {
  return names.filter(Boolean).join(' ');
}
