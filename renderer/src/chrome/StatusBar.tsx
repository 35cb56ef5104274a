// The status bar: where the file is, whether it is saved, how big the workflow is, the zoom.
import type { ReactNode } from 'react';
import { useDoc, useSession, useUi } from '../app/context';

/** Slot for the analysis counts (errors / warnings), filled by a later feature. */
export function AnalysisSlot({ children }: { children?: ReactNode }) {
  return children ? <div className="status-item status-analysis">{children}</div> : null;
}

export interface SaveStateInput {
  path: string | null;
  dirty: boolean;
  status: string;
  conflict: boolean;
}

/**
 * One phrase for where the document stands. A workflow without a file is "new" whatever was done
 * to it; a saved file has unsaved changes (autosave will write them), is being saved, or is saved.
 */
export function saveState(s: SaveStateInput): { text: string; tone: 'info' | 'warn' | 'danger' | 'ok' | 'muted' } {
  if (s.status === 'saving') return { text: 'Saving…', tone: 'info' };
  if (s.conflict) return { text: 'Changed on disk — not saved', tone: 'warn' };
  if (s.status === 'error') return { text: 'Save failed', tone: 'danger' };
  if (!s.path) return { text: 'New workflow — not saved yet', tone: s.dirty ? 'warn' : 'muted' };
  if (s.dirty || s.status === 'pending') return { text: 'Unsaved changes', tone: 'warn' };
  return { text: 'All changes saved', tone: 'ok' };
}

export function StatusBar({ analysis }: { analysis?: ReactNode }) {
  const nodes = useDoc((s) => s.workflow?.nodes.length ?? 0);
  const edges = useDoc((s) => s.workflow?.edges.length ?? 0);
  const path = useSession((s) => s.path);
  const dirty = useSession((s) => s.dirty);
  const status = useSession((s) => s.status);
  const conflict = useSession((s) => s.conflict);
  const error = useSession((s) => s.error);
  const zoom = useUi((s) => s.zoom);
  const state = saveState({ path, dirty, status, conflict });
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label="Status">
      {path && (
        <div className="status-item status-path" title={path} data-testid="status-path">
          {path}
        </div>
      )}
      <div
        className={`status-item status-save tone-${state.tone}`}
        data-testid="status-save"
        title={error ?? (status === 'pending' ? 'Saved automatically a few seconds after your last change' : undefined)}
        aria-live="polite"
      >
        {state.text}
      </div>
      <AnalysisSlot>{analysis}</AnalysisSlot>
      <div className="status-spacer" />
      <div className="status-item" data-testid="status-counts">
        {nodes} {nodes === 1 ? 'step' : 'steps'} · {edges} {edges === 1 ? 'link' : 'links'}
      </div>
      <div className="status-item" data-testid="status-zoom">
        {Math.round(zoom * 100)}%
      </div>
    </footer>
  );
}
