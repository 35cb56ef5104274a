// The browser side of the Platform the controller needs: ids, downloads, the clipboard.
import type { Platform } from './controller';
import { systemPrefersDark } from './useTheme';
import { rasterise } from '../canvas/exportImage';

const LAST_PATH_KEY = 'flowgate.lastPath';
export const IMPORT_INPUT_ID = 'fg-import-input';
const CLIPBOARD_WAIT_MS = 400;

function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function lastOpenedPath(): string | null {
  try {
    return sessionStorage.getItem(LAST_PATH_KEY);
  } catch {
    return null;
  }
}

export const browserPlatform: Platform = {
  randomId: uuid,
  download(fileName, mime, content) {
    const blob = content instanceof Blob ? content : new Blob([content], { type: mime });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
  async writeClipboard(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  },
  async readClipboard() {
    // Reading may need a permission the user never answers: do not wait for it long.
    const read = navigator.clipboard?.readText?.().catch(() => null) ?? Promise.resolve(null);
    const timeout = new Promise<null>((r) => setTimeout(() => r(null), CLIPBOARD_WAIT_MS));
    return Promise.race([read, timeout]);
  },
  rememberPath(path) {
    try {
      if (path) sessionStorage.setItem(LAST_PATH_KEY, path);
      else sessionStorage.removeItem(LAST_PATH_KEY);
    } catch {
      // Storage may be off (privacy settings); reopening after a reload is a convenience.
    }
  },
  systemPrefersDark,
  rasterise,
  pickImportFile() {
    document.getElementById(IMPORT_INPUT_ID)?.click();
  },
};
