// What an approval shows its reviewer, in the approval prompt: each variable of its `shows` list with
// its value now. The draft, when shown, is edited in the box below instead. Text only.
import { displayText } from '../../../shared/model/display-text';
import type { Waiting } from './store';

/** A value is cut to this many characters; the whole draft stays editable below. */
const VALUE_CHARS = 600;

export function ShownValues({ waiting }: { waiting: Waiting }) {
  const shown = waiting.shown.filter((s) => s.variable !== waiting.draft?.variable);
  if (!waiting.shown.length) {
    return (
      <p className="fg-panel-warning" data-testid="sim-shown-none">
        This approval shows its reviewer nothing: set what it shows in the inspector.
      </p>
    );
  }
  if (!shown.length) return null;
  return (
    <div className="sim-shown" data-testid="sim-shown">
      <span className="fg-panel-label">What the reviewer is shown</span>
      <dl className="sim-shown-list">
        {shown.map((s) => (
          <div key={s.variable} className="sim-shown-row" data-testid={`sim-shown-${s.variable}`}>
            <dt className="fg-panel-mono">{displayText(s.variable, 60)}</dt>
            <dd>{s.text ? displayText(s.text, VALUE_CHARS) : <span className="fg-panel-hint">(not set)</span>}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
