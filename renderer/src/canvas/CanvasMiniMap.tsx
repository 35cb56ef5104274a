// The minimap: sized from the canvas (a fifth of its width, between 120 and 200 px, never more than a
// quarter of its height), left out where the canvas is too small for it to help, and never shown while
// the Problems panel is open (the canvas is short then, and the map would sit on the steps). It has its
// own close button; View → Show Minimap brings it back.
import { memo, useCallback } from 'react';
import { MiniMap, useStore, type Node } from '@xyflow/react';
import { KINDS } from '../../../shared/kinds/registry';
import { useApp, useUi } from '../app/context';
import { Icon } from '../chrome/icons';
import type { StepNode } from './derive';

/** React Flow's panel margin (`.react-flow__panel`). */
const MARGIN = 15;

export interface MiniMapSize {
  width: number;
  height: number;
}

/** The minimap's size for a canvas of this size; null when the canvas is too small for one. */
export function miniMapSize(pane: { width: number; height: number }): MiniMapSize | null {
  if (pane.width < 520 || pane.height < 320) return null;
  const width = Math.round(Math.min(200, Math.max(120, pane.width * 0.2)));
  const height = Math.round(Math.min(width * 0.75, pane.height * 0.25));
  return { width, height };
}

/** Sticky notes show as their paper colour; steps as their kind's. */
const NOTE_COLOUR = '#e9c46a';
const colourOf = (n: Node) => (n.type === 'note' ? NOTE_COLOUR : (KINDS[(n as StepNode).data.node.kind]?.colour ?? '#888'));

export const CanvasMiniMap = memo(function CanvasMiniMap() {
  const app = useApp();
  const shown = useUi((s) => s.minimap && !s.problems.open);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const hide = useCallback(() => app.ui.toggleMinimap(), [app]);
  const size = miniMapSize({ width, height });
  if (!shown || !size) return null;
  return (
    <>
      <MiniMap pannable zoomable nodeColor={colourOf} nodeStrokeWidth={0} ariaLabel="Minimap" position="bottom-right" style={size} />
      <button
        type="button"
        className="minimap-close nodrag nopan"
        style={{ right: MARGIN + 3, bottom: MARGIN + size.height - 21 }}
        title="Hide the minimap (View → Show Minimap brings it back)"
        aria-label="Hide the minimap"
        data-testid="minimap-close"
        onClick={hide}
      >
        <Icon name="x" size={12} />
      </button>
    </>
  );
});
