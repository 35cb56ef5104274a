// Asks before closing a window with unsaved changes: Save / Don't Save / Cancel.
// Save asks the renderer to save (the 'file.save' command) and closes once it reports clean;
// if the save fails or is cancelled, the renderer reports dirty again and the window stays open.
import type { BrowserWindow, MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import type { CommandId } from '../../shared/api/commands';

export interface CloseGuardDeps {
  showMessageBox(win: BrowserWindow, options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
  sendCommand(win: BrowserWindow, command: CommandId): void;
}

interface WindowCloseState {
  win: BrowserWindow;
  dirty: boolean;
  asking: boolean;
  closeWhenClean: boolean;
  /** Set by "Don't Save": the next close goes through whatever the renderer reports meanwhile. */
  discard: boolean;
}

export const SAVE = 0;
export const DONT_SAVE = 1;
export const CANCEL = 2;

export const CLOSE_PROMPT: MessageBoxOptions = {
  type: 'warning',
  buttons: ['Save', "Don't Save", 'Cancel'],
  defaultId: SAVE,
  cancelId: CANCEL,
  noLink: true,
  message: 'Save the changes to this workflow before closing?',
  detail: "If you don't save, your changes since the last save will be lost.",
};

export class CloseGuard {
  private readonly windows = new Map<number, WindowCloseState>();

  constructor(private readonly deps: CloseGuardDeps) {}

  attach(win: BrowserWindow): void {
    const id = win.webContents.id;
    const state: WindowCloseState = { win, dirty: false, asking: false, closeWhenClean: false, discard: false };
    this.windows.set(id, state);
    win.on('close', (event) => {
      if (!state.dirty || state.discard) return;
      event.preventDefault();
      if (!state.asking) void this.ask(state);
    });
    win.on('closed', () => this.windows.delete(id));
  }

  isDirty(webContentsId: number): boolean {
    return this.windows.get(webContentsId)?.dirty ?? false;
  }

  /** What the renderer reported through setDirty. */
  setDirty(webContentsId: number, dirty: boolean): void {
    const state = this.windows.get(webContentsId);
    if (!state) return;
    state.dirty = dirty;
    if (dirty) {
      // Still dirty after "Save": the save failed or was cancelled, so keep the window.
      state.closeWhenClean = false;
    } else if (state.closeWhenClean) {
      state.closeWhenClean = false;
      if (!state.win.isDestroyed()) state.win.close();
    }
  }

  private async ask(state: WindowCloseState): Promise<void> {
    state.asking = true;
    // A dialog that fails to show counts as Cancel: never lose changes because of it.
    const response = await this.deps.showMessageBox(state.win, CLOSE_PROMPT).then((r) => r.response, () => CANCEL);
    state.asking = false;
    if (state.win.isDestroyed()) return;
    if (response === SAVE) {
      state.closeWhenClean = true;
      this.deps.sendCommand(state.win, 'file.save');
    } else if (response === DONT_SAVE) {
      state.discard = true;
      state.win.close();
    } else {
      state.closeWhenClean = false;
    }
  }
}
