// The seven step kinds, in registry order. Drag one onto the canvas, or click it (or press Enter)
// to add it in a free place near the selection or the middle of the view. A sticky note below them.
import type { CSSProperties, DragEvent } from 'react';
import { KINDS, KIND_ORDER } from '../../../shared/kinds/registry';
import type { NodeKind } from '../../../shared/model/schema';
import { useApp } from '../app/context';
import { KIND_MIME } from '../canvas/Canvas';
import { commandShortcut } from '../chrome/commandText';
import { Icon } from '../chrome/icons';

export function Palette() {
  const app = useApp();
  const onDragStart = (kind: NodeKind) => (e: DragEvent) => {
    e.dataTransfer.setData(KIND_MIME, kind);
    e.dataTransfer.setData('text/plain', KINDS[kind].label);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <aside className="palette" aria-label="Steps">
      <h2 className="panel-title">Steps</h2>
      <ul className="palette-list">
        {KIND_ORDER.map((kind) => {
          const def = KINDS[kind];
          return (
            <li key={kind}>
              <button
                type="button"
                className="palette-item"
                draggable
                onDragStart={onDragStart(kind)}
                onClick={() => app.addNodeAtCentre(kind)}
                title={`${def.description}\nDrag onto the canvas, or click to add.`}
                aria-label={`Add ${def.label}: ${def.description}`}
                data-testid={`palette-${kind}`}
                style={{ '--kind': def.colour } as CSSProperties}
              >
                <span className="palette-icon">
                  <Icon name={def.icon} size={16} />
                </span>
                <span className="palette-text">
                  <span className="palette-name">{def.label}</span>
                  <span className="palette-desc">{def.description}</span>
                </span>
              </button>
            </li>
          );
        })}
        <li>
          <button
            type="button"
            className="palette-item palette-note"
            onClick={() => void app.run('edit.addNote')}
            title="Words on the canvas for the people who read the workflow. Click to add."
            aria-label="Add a sticky note"
            data-testid="palette-note"
          >
            <span className="palette-icon">
              <Icon name="sticky-note" size={16} />
            </span>
            <span className="palette-text">
              <span className="palette-name">Sticky note</span>
              <span className="palette-desc">Words beside the flow, left out of runs</span>
            </span>
          </button>
        </li>
      </ul>
      <p className="palette-hint">
        Connect steps by dragging from an output on the right of a step to the input on the left of another, or select a step and click its + ({commandShortcut('edit.addNext')}). Find
        anything with {commandShortcut('edit.quickFind')}.
      </p>
    </aside>
  );
}
