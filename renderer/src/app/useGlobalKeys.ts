// Keyboard shortcuts, clipboard events and native-menu commands, all routed to app.run.
import { useEffect } from 'react';
import type { CommandId } from '../../../shared/api/commands';
import type { Controller } from './controller';
import { commandForKey, fieldKeeps, IS_DESKTOP, IS_MAC, isEditable, NATIVE_EDIT } from './keyboard';

/** In Electron a shortcut may arrive twice (the page's keydown and the menu's accelerator). */
const DEDUPE_MS = 150;
/** How long a Ctrl+V waits for the browser's paste event (which carries the system clipboard). */
const PASTE_FALLBACK_MS = 60;

export function useGlobalKeys(app: Controller) {
  useEffect(() => {
    let last: { id: CommandId; source: 'key' | 'menu'; at: number } | null = null;
    let pendingPaste: ReturnType<typeof setTimeout> | null = null;

    const dispatch = (id: CommandId, source: 'key' | 'menu') => {
      const now = performance.now();
      if (last && last.id === id && last.source !== source && now - last.at < DEDUPE_MS) return;
      last = { id, source, at: now };
      void app.run(id);
    };

    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || app.ui.state.dialog) return;
      const editable = isEditable(e.target);
      if (e.key === 'Escape' && !editable) {
        app.ui.clearSelection();
        app.ui.clearRefusal();
        return;
      }
      const id = commandForKey(e, IS_MAC, IS_DESKTOP);
      if (!id) return;
      if (editable && fieldKeeps(id)) return; // the field edits its own text
      if (!app.enabled(id)) {
        // Keep the browser's own Save page / Open file dialogs out of the way.
        if (id.startsWith('file.')) e.preventDefault();
        return;
      }
      if (id === 'edit.copy' || id === 'edit.cut') {
        // Not prevented: the browser then fires `copy`, where the fragment goes to the system clipboard.
        dispatch(id, 'key');
        return;
      }
      if (id === 'edit.paste') {
        if (pendingPaste) clearTimeout(pendingPaste);
        pendingPaste = setTimeout(() => {
          pendingPaste = null;
          app.pasteText(null);
        }, PASTE_FALLBACK_MS);
        return;
      }
      e.preventDefault();
      dispatch(id, 'key');
    };

    const onCopy = (e: ClipboardEvent) => {
      if (isEditable(e.target) || !app.doc.workflow || app.ui.state.dialog) return;
      if (!app.ui.state.selectedNodes.size || !app.clipboard.text) return;
      if (window.getSelection()?.toString()) return; // text selected on the page: a normal text copy
      e.clipboardData?.setData('text/plain', app.clipboard.text);
      e.preventDefault();
    };

    const onPaste = (e: ClipboardEvent) => {
      if (isEditable(e.target) || !app.doc.workflow || app.ui.state.dialog) return;
      if (pendingPaste) clearTimeout(pendingPaste);
      pendingPaste = null;
      e.preventDefault();
      app.pasteText(e.clipboardData?.getData('text/plain') ?? null);
    };

    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);

    // Native menu (Electron): inside a text field, editing commands act on the field.
    const offCommand = window.flowgate?.onCommand((id) => {
      const native = NATIVE_EDIT[id];
      if (native && isEditable(document.activeElement)) {
        document.execCommand(native);
        return;
      }
      if (app.ui.state.dialog && id !== 'file.save') return;
      dispatch(id, 'menu');
    });

    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
      offCommand?.();
      if (pendingPaste) clearTimeout(pendingPaste);
    };
  }, [app]);
}
