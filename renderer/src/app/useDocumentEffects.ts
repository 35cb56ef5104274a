// Effects of the document's state on its surroundings: the window title, the "unsaved changes"
// guard when the tab closes, and (in Electron) telling the main process and opening files it sends.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { displayText } from '../../../shared/model/display-text';
import type { Controller } from './controller';

export function useDocumentEffects(app: Controller) {
  const name = useStore(app.doc.store, (s) => (s.workflow ? displayText(s.workflow.name, 80, 'Untitled workflow') : null));
  const dirty = useStore(app.session.store, (s) => s.dirty);

  useEffect(() => {
    document.title = name === null ? 'Flowgate' : `${dirty ? '• ' : ''}${name} — Flowgate`;
  }, [name, dirty]);

  useEffect(() => {
    window.flowgate?.setDirty(dirty);
  }, [dirty]);

  useEffect(() => {
    // Electron asks through the main process (setDirty); a beforeunload veto there would
    // silently keep the window from closing.
    if (window.flowgate) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!app.session.state.dirty) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [app]);

  useEffect(() => window.flowgate?.onOpenFile((path) => void app.openPath(path)), [app]);
}
