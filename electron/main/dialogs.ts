// Native open/save dialogs for the backend (NativeDialogs), parented to the app's window.
import path from 'node:path';
import type { BrowserWindow, Dialog, FileFilter, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { NativeDialogs } from '../backend/types';

type SaveKind = Parameters<NativeDialogs['saveFile']>[1];

const WORKFLOW_FILTER: FileFilter = { name: 'Flowgate workflow', extensions: ['flowgate.json'] };

export const SAVE_FILTERS: Record<SaveKind, { filter: FileFilter; suffix: string; title: string }> = {
  workflow: { filter: WORKFLOW_FILTER, suffix: '.flowgate.json', title: 'Save Workflow' },
  json: { filter: { name: 'JSON', extensions: ['json'] }, suffix: '.json', title: 'Export as JSON' },
  svg: { filter: { name: 'SVG image', extensions: ['svg'] }, suffix: '.svg', title: 'Export Diagram as SVG' },
  png: { filter: { name: 'PNG image', extensions: ['png'] }, suffix: '.png', title: 'Export Diagram as PNG' },
  markdown: { filter: { name: 'Markdown', extensions: ['md'] }, suffix: '.md', title: 'Export Report as Markdown' },
  html: { filter: { name: 'Web page', extensions: ['html'] }, suffix: '.html', title: 'Export Report as HTML' },
  pdf: { filter: { name: 'PDF document', extensions: ['pdf'] }, suffix: '.pdf', title: 'Export Report as PDF' },
  bpmn: { filter: { name: 'BPMN process', extensions: ['bpmn'] }, suffix: '.bpmn', title: 'Export to Camunda 8 (BPMN)' },
};

/**
 * Linux save dialogs do not add the extension of the chosen filter, so a user who types "intake"
 * would get a file without one. A workflow saved as plain ".json" is left as the user typed it.
 */
export function withSuffix(filePath: string, kind: SaveKind): string {
  const lower = filePath.toLowerCase();
  const { suffix } = SAVE_FILTERS[kind];
  if (lower.endsWith(suffix) || (kind === 'workflow' && lower.endsWith('.json'))) return filePath;
  return filePath + suffix;
}

export function createNativeDialogs(dialog: Dialog, parent: () => BrowserWindow | null, defaultDir: string): NativeDialogs {
  return {
    async openFile() {
      const options: OpenDialogOptions = {
        title: 'Open Workflow',
        defaultPath: defaultDir,
        properties: ['openFile'],
        filters: [WORKFLOW_FILTER, { name: 'JSON', extensions: ['json'] }],
      };
      const win = parent();
      const res = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return res.canceled || res.filePaths.length === 0 ? null : res.filePaths[0];
    },
    async saveFile(suggestedName, kind) {
      const spec = SAVE_FILTERS[kind];
      // Only a file name is taken from the renderer; the folder is always the user's choice.
      const name = path.basename(suggestedName.replace(/[\\/]/g, '_')) || 'Untitled';
      const options: SaveDialogOptions = {
        title: spec.title,
        defaultPath: path.join(defaultDir, name),
        filters: [spec.filter],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = parent();
      const res = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return res.canceled || !res.filePath ? null : withSuffix(res.filePath, kind);
    },
  };
}
