import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import type { FlowgateBridge } from '../../../shared/api/bridge';
import { CALL, COMMAND, NATIVE_EDIT, OPEN_FILE, SET_DIRTY } from '../../../electron/main/channels';
import { isEditingText } from '../../../electron/preload/create-bridge';
import type { FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

const fake = electron as unknown as FakeElectron;
const ipc = fake.ipcRenderer;
// The preload reads document.activeElement to tell text editing from canvas editing.
const doc = { activeElement: null as unknown };
let bridge: FlowgateBridge;

beforeAll(async () => {
  vi.stubGlobal('document', doc);
  await import('../../../electron/preload/index');
  bridge = fake.contextBridge.exposed.flowgate as FlowgateBridge;
});
afterEach(() => {
  doc.activeElement = null;
  ipc.invoke.mockClear();
  ipc.send.mockClear();
});

describe('preload', () => {
  it('exposes only window.flowgate with exactly call, onCommand, onOpenFile and setDirty', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(Object.keys(fake.contextBridge.exposed)).toEqual(['flowgate']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onCommand', 'onOpenFile', 'setDirty']);
    for (const value of Object.values(bridge)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(ipc.invoke);
      expect(value).not.toBe(ipc.send);
    }
  });

  it('call invokes flowgate:call with the method and params', async () => {
    await expect(bridge.call('settings.get', {})).resolves.toEqual({ ok: true, result: 'pong' });
    expect(ipc.invoke).toHaveBeenCalledWith(CALL, 'settings.get', {});
  });

  it('setDirty sends a plain boolean', () => {
    bridge.setDirty(true);
    bridge.setDirty('yes' as unknown as boolean);
    expect(ipc.send.mock.calls).toEqual([
      [SET_DIRTY, true],
      [SET_DIRTY, false],
    ]);
  });

  it('onCommand passes only the command id (never the IPC event) and unsubscribes', () => {
    const listener = vi.fn();
    const off = bridge.onCommand(listener);
    ipc.deliver(COMMAND, 'file.save');
    expect(listener.mock.calls).toEqual([['file.save']]);
    off();
    ipc.deliver(COMMAND, 'file.save');
    expect(listener).toHaveBeenCalledOnce();
  });

  it('drops command ids that are not in COMMANDS', () => {
    const listener = vi.fn();
    const off = bridge.onCommand(listener);
    ipc.deliver(COMMAND, 'evil.run');
    ipc.deliver(COMMAND, { id: 'file.save' });
    expect(listener).not.toHaveBeenCalled();
    off();
  });

  it('turns text-editing commands into native editing while a text field has focus', () => {
    const listener = vi.fn();
    const off = bridge.onCommand(listener);
    doc.activeElement = { tagName: 'INPUT', type: 'text', isContentEditable: false };
    ipc.deliver(COMMAND, 'edit.copy');
    ipc.deliver(COMMAND, 'edit.undo');
    ipc.deliver(COMMAND, 'file.save');
    expect(ipc.send.mock.calls).toEqual([
      [NATIVE_EDIT, 'copy'],
      [NATIVE_EDIT, 'undo'],
    ]);
    expect(listener.mock.calls).toEqual([['file.save']]);
    doc.activeElement = { tagName: 'DIV', isContentEditable: false };
    ipc.deliver(COMMAND, 'edit.copy');
    expect(listener.mock.calls).toEqual([['file.save'], ['edit.copy']]);
    off();
  });

  it('keeps files that arrive before anyone listens, and hands them to the first listener', () => {
    ipc.deliver(OPEN_FILE, '/a.flowgate.json');
    ipc.deliver(OPEN_FILE, 42);
    const listener = vi.fn();
    const off = bridge.onOpenFile(listener);
    expect(listener.mock.calls).toEqual([['/a.flowgate.json']]);
    ipc.deliver(OPEN_FILE, '/b.flowgate.json');
    expect(listener.mock.calls).toEqual([['/a.flowgate.json'], ['/b.flowgate.json']]);
    off();
    ipc.deliver(OPEN_FILE, '/c.flowgate.json');
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('isEditingText', () => {
  const el = (tagName: string, extra: Record<string, unknown> = {}) => ({ activeElement: { tagName, isContentEditable: false, ...extra } }) as unknown as Document;
  it('recognises text fields', () => {
    expect(isEditingText(el('INPUT', { type: 'text' }))).toBe(true);
    expect(isEditingText(el('INPUT', { type: 'search' }))).toBe(true);
    expect(isEditingText(el('TEXTAREA'))).toBe(true);
    expect(isEditingText(el('DIV', { isContentEditable: true }))).toBe(true);
  });
  it('does not mistake buttons, checkboxes or the canvas for text fields', () => {
    expect(isEditingText(el('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isEditingText(el('BUTTON'))).toBe(false);
    expect(isEditingText(el('DIV'))).toBe(false);
    expect(isEditingText({ activeElement: null } as unknown as Document)).toBe(false);
  });
});
