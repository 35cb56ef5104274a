// The inspector's line for a step that does something needing approval: what it sends, and which
// steps before it write each value ("This step sends: reply, written by Draft reply").
import type { Workflow } from '../../../../shared/model/schema';
import { displayText } from '../../../../shared/model/display-text';
import { listText } from '../../../../shared/workflow-index/wording';
import { sentLines, type SentLine } from './data-flow-view';
import { useWholeWorkflow } from './useWholeWorkflow';

function lineText(l: SentLine): string {
  const what = displayText(l.what, 60);
  if (l.own) return `${what}, which it writes itself`;
  if (!l.writtenBy.length) return `${what} (no step before it writes it)`;
  return `${what}, written by ${listText(l.writtenBy.map((w) => displayText(w, 60)))}`;
}

export function SendsLine({ wf, nodeId }: { wf: Workflow; nodeId: string }) {
  // Builds the data flow of the whole workflow on first use: deferred in a large one.
  const read = useWholeWorkflow(wf);
  const lines = read ? sentLines(read, nodeId) : null;
  if (lines === null) return null;
  return (
    <div className="fg-panel-sends" data-testid="inspector-sends">
      <span className="fg-panel-label">This step sends</span>
      {lines.length ? (
        <ul className="fg-panel-sends-list">
          {lines.map((l) => (
            <li key={l.what} data-testid={`sends-${l.what}`} title={l.inputs.length ? `Fills: ${l.inputs.join(', ')}` : undefined}>
              {lineText(l)}
            </li>
          ))}
        </ul>
      ) : (
        <span className="fg-panel-hint">Nothing a step before it writes: only fixed text.</span>
      )}
    </div>
  );
}
