// An end step's outcome: one of the common ones, or another name. A new end has none until its name
// makes one obvious ("Refund rejected" → rejected) or the user chooses it; until then the form asks.
import { useState } from 'react';
import { COMMON_OUTCOMES, outcomeFromLabel } from '../../../../shared/kinds/end-outcome';
import { Field, Select, TextInput } from '../controls';
import { patchConfig } from '../../../../shared/model/edits/node-config';
import { typingKey, type FormProps, type NodeOf } from './types';

const OTHER = '__other__';
const UNSET = '';

export function EndForm({ wf, node, onChange }: FormProps<NodeOf<'end'>>) {
  const outcome = node.config.outcome;
  const common = (COMMON_OUTCOMES as readonly string[]).includes(outcome);
  // "Other…" chosen with nothing typed yet is still "other", not "no outcome".
  const [typing, setTyping] = useState(false);
  const other = !common && (outcome.trim() !== '' || typing);
  const set = (value: string, key?: string) => onChange(patchConfig(wf, node.id, 'end', { outcome: value }), key);
  const fromName = outcome.trim() !== '' && outcome === outcomeFromLabel(node.label);
  const value = common ? outcome : other ? OTHER : UNSET;
  return (
    <>
      <Field
        label="Outcome"
        warning={value === UNSET ? 'What does this end mean? Choose an outcome, so runs and reports can count it.' : null}
        hint={fromName ? 'Taken from the step’s name; choose another to set it yourself.' : undefined}
      >
        <Select
          value={value}
          options={[
            ...(value === UNSET ? [{ value: UNSET, label: 'Choose an outcome…' }] : []),
            ...COMMON_OUTCOMES.map((o) => ({ value: o, label: o[0].toUpperCase() + o.slice(1) })),
            { value: OTHER, label: 'Other…' },
          ]}
          // Picking "Other…" starts from an empty name, which the text field below then asks for.
          onChange={(v) => {
            setTyping(v === OTHER);
            set(v === OTHER ? '' : v);
          }}
          testId="field-outcome"
        />
      </Field>
      {other ? (
        <Field label="Other outcome" warning={!outcome.trim() ? 'Name the outcome, e.g. refunded.' : null}>
          <TextInput value={outcome} placeholder="e.g. refunded" invalid={!outcome.trim()} onChange={(v) => set(v, typingKey(node.id, 'outcome'))} testId="field-outcome-custom" />
        </Field>
      ) : null}
    </>
  );
}
