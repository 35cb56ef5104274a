// What an approval shows its reviewer (`shows`): the variables shown, each removable, the chips of
// variables that can be shown too, and what the steps after the approval send.
import type { Workflow } from '../../../../shared/model/schema';
import { displayText } from '../../../../shared/model/display-text';
import { showAlso, stopShowing } from '../../../../shared/model/edits/approval-shows';
import { listText } from '../../../../shared/workflow-index/wording';
import { Field } from '../controls';
import { showsView } from './data-flow-view';
import { VariableChips } from './templates';

export function ShowsField({ wf, nodeId, onChange }: { wf: Workflow; nodeId: string; onChange(next: Workflow): void }) {
  const view = showsView(wf, nodeId);
  const hint = view.explicit ? 'Click a variable below to show it too.' : 'Until you change it: what the steps after this approval send.';
  return (
    <Field label="Shown to the reviewer" hint={hint} group>
      {view.shown.length ? (
        <ul className="fg-panel-chips" data-testid="shows-list" aria-label="Variables shown to the reviewer">
          {view.shown.map((name) => (
            <li key={name} className="fg-panel-chip fg-panel-chip-shown" data-testid={`shown-${name}`}>
              {displayText(name, 60)}
              <button type="button" className="fg-panel-chip-remove" title={`Stop showing ${name}`} aria-label={`Stop showing ${name}`} data-testid={`stop-showing-${name}`} onClick={() => onChange(stopShowing(wf, nodeId, name))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <span className="fg-panel-empty" data-testid="shows-none">
          Nothing: the reviewer decides without seeing any value.
        </span>
      )}
      <VariableChips variables={view.addable} onPick={(name) => onChange(showAlso(wf, nodeId, [name]))} testId="shows-chips" />
      {view.sent.length ? (
        <span className="fg-panel-hint" data-testid="shows-sent">
          {`After it is approved: ${view.sent
            .map((s) => `${displayText(s.step, 60)} sends ${s.variables.length ? listText(s.variables.map((v) => displayText(v, 60))) : 'only fixed text'}`)
            .join('; ')}.`}
        </span>
      ) : (
        <span className="fg-panel-hint" data-testid="shows-sent">No step after it sends anything that needs approval yet.</span>
      )}
      {view.unshown.length ? (
        <span className="fg-panel-warning" data-testid="shows-unshown">
          {`Not shown, but sent after it: ${listText(view.unshown.map((v) => displayText(v, 60)))}.`}
        </span>
      ) : null}
    </Field>
  );
}
