// The app's commands with their keyboard shortcuts: one list for the native menus, the renderer's
// key handling and Help → Keyboard Shortcuts, so they can never disagree.

export interface CommandSpec {
  id: string;
  label: string;
  menu: 'File' | 'Edit' | 'View' | 'Help';
  /** Electron accelerator syntax; the renderer derives its key handling from it. */
  accelerator?: string;
  /** Extra shortcuts that do the same (shown in the shortcuts list, not in menus). */
  alternatives?: string[];
  /**
   * Replaces `accelerator` in browser mode, where the browser keeps that key for itself and the page
   * never sees it (Ctrl+N opens a window, Ctrl+W closes the tab). Listed and handled only there.
   */
  browserAccelerator?: string;
  /** Only the desktop app can do it (browser mode leaves it out of its lists and refuses it). */
  desktopOnly?: boolean;
  /** The submenu of `menu` it sits in ("Export" for File → Export → …). */
  submenu?: string;
  /** Its name outside that submenu (tooltips, Keyboard Shortcuts): "Export to Camunda 8 (BPMN)…". */
  fullLabel?: string;
}

export const COMMANDS = [
  { id: 'file.new', label: 'New Workflow…', menu: 'File', accelerator: 'CmdOrCtrl+N', browserAccelerator: 'Alt+N' },
  { id: 'file.draft', label: 'Draft from a Description…', menu: 'File' },
  { id: 'file.open', label: 'Open…', menu: 'File', accelerator: 'CmdOrCtrl+O' },
  { id: 'file.save', label: 'Save', menu: 'File', accelerator: 'CmdOrCtrl+S' },
  { id: 'file.saveAs', label: 'Save As…', menu: 'File', accelerator: 'CmdOrCtrl+Shift+S' },
  { id: 'file.import', label: 'Import…', menu: 'File', accelerator: 'CmdOrCtrl+I' },
  { id: 'file.compareLog', label: 'Compare with a Log…', menu: 'File' },
  { id: 'file.export', label: 'Export Workflow…', menu: 'File', accelerator: 'CmdOrCtrl+E' },
  { id: 'file.exportSvg', label: 'Export Diagram as SVG…', menu: 'File' },
  { id: 'file.exportPng', label: 'Export Diagram as PNG…', menu: 'File' },
  { id: 'file.exportReportHtml', label: 'Export Report as HTML…', menu: 'File' },
  { id: 'file.exportReportMarkdown', label: 'Export Report as Markdown…', menu: 'File' },
  { id: 'file.exportReportPdf', label: 'Export Report as PDF…', menu: 'File', desktopOnly: true },
  { id: 'file.exportBpmn', label: 'Camunda 8 (BPMN)…', menu: 'File', submenu: 'Export', fullLabel: 'Export to Camunda 8 (BPMN)…' },
  { id: 'file.exportN8n', label: 'n8n workflow…', menu: 'File', submenu: 'Export', fullLabel: 'Export as n8n workflow…' },
  { id: 'file.home', label: 'Close Workflow', menu: 'File', accelerator: 'CmdOrCtrl+W', browserAccelerator: 'Alt+W' },
  { id: 'edit.undo', label: 'Undo', menu: 'Edit', accelerator: 'CmdOrCtrl+Z' },
  { id: 'edit.redo', label: 'Redo', menu: 'Edit', accelerator: 'CmdOrCtrl+Shift+Z', alternatives: ['CmdOrCtrl+Y'] },
  { id: 'edit.cut', label: 'Cut', menu: 'Edit', accelerator: 'CmdOrCtrl+X' },
  { id: 'edit.copy', label: 'Copy', menu: 'Edit', accelerator: 'CmdOrCtrl+C' },
  { id: 'edit.paste', label: 'Paste', menu: 'Edit', accelerator: 'CmdOrCtrl+V' },
  { id: 'edit.duplicate', label: 'Duplicate', menu: 'Edit', accelerator: 'CmdOrCtrl+D' },
  { id: 'edit.delete', label: 'Delete', menu: 'Edit', accelerator: 'Delete', alternatives: ['Backspace'] },
  { id: 'edit.selectAll', label: 'Select All', menu: 'Edit', accelerator: 'CmdOrCtrl+A' },
  { id: 'edit.addNext', label: 'Add Next Step…', menu: 'Edit', accelerator: 'Alt+Enter' },
  { id: 'edit.addNote', label: 'Add Sticky Note', menu: 'Edit' },
  { id: 'edit.quickFind', label: 'Quick Find…', menu: 'Edit', accelerator: 'CmdOrCtrl+K' },
  { id: 'view.fit', label: 'Zoom to Fit', menu: 'View', accelerator: 'Shift+1' },
  { id: 'view.layout', label: 'Auto-Layout', menu: 'View', accelerator: 'CmdOrCtrl+Shift+L' },
  { id: 'view.layoutSimple', label: 'Auto-Layout with Simple Links', menu: 'View' },
  { id: 'view.readiness', label: 'Readiness Checklists…', menu: 'View' },
  { id: 'view.run', label: 'Run a Rehearsal', menu: 'View', accelerator: 'F5', fullLabel: 'Run: rehearse one item (Run tab)' },
  { id: 'view.minimap', label: 'Show Minimap', menu: 'View', accelerator: 'CmdOrCtrl+Shift+M' },
  { id: 'view.theme', label: 'Toggle Dark Theme', menu: 'View', accelerator: 'CmdOrCtrl+Shift+D' },
  { id: 'view.settings', label: 'Settings…', menu: 'View', accelerator: 'CmdOrCtrl+,' },
  { id: 'help.shortcuts', label: 'Keyboard Shortcuts', menu: 'Help', accelerator: 'CmdOrCtrl+/' },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMANDS)[number]['id'];

