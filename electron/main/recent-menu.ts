// File → Open Recent and the OS's own recent documents (Dock menu, Jump List, GNOME "Recent"),
// both fed from the library's recent list. Clicking an entry hands the file to the renderer exactly
// like a double-click in the file manager; the renderer asks about unsaved changes first.
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { displayText } from '../../shared/model/display-text';

export interface RecentMenuEntry {
  path: string;
  name: string;
  exists: boolean;
}

export interface RecentMenuActions {
  open(filePath: string): void;
  clear(): void;
}

/** Menu labels stay short; the full path is in the sublabel and tooltip where the OS shows them. */
const MAX_LABEL = 60;

/** On Windows and Linux a single "&" marks a keyboard mnemonic, so a literal one is doubled. */
function menuText(text: string, isMac: boolean): string {
  return isMac ? text : text.replace(/&/g, '&&');
}

export function recentMenuItems(entries: readonly RecentMenuEntry[], actions: RecentMenuActions, isMac: boolean): MenuItemConstructorOptions[] {
  if (entries.length === 0) return [{ id: 'recent.none', label: 'No Recent Workflows', enabled: false }];
  const names = entries.map((e) => displayText(e.name, MAX_LABEL, path.basename(e.path)));
  const items = entries.map((entry, i): MenuItemConstructorOptions => {
    // Two workflows with one name are told apart by their folder.
    const twin = names.some((n, j) => j !== i && n === names[i]);
    const label = twin ? `${names[i]} — ${displayText(path.basename(path.dirname(entry.path)), 30, '/')}` : names[i];
    return {
      id: `recent.${i}`,
      label: menuText(entry.exists ? label : `${label} (not found)`, isMac),
      sublabel: displayText(entry.path, 200),
      toolTip: displayText(entry.path, 200),
      enabled: entry.exists,
      click: () => actions.open(entry.path),
    };
  });
  return [...items, { type: 'separator' }, { id: 'recent.clear', label: 'Clear Recent', click: () => actions.clear() }];
}

export interface RecentMenuDeps {
  /** The library's recent list (the backend's recent.list). */
  list(): Promise<RecentMenuEntry[]>;
  /** Forgets one entry (the backend's recent.remove). */
  remove(filePath: string): Promise<unknown>;
  /** app.addRecentDocument / app.clearRecentDocuments. */
  addToOs(filePath: string): void;
  clearOs(): void;
  /** Rebuilds the application menu with these Open Recent items. */
  install(items: MenuItemConstructorOptions[]): void;
  /** Sends a file to the renderer as if the OS had asked to open it. */
  open(filePath: string): void;
  isMac: boolean;
}

/** Keeps Open Recent in step with the recent list; rebuilds the menu only when what it shows changed. */
export class RecentMenu {
  #entries: RecentMenuEntry[] = [];
  #shown: string | null = null;
  #lastAdded: string | null = null;
  #generation = 0;

  constructor(private readonly deps: RecentMenuDeps) {}

  /** The current Open Recent items (for a menu built before the first refresh finished). */
  items(): MenuItemConstructorOptions[] {
    return recentMenuItems(this.#entries, { open: (p) => this.deps.open(p), clear: () => void this.clear() }, this.deps.isMac);
  }

  /** The library's recent list changed (a file was opened, saved or forgotten). */
  changed(change: { kind: 'added' | 'removed'; path: string }): Promise<void> {
    // Autosave re-adds the open file every few seconds; tell the OS only when the top entry changes.
    if (change.kind === 'added' && change.path !== this.#lastAdded) {
      this.#lastAdded = change.path;
      try {
        this.deps.addToOs(change.path);
      } catch (e) {
        console.warn(`Flowgate: the system's recent documents list refused ${change.path}: ${(e as Error).message}`);
      }
    }
    return this.refresh();
  }

  /** Reads the list again (also on window focus, as files may have appeared or gone meanwhile). */
  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    let entries: RecentMenuEntry[];
    try {
      entries = await this.deps.list();
    } catch (e) {
      console.warn(`Flowgate: could not read the recent files for the menu: ${(e as Error).message}`);
      return;
    }
    // An older refresh that finishes late must not replace a newer list.
    if (generation !== this.#generation) return;
    this.#entries = entries.map(({ path: p, name, exists }) => ({ path: p, name, exists }));
    const shown = JSON.stringify(this.#entries);
    if (shown === this.#shown) return;
    this.#shown = shown;
    this.deps.install(this.items());
  }

  async clear(): Promise<void> {
    const paths = this.#entries.map((e) => e.path);
    for (const p of paths) await this.deps.remove(p).catch(() => undefined);
    try {
      this.deps.clearOs();
    } catch {
      // The OS list is a convenience; Flowgate's own list is already empty.
    }
    this.#lastAdded = null;
    await this.refresh();
  }
}
