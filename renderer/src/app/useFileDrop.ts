// Dropping a file anywhere on the window imports it.
import { useEffect, useState } from 'react';
import { MAX_FILE_BYTES } from '../../../shared/model/load';
import type { Controller } from './controller';

const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');

export async function importFile(app: Controller, file: File) {
  if (file.size > MAX_FILE_BYTES) {
    await app.ui.ask({ kind: 'importError', fileName: file.name, lead: 'This file is too large for Flowgate to open.', detail: `It is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`, path: '$' });
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    app.ui.toast('error', `Could not read ${file.name}: ${(e as Error).message}`);
    return;
  }
  await app.importText(file.name, text);
}

/** Returns whether a file is being dragged over the window (to show the drop hint). */
export function useFileDrop(app: Controller): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (!depth) setOver(false);
    };
    const overWindow = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = app.ui.state.dialog ? 'none' : 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (file && !app.ui.state.dialog) void importFile(app, file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overWindow);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overWindow);
      window.removeEventListener('drop', drop);
    };
  }, [app]);
  return over;
}
