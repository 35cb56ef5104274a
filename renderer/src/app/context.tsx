// React access to the controller and its stores (zustand's useStore over vanilla stores).
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Controller } from './controller';
import type { AnalysisState } from '../store/analysis';
import type { DocumentState } from '../store/document';
import type { SessionState } from '../store/session';
import type { UiState } from '../store/ui';

export const AppContext = createContext<Controller | null>(null);

export function useApp(): Controller {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside <AppContext.Provider>');
  return app;
}

export function useDoc<T>(selector: (s: DocumentState) => T): T {
  return useStore(useApp().doc.store, selector);
}

export function useSession<T>(selector: (s: SessionState) => T): T {
  return useStore(useApp().session.store, selector);
}

/** The analysis of the open document (debounced; see store/analysis.ts). */
export function useAnalysis<T>(selector: (s: AnalysisState) => T): T {
  return useStore(useApp().analysis.store, selector);
}

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(useApp().ui.store, selector);
}

/** Whether undo / redo are possible, for the toolbar. */
export function useHistory(): { canUndo: boolean; canRedo: boolean } {
  const history = useApp().doc.history;
  const canUndo = useStore(history, (s) => s.pastStates.length > 0);
  const canRedo = useStore(history, (s) => s.futureStates.length > 0);
  return { canUndo, canRedo };
}