/** Whether a command exists in this shell: desktop-only commands are left out of browser mode. */
export function commandAvailable(id: CommandId, desktop: boolean): boolean {
  const spec = (COMMANDS as readonly CommandSpec[]).find((c) => c.id === id);
  return !!spec && (desktop || !spec.desktopOnly);
}

/**
 * The shortcuts of a command in this shell, main one first: the desktop app has the menu's
 * accelerator, browser mode its `browserAccelerator` instead when the browser keeps that key.
 */
export function shortcutsOf(spec: CommandSpec, desktop: boolean): string[] {
  const main = !desktop && spec.browserAccelerator ? spec.browserAccelerator : spec.accelerator;
  return [...(main ? [main] : []), ...(spec.alternatives ?? [])];
}

/**
 * Shortcuts of the desktop app's native menu items that Electron runs itself (roles), not the
 * renderer. The menu sets exactly these accelerators, and Help → Keyboard Shortcuts lists them in
 * the desktop app, so the list there is complete. `platform`: 'mac', 'other' (Windows, Linux) or 'all'.
 */
export interface NativeShortcut {
  role: 'quit' | 'togglefullscreen' | 'hide' | 'hideOthers' | 'minimize';
  label: string;
  /** The section of the shortcuts list it belongs in. */
  menu: CommandSpec['menu'];
  accelerator: string;
  platform: 'mac' | 'other' | 'all';
}

export const NATIVE_SHORTCUTS: readonly NativeShortcut[] = [
  { role: 'quit', label: 'Quit Flowgate', menu: 'File', accelerator: 'CmdOrCtrl+Q', platform: 'all' },
  { role: 'togglefullscreen', label: 'Full Screen', menu: 'View', accelerator: 'F11', platform: 'other' },
  { role: 'togglefullscreen', label: 'Full Screen', menu: 'View', accelerator: 'Control+CmdOrCtrl+F', platform: 'mac' },
  { role: 'minimize', label: 'Minimize Window', menu: 'View', accelerator: 'CmdOrCtrl+M', platform: 'mac' },
  { role: 'hide', label: 'Hide Flowgate', menu: 'View', accelerator: 'CmdOrCtrl+H', platform: 'mac' },
  { role: 'hideOthers', label: 'Hide Other Apps', menu: 'View', accelerator: 'Alt+CmdOrCtrl+H', platform: 'mac' },
];

/** The native shortcuts that apply on this platform. */
export function nativeShortcutsFor(mac: boolean): NativeShortcut[] {
  return NATIVE_SHORTCUTS.filter((s) => s.platform === 'all' || s.platform === (mac ? 'mac' : 'other'));
}

/** "CmdOrCtrl+Shift+Z" → "Ctrl+Shift+Z" (or "⌘⇧Z" on macOS), for display. */
export function shortcutText(accelerator: string, mac: boolean): string {
  if (!mac) return accelerator.replace('CmdOrCtrl', 'Ctrl').replace('Control+', 'Ctrl+');
  return accelerator.replace('Control+', '⌃').replace('CmdOrCtrl+', '⌘').replace('Shift+', '⇧').replace('Alt+', '⌥');
}

/** Whether a keyboard event (key, modifiers, and the physical key when known) matches an accelerator. */
export function matchesAccelerator(
  accelerator: string,
  e: { key: string; code?: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean },
  mac: boolean,
): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop()!.toLowerCase();
  const wantMod = parts.includes('CmdOrCtrl');
  const wantShift = parts.includes('Shift');
  const wantAlt = parts.includes('Alt');
  const mod = mac ? e.metaKey : e.ctrlKey;
  if (mod !== wantMod || e.altKey !== wantAlt) return false;
  // Shifted digits and symbols change e.key ("!" for Shift+1), so compare codes for those.
  const pressed = e.key.length === 1 ? e.key.toLowerCase() : e.key.toLowerCase();
  const shiftedDigit: Record<string, string> = { '!': '1' };
  if (wantShift && shiftedDigit[pressed] === key) return true;
  // Option on macOS turns the key into another character ("˜" or a dead key for ⌥N): compare the physical key.
  const physical = e.code ? e.code.replace(/^(Key|Digit)/, '').toLowerCase() : null;
  if (wantAlt && physical === key && e.shiftKey === wantShift) return true;
  return e.shiftKey === wantShift && pressed === key;
}
