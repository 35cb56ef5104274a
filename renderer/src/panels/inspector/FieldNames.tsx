// An editable list of field names (an intake's fields, the fields an extract step pulls out).
import { isVariableName } from '../../../../shared/model/prompt';
import type { Workflow } from '../../../../shared/model/schema';
import { Button, Field } from '../controls';
import { addField, removeField, setField } from '../../../../shared/model/edits/node-config';
import { typingKey } from './types';

/** What is wrong with the name at `index`, if anything: said inline, never enforced. */
export function fieldNameProblem(names: readonly string[], index: number): string | null {
  const name = names[index];
  if (!name.trim()) return 'Give this field a name.';
  if (!isVariableName(name)) return `Templates cannot refer to "${name}": use letters, digits, "_" or "-", starting with a letter.`;
  if (names.indexOf(name) !== index) return `"${name}" is listed twice.`;
  return null;
}

export function FieldNames(props: { wf: Workflow; nodeId: string; names: string[]; label: string; hint?: string; onChange(next: Workflow, coalesceKey?: string): void }) {
  const { wf, nodeId, names, onChange } = props;
  return (
    <Field label={props.label} hint={props.hint} group>
      <ul className="fg-panel-list">
        {names.map((name, i) => {
          const problem = fieldNameProblem(names, i);
          return (
            <li key={i} className="fg-panel-list-item">
              <div className="fg-panel-row">
                <input
                  className={`fg-panel-input fg-panel-mono${problem ? ' fg-panel-invalid' : ''}`}
                  type="text"
                  value={name}
                  placeholder="field name"
                  aria-label={`${props.label} ${i + 1}`}
                  spellCheck={false}
                  data-testid={`field-fields-${i}`}
                  onChange={(e) => onChange(setField(wf, nodeId, i, e.target.value), typingKey(nodeId, `fields.${i}`))}
                />
                <Button kind="icon" title="Remove this field" testId={`remove-field-${i}`} onClick={() => onChange(removeField(wf, nodeId, i))}>
                  ×
                </Button>
              </div>
              {problem ? <span className="fg-panel-warning">{problem}</span> : null}
            </li>
          );
        })}
      </ul>
      <div>
        <Button testId="add-field" onClick={() => onChange(addField(wf, nodeId))}>
          + Add field
        </Button>
      </div>
    </Field>
  );
}
