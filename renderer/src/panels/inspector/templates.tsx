// Template text with {{variables}}: the chips of the variables available at the step, and a warning for
// references to variables that are not.
import { useLayoutEffect, useRef } from 'react';
import { insertText, unknownVariables } from '../../../../shared/model/prompt';
import type { AvailableVariable } from '../../../../shared/model/variables';
import { cls } from '../controls';

const KIND_TEXT: Record<AvailableVariable['kind'], string> = { input: 'from the intake', 'ai-output': 'AI output', system: 'run' };

/** Clickable variable names; mousedown is swallowed so the text field keeps its focus and cursor. */
export function VariableChips(props: { variables: AvailableVariable[]; onPick(name: string): void; testId?: string }) {
  if (!props.variables.length) return null;
  return (
    <div className="fg-panel-chips" data-testid={props.testId ?? 'variable-chips'} aria-label="Insert a variable" tabIndex={-1}>
      {props.variables.map((v) => (
        <button
          key={v.name}
          type="button"
          className={cls('fg-panel-chip', `fg-panel-chip-${v.kind}`)}
          title={`${v.name}: ${KIND_TEXT[v.kind]}${v.kind === 'system' ? '' : ` (${v.from})`}`}
          data-testid={`var-chip-${v.name}`}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => props.onPick(v.name)}
        >
          {`{{${v.name}}}`}
        </button>
      ))}
    </div>
  );
}

export function UnknownVariablesWarning(props: { text: string; variables: AvailableVariable[]; testId?: string }) {
  const unknown = unknownVariables(props.text, props.variables);
  if (!unknown.length) return null;
  const list = unknown.map((u) => `{{${u}}}`).join(', ');
  return (
    <span className="fg-panel-warning" data-testid={props.testId ?? 'unknown-variables'}>
      {`Not available at this step: ${list}. No intake field, earlier AI output or run variable has ${unknown.length === 1 ? 'that name' : 'these names'}.`}
    </span>
  );
}

type TextControl = HTMLTextAreaElement | HTMLInputElement;

/** Remembers where to put the cursor after an insertion, and puts it there once React has rendered. */
function useInsertion<E extends TextControl>(value: string, onChange: (text: string) => void) {
  const ref = useRef<E | null>(null);
  const cursor = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && cursor.current !== null) {
      el.focus();
      el.setSelectionRange(cursor.current, cursor.current);
      cursor.current = null;
    }
  });
  const insert = (name: string) => {
    const el = ref.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? start;
    const next = insertText(value, start, end, `{{${name}}}`);
    cursor.current = next.cursor;
    onChange(next.text);
  };
  return { ref, insert };
}

/** A multi-line template (an AI prompt) with its variable chips and unknown-variable warning. */
export function TemplateArea(props: {
  value: string;
  onType(text: string): void;
  onInsert(text: string): void;
  variables: AvailableVariable[];
  testId: string;
  placeholder?: string;
  rows?: number;
}) {
  const { ref, insert } = useInsertion<HTMLTextAreaElement>(props.value, props.onInsert);
  return (
    <>
      <textarea
        ref={ref}
        className="fg-panel-input fg-panel-textarea fg-panel-mono"
        rows={props.rows ?? 6}
        value={props.value}
        placeholder={props.placeholder}
        spellCheck={false}
        data-testid={props.testId}
        onChange={(e) => props.onType(e.target.value)}
      />
      <UnknownVariablesWarning text={props.value} variables={props.variables} />
      <VariableChips variables={props.variables} onPick={insert} />
    </>
  );
}

/** A one-line template (an integration input); its chips insert at its own cursor. */
export function TemplateLine(props: {
  value: string;
  onType(text: string): void;
  onInsert(text: string): void;
  variables: AvailableVariable[];
  testId: string;
  placeholder?: string;
  showChips: boolean;
  onFocus?(): void;
  ariaLabel?: string;
}) {
  const { ref, insert } = useInsertion<HTMLInputElement>(props.value, props.onInsert);
  return (
    <>
      <input
        ref={ref}
        type="text"
        className="fg-panel-input fg-panel-mono"
        value={props.value}
        placeholder={props.placeholder}
        spellCheck={false}
        aria-label={props.ariaLabel}
        data-testid={props.testId}
        onFocus={props.onFocus}
        onChange={(e) => props.onType(e.target.value)}
      />
      <UnknownVariablesWarning text={props.value} variables={props.variables} testId={`${props.testId}-unknown`} />
      {props.showChips ? <VariableChips variables={props.variables} onPick={insert} testId={`${props.testId}-chips`} /> : null}
    </>
  );
}
