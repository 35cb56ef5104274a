import { Field, Select, TextInput } from '../controls';
import { patchConfig } from '../../../../shared/model/edits/node-config';
import { typingKey, type FormProps, type NodeOf } from './types';

export const COMMON_OUTCOMES = ['resolved', 'rejected', 'escalated', 'stopped', 'cancelled'] as const;
const OTHER = '__other__';

export function EndForm({ wf, node, onChange }: FormProps<NodeOf<'end'>>) {
  const outcome = node.config.outcome;
  const common = (COMMON_OUTCOMES as readonly string[]).includes(outcome);
  const set = (value: string, key?: string) => onChange(patchConfig(wf, node.id, 'end', { outcome: value }), key);
  return (
    <>
      <Field label="Outcome">
        <Select
          value={common ? outcome : OTHER}
          options={[...COMMON_OUTCOMES.map((o) => ({ value: o, label: o[0].toUpperCase() + o.slice(1) })), { value: OTHER, label: 'Other…' }]}
          // Picking "Other…" starts from an empty name, which the text field below then asks for.
          onChange={(v) => set(v === OTHER ? '' : v)}
          testId="field-outcome"
        />
      </Field>
      {!common ? (
        <Field label="Other outcome" warning={!outcome.trim() ? 'Name the outcome, e.g. refunded.' : null}>
          <TextInput value={outcome} placeholder="e.g. refunded" invalid={!outcome.trim()} onChange={(v) => set(v, typingKey(node.id, 'outcome'))} testId="field-outcome-custom" />
        </Field>
      ) : null}
    </>
  );
}
