// Preload: exposes window.flowgate (FlowgateBridge) and nothing else. Runs sandboxed, bundled as one
// CommonJS file.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge, isEditingText } from './create-bridge';

contextBridge.exposeInMainWorld(
  'flowgate',
  createBridge(ipcRenderer, () => isEditingText(document)),
);
