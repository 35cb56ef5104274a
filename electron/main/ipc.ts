// Binds the contract to Electron IPC: every call goes through the shared dispatch (which validates it
// against the contract), and only after the sender has been checked.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { Api, Envelope } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';
import { CALL, NATIVE_EDIT, SET_DIRTY, isNativeEditOp } from './channels';
import type { SenderCheck } from './trusted-sender';

export interface IpcOptions {
  ipcMain: IpcMain;
  backend: Api;
  isTrusted: SenderCheck;
  /** The renderer reported (un)saved changes for the window showing this webContents. */
  onDirty(webContentsId: number, dirty: boolean): void;
  /** Sees each trusted call before it is dispatched (the journal's window bookkeeping). */
  onCall?(webContentsId: number, method: string, params: unknown): void;
}

const refused: Envelope<never> = {
  ok: false,
  error: { code: 'bad-request', message: 'Flowgate refused a call that did not come from its own window.' },
};

export async function handleCall(options: Pick<IpcOptions, 'backend' | 'isTrusted' | 'onCall'>, event: IpcMainInvokeEvent, method: unknown, params: unknown): Promise<Envelope<unknown>> {
  if (!options.isTrusted(event)) return refused;
  if (typeof method !== 'string') return { ok: false, error: { code: 'bad-request', message: 'The method name must be a string.' } };
  options.onCall?.(event.sender.id, method, params);
  return dispatch(options.backend, method, params);
}

/** Registers the handlers; returns a function that removes them (used by tests and on quit). */
export function registerIpc(options: IpcOptions): () => void {
  const { ipcMain, isTrusted } = options;
  ipcMain.handle(CALL, (event, method: unknown, params: unknown) => handleCall(options, event, method, params));
  const onSetDirty = (event: IpcMainEvent, dirty: unknown) => {
    if (isTrusted(event) && typeof dirty === 'boolean') options.onDirty(event.sender.id, dirty);
  };
  const onNativeEdit = (event: IpcMainEvent, op: unknown) => {
    if (isTrusted(event) && isNativeEditOp(op)) event.sender[op]();
  };
  ipcMain.on(SET_DIRTY, onSetDirty);
  ipcMain.on(NATIVE_EDIT, onNativeEdit);
  return () => {
    ipcMain.removeHandler(CALL);
    ipcMain.removeListener(SET_DIRTY, onSetDirty);
    ipcMain.removeListener(NATIVE_EDIT, onNativeEdit);
  };
}
