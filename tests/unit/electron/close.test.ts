import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { CANCEL, CloseGuard, DONT_SAVE, SAVE } from '../../../electron/main/close';
import { FakeBrowserWindow } from './fake-electron';

let win: FakeBrowserWindow;
let guard: CloseGuard;
let answer: Promise<{ response: number; checkboxChecked: boolean }>;
const showMessageBox = vi.fn(() => answer);
const sendCommand = vi.fn();

const respond = (response: number) => (answer = Promise.resolve({ response, checkboxChecked: false }));
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  showMessageBox.mockClear();
  sendCommand.mockClear();
  win = new FakeBrowserWindow({});
  guard = new CloseGuard({ showMessageBox, sendCommand });
  guard.attach(win as unknown as BrowserWindow);
});

describe('closing a window', () => {
  it('closes without asking when there is nothing to save', () => {
    win.close();
    expect(showMessageBox).not.toHaveBeenCalled();
    expect(win.destroyed).toBe(true);
  });

  it('asks before closing with unsaved changes, and Cancel keeps the window', async () => {
    guard.setDirty(win.webContents.id, true);
    respond(CANCEL);
    win.close();
    expect(win.destroyed).toBe(false);
    expect(showMessageBox).toHaveBeenCalledOnce();
    const [, options] = showMessageBox.mock.calls[0] as unknown as [unknown, { buttons: string[] }];
    expect(options.buttons).toEqual(['Save', "Don't Save", 'Cancel']);
    await settle();
    expect(win.destroyed).toBe(false);
    expect(sendCommand).not.toHaveBeenCalled();
  });

  it("Don't Save closes the window", async () => {
    guard.setDirty(win.webContents.id, true);
    respond(DONT_SAVE);
    win.close();
    await settle();
    expect(win.destroyed).toBe(true);
  });

  it('Save asks the renderer to save and closes once it reports clean', async () => {
    guard.setDirty(win.webContents.id, true);
    respond(SAVE);
    win.close();
    await settle();
    expect(sendCommand).toHaveBeenCalledWith(win, 'file.save');
    expect(win.destroyed).toBe(false);
    guard.setDirty(win.webContents.id, false);
    expect(win.destroyed).toBe(true);
  });

  it('stays open when the save fails or is cancelled (renderer still dirty)', async () => {
    guard.setDirty(win.webContents.id, true);
    respond(SAVE);
    win.close();
    await settle();
    guard.setDirty(win.webContents.id, true);
    // A later, unrelated save must not close the window by surprise.
    guard.setDirty(win.webContents.id, false);
    expect(win.destroyed).toBe(false);
  });

  it('asks only once while the question is open', () => {
    guard.setDirty(win.webContents.id, true);
    answer = new Promise(() => {});
    win.close();
    win.close();
    expect(showMessageBox).toHaveBeenCalledOnce();
  });

  it('keeps the window when the question cannot be shown', async () => {
    guard.setDirty(win.webContents.id, true);
    answer = Promise.reject(new Error('no display'));
    win.close();
    await settle();
    expect(win.destroyed).toBe(false);
  });

  it('ignores reports for unknown windows', () => {
    guard.setDirty(12345, true);
    expect(guard.isDirty(12345)).toBe(false);
    expect(guard.isDirty(win.webContents.id)).toBe(false);
  });
});
