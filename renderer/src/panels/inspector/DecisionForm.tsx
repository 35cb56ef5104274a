// The rule builder of a decision step: ordered rules of structured conditions. Nothing here is evaluated.
import { rootOf } from '../../../../shared/model/prompt';
import type { Condition, DecisionOp } from '../../../../shared/model/schema';
import { variablesAt } from '../../../../shared/model/variables';
import { Button, DraftInput, Select, TextInput } from '../controls';
import { OPERATORS, addCondition, addBranch, conditionsOf, formatConditionValue, moveBranch, parseConditionValue, removeCondition, removeBranch, setCondition, setBranchLabel, setBranchMode, type BranchMode } from '../../../../shared/model/edits/branches';
import { ruleOutputLabel } from '../../../../shared/kinds/describe';
import { typingKey, type FormProps, type NodeOf } from './types';

function ConditionRow(props: FormProps<NodeOf<'decision'>> & { ruleIndex: number; condIndex: number; condition: Condition; known: Set<string>; listId: string }) {
  const { wf, node, onChange, ruleIndex: i, condIndex: j, condition } = props;
  const base = `field-rules-${i}-cond-${j}`;
  const set = (patch: Partial<Condition>, key?: string) => onChange(setCondition(wf, node.id, i, j, patch), key);
  const varProblem = !condition.var.trim() ? 'Choose or type a variable.' : !props.known.has(rootOf(condition.var.trim())) ? `{{${condition.var}}} is not available at this step.` : null;
  return (
    <li className="fg-panel-condition" data-testid={`condition-${i}-${j}`}>
      <div className="fg-panel-row">
        <TextInput
          value={condition.var}
          placeholder="variable"
          list={props.listId}
          mono
          invalid={!condition.var.trim()}
          ariaLabel={`Variable of condition ${j + 1}`}
          onChange={(v) => set({ var: v }, typingKey(node.id, `rules.${i}.${j}.var`))}
          testId={`${base}-var`}
        />
        <Select
          value={condition.op}
          options={OPERATORS.map((o) => ({ value: o.op, label: o.label }))}
          ariaLabel={`Operator of condition ${j + 1}`}
          onChange={(v) => set({ op: v as DecisionOp })}
          testId={`${base}-op`}
        />
        <Button kind="icon" title="Remove this condition" testId={`remove-condition-${i}-${j}`} onClick={() => onChange(removeCondition(wf, node.id, i, j))}>
          ×
        </Button>
      </div>
      {varProblem ? <span className="fg-panel-warning">{varProblem}</span> : null}
      {condition.op !== 'exists' ? (
        <DraftInput
          text={formatConditionValue(condition.value)}
          parse={(t) => parseConditionValue(condition.op, t)}
          format={formatConditionValue}
          onCommit={(value) => set({ value }, typingKey(node.id, `rules.${i}.${j}.value`))}
          placeholder={condition.op === 'in' ? 'values, separated by commas' : 'value'}
          inputMode={['gt', 'gte', 'lt', 'lte'].includes(condition.op) ? 'decimal' : 'text'}
          ariaLabel={`Value of condition ${j + 1}`}
          testId={`${base}-value`}
        />
      ) : null}
    </li>
  );
}

export function DecisionForm(props: FormProps<NodeOf<'decision'>>) {
  const { wf, node, onChange } = props;
  const rules = node.config.rules;
  const variables = variablesAt(wf, node.id);
  const known = new Set(variables.map((v) => v.name));
  const listId = `fg-panel-vars-${node.id}`;
  return (
    <div className="fg-panel-field" role="group" aria-label="Rules">
      <span className="fg-panel-label">Rules</span>
      <span className="fg-panel-hint">Checked from top to bottom: the first rule that holds decides the path. When none holds, the item takes else.</span>
      <datalist id={listId}>
        {variables.map((v) => (
          <option key={v.name} value={v.name}>
            {v.from}
          </option>
        ))}
      </datalist>
      <ol className="fg-panel-list fg-panel-rules">
        {rules.map((rule, i) => {
          const { mode, conditions } = conditionsOf(rule);
          return (
            <li key={rules.findIndex((r) => r.id === rule.id) === i ? rule.id : `${rule.id}#${i}`} className="fg-panel-card fg-panel-rule" data-testid={`rule-${i}`}>
              <div className="fg-panel-row">
                <span className="fg-panel-rule-number">{i + 1}.</span>
                <TextInput
                  value={rule.label}
                  placeholder={`Name this path, e.g. ${i === 0 ? 'Billing' : 'Urgent'}`}
                  ariaLabel={`Name of rule ${i + 1}`}
                  onChange={(v) => onChange(setBranchLabel(wf, node.id, i, v), typingKey(node.id, `rules.${i}.label`))}
                  testId={`field-rules-${i}-label`}
                />
                <Button kind="icon" title="Move up" disabled={i === 0} testId={`move-rule-up-${i}`} onClick={() => onChange(moveBranch(wf, node.id, i, -1))}>
                  ↑
                </Button>
                <Button kind="icon" title="Move down" disabled={i === rules.length - 1} testId={`move-rule-down-${i}`} onClick={() => onChange(moveBranch(wf, node.id, i, 1))}>
                  ↓
                </Button>
                <Button kind="icon" title="Remove this rule and its path" testId={`remove-rule-${i}`} onClick={() => onChange(removeBranch(wf, node.id, i))}>
                  ×
                </Button>
              </div>
              <div className="fg-panel-row fg-panel-rule-mode">
                <span className="fg-panel-hint">{`Takes “${ruleOutputLabel(rule, i)}” when`}</span>
                <Select
                  value={mode}
                  options={[
                    { value: 'all', label: 'all of these hold' },
                    { value: 'any', label: 'any of these holds' },
                  ]}
                  ariaLabel={`How the conditions of rule ${i + 1} combine`}
                  onChange={(v) => onChange(setBranchMode(wf, node.id, i, v as BranchMode))}
                  testId={`field-rules-${i}-mode`}
                />
              </div>
              {conditions.length === 0 ? (
                <span className="fg-panel-warning">No conditions: this rule always holds, so the rules below it are never reached.</span>
              ) : null}
              <ul className="fg-panel-list">
                {conditions.map((condition, j) => (
                  <ConditionRow key={j} {...props} ruleIndex={i} condIndex={j} condition={condition} known={known} listId={listId} />
                ))}
              </ul>
              <div>
                <Button kind="link" testId={`add-condition-${i}`} onClick={() => onChange(addCondition(wf, node.id, i))}>
                  + Add condition
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="fg-panel-card fg-panel-else">Otherwise → else</div>
      <div>
        <Button testId="add-rule" onClick={() => onChange(addBranch(wf, node.id).workflow)}>
          + Add rule
        </Button>
      </div>
    </div>
  );
}
