// Remembers the window's size, position and maximized state in a small JSON file in userData.
// A missing, corrupt or off-screen record falls back to defaults; it never stops the window from opening.
import fs from 'node:fs';
import path from 'node:path';

export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_STATE: WindowState = { width: 1280, height: 820, maximized: false };
const MIN_WIDTH = 640;
const MIN_HEIGHT = 480;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e6;

/** Whether enough of the window (its top strip, where the title bar is) lies on some display. */
function visibleOn(bounds: Rect, workAreas: Rect[]): boolean {
  return workAreas.some((a) => {
    const overlapX = Math.min(bounds.x + bounds.width, a.x + a.width) - Math.max(bounds.x, a.x);
    const overlapY = Math.min(bounds.y + 40, a.y + a.height) - Math.max(bounds.y, a.y);
    return overlapX >= 100 && overlapY >= 20;
  });
}

export function parseWindowState(raw: unknown, workAreas: Rect[]): WindowState {
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_STATE };
  const r = raw as Record<string, unknown>;
  const state: WindowState = {
    width: isInt(r.width) ? Math.max(MIN_WIDTH, Math.round(r.width)) : DEFAULT_STATE.width,
    height: isInt(r.height) ? Math.max(MIN_HEIGHT, Math.round(r.height)) : DEFAULT_STATE.height,
    maximized: r.maximized === true,
  };
  if (isInt(r.x) && isInt(r.y)) {
    const x = Math.round(r.x);
    const y = Math.round(r.y);
    // A display that was unplugged since last time would leave the window out of reach.
    if (visibleOn({ x, y, width: state.width, height: state.height }, workAreas)) Object.assign(state, { x, y });
  }
  return state;
}

export function loadWindowState(file: string, workAreas: Rect[]): WindowState {
  try {
    return parseWindowState(JSON.parse(fs.readFileSync(file, 'utf8')), workAreas);
  } catch {
    return { ...DEFAULT_STATE };
  }
}

/**
 * Written like every other Flowgate file: temp file, fsync, rename, so a crash leaves the old record
 * or the new one. Synchronous on purpose: it runs in the window's 'close' handler, and an
 * asynchronous write could be cut off by the app quitting right after.
 */
export function saveWindowState(file: string, bounds: Rect, maximized: boolean): void {
  const state: WindowState = { ...bounds, maximized };
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeFileSync(fd, JSON.stringify(state));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    // Losing the window position is harmless; say so in the log and move on.
    console.warn(`Flowgate could not remember the window position: ${(e as Error).message}`);
    fs.rmSync(tmp, { force: true });
  }
}
