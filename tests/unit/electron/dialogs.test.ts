import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, Dialog } from 'electron';
import { createNativeDialogs, withSuffix } from '../../../electron/main/dialogs';

const dialog = { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() };
const win = { id: 1 } as unknown as BrowserWindow;
const dialogs = createNativeDialogs(dialog as unknown as Dialog, () => win, '/home/me/Documents/Flowgate');

beforeEach(() => {
  dialog.showOpenDialog.mockReset();
  dialog.showSaveDialog.mockReset();
});

describe('native dialogs', () => {
  it('opens workflow files from the workspace folder, parented to the window', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/x/a.flowgate.json'] });
    await expect(dialogs.openFile()).resolves.toBe('/x/a.flowgate.json');
    const [parent, options] = dialog.showOpenDialog.mock.calls[0];
    expect(parent).toBe(win);
    expect(options.defaultPath).toBe('/home/me/Documents/Flowgate');
    expect(options.filters[0]).toEqual({ name: 'Flowgate workflow', extensions: ['flowgate.json'] });
  });

  it('answers null when the user cancels', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    await expect(dialogs.openFile()).resolves.toBeNull();
    await expect(dialogs.saveFile('x', 'svg')).resolves.toBeNull();
  });

  it('offers the filter of the kind being saved and keeps only the suggested file name', async () => {
    const cases = [
      ['workflow', 'flowgate.json'],
      ['json', 'json'],
      ['svg', 'svg'],
      ['png', 'png'],
      ['markdown', 'md'],
      ['html', 'html'],
      ['pdf', 'pdf'],
    ] as const;
    for (const [kind, ext] of cases) {
      dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: `/out/file.${ext}` });
      await expect(dialogs.saveFile('../../etc/Support flow', kind)).resolves.toBe(`/out/file.${ext}`);
      const options = dialog.showSaveDialog.mock.lastCall![1];
      expect(options.filters).toEqual([expect.objectContaining({ extensions: [ext] })]);
      expect(path.dirname(options.defaultPath)).toBe('/home/me/Documents/Flowgate');
    }
  });

  it('adds the extension a Linux save dialog leaves off', () => {
    expect(withSuffix('/x/intake', 'workflow')).toBe('/x/intake.flowgate.json');
    expect(withSuffix('/x/intake.json', 'workflow')).toBe('/x/intake.json');
    expect(withSuffix('/x/diagram', 'png')).toBe('/x/diagram.png');
    expect(withSuffix('/x/diagram.PNG', 'png')).toBe('/x/diagram.PNG');
    expect(withSuffix('/x/report', 'markdown')).toBe('/x/report.md');
  });
});
