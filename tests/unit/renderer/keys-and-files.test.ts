import { describe, expect, it } from 'vitest';
import { COMMANDS, shortcutsOf, type CommandSpec } from '../../../shared/api/commands';
import { commandForKey, fieldKeeps } from '../../../renderer/src/app/keyboard';
import { joinPath, safeFileName, workflowFileName } from '../../../renderer/src/app/files';
import { autoLayout } from '../../../renderer/src/app/layout';
import { addNode, connect } from '../../../shared/model/edits/graph';
import { blankWorkflow } from '../../../shared/model/edits/workflow';

const key = (k: string, mods: Partial<{ ctrl: boolean; shift: boolean; meta: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: !!mods.ctrl,
  shiftKey: !!mods.shift,
  metaKey: !!mods.meta,
  altKey: !!mods.alt,
});

describe('keyboard shortcuts', () => {
  it('maps keys to the commands of the shared list', () => {
    for (const desktop of [true, false]) {
      expect(commandForKey(key('s', { ctrl: true }), false, desktop)).toBe('file.save');
      expect(commandForKey(key('S', { ctrl: true, shift: true }), false, desktop)).toBe('file.saveAs');
      expect(commandForKey(key('z', { ctrl: true }), false, desktop)).toBe('edit.undo');
      expect(commandForKey(key('y', { ctrl: true }), false, desktop)).toBe('edit.redo');
      expect(commandForKey(key('Backspace'), false, desktop)).toBe('edit.delete');
      expect(commandForKey(key('!', { shift: true }), false, desktop)).toBe('view.fit');
      expect(commandForKey(key('s', { meta: true }), true, desktop)).toBe('file.save');
      expect(commandForKey(key('s'), false, desktop)).toBeNull();
    }
  });

  it('uses Alt+N and Alt+W in browser mode, where the browser keeps Ctrl+N and Ctrl+W', () => {
    expect(commandForKey(key('n', { ctrl: true }), false, true)).toBe('file.new');
    expect(commandForKey(key('w', { ctrl: true }), false, true)).toBe('file.home');
    expect(commandForKey(key('n', { alt: true }), false, true)).toBeNull();
    expect(commandForKey(key('n', { alt: true }), false, false)).toBe('file.new');
    expect(commandForKey(key('w', { alt: true }), false, false)).toBe('file.home');
    expect(commandForKey(key('n', { ctrl: true }), false, false)).toBeNull();
    // ⌥N on a Mac types a dead key; the physical key still counts.
    expect(commandForKey({ ...key('Dead', { alt: true }), code: 'KeyN' }, true, false)).toBe('file.new');
    expect(commandForKey({ ...key('∑', { alt: true }), code: 'KeyW' }, true, false)).toBe('file.home');
  });

  it('finds every command by each shortcut it has, in the desktop app and in browser mode', () => {
    for (const desktop of [true, false]) {
      for (const c of COMMANDS as readonly CommandSpec[]) {
        for (const accelerator of shortcutsOf(c, desktop)) {
          const parts = accelerator.split('+');
          const k = parts.pop()!;
          const mods = { ctrl: parts.includes('CmdOrCtrl'), shift: parts.includes('Shift'), alt: parts.includes('Alt') };
          expect(commandForKey(key(k, mods), false, desktop), `${accelerator} (desktop: ${desktop})`).toBe(c.id);
        }
      }
    }
  });

  it('lists in browser mode no shortcut the browser keeps for itself, and none twice', () => {
    // Keys Chromium and Firefox act on before the page sees them (windows, tabs, their menus, history).
    const browserKeeps = ['CmdOrCtrl+N', 'CmdOrCtrl+W', 'CmdOrCtrl+T', 'CmdOrCtrl+Shift+N', 'CmdOrCtrl+Shift+W', 'CmdOrCtrl+Shift+T', 'Alt+F', 'Alt+E', 'Alt+D', 'Alt+V', 'Alt+H', 'Alt+B', 'Alt+S'];
    const inBrowser = (COMMANDS as readonly CommandSpec[]).flatMap((c) => shortcutsOf(c, false));
    expect(inBrowser.filter((a) => browserKeeps.includes(a))).toEqual([]);
    expect(new Set(inBrowser).size).toBe(inBrowser.length);
    expect(inBrowser).toEqual(expect.arrayContaining(['Alt+N', 'Alt+W']));
    // The desktop app keeps its menu accelerators.
    const inDesktop = (COMMANDS as readonly CommandSpec[]).flatMap((c) => shortcutsOf(c, true));
    expect(inDesktop).toEqual(expect.arrayContaining(['CmdOrCtrl+N', 'CmdOrCtrl+W']));
    expect(inDesktop).not.toContain('Alt+N');
  });

  it('leaves text-editing keys to a focused field but not Save', () => {
    expect(fieldKeeps('edit.undo')).toBe(true);
    expect(fieldKeeps('edit.delete')).toBe(true);
    expect(fieldKeeps('view.fit')).toBe(true);
    expect(fieldKeeps('file.save')).toBe(false);
  });
});

describe('file names', () => {
  it('makes a safe workflow file name from a workflow name', () => {
    expect(workflowFileName('Refunds: EU/UK')).toBe('Refunds EU UK.flowgate.json');
    expect(workflowFileName('triage.flowgate.json')).toBe('triage.flowgate.json');
    expect(workflowFileName('...')).toBe('workflow.flowgate.json');
    expect(safeFileName('a\u0000b')).toBe('a b');
  });

  it('joins with the folder’s own separator', () => {
    expect(joinPath('/home/me/wf', 'a.json')).toBe('/home/me/wf/a.json');
    expect(joinPath('C:\\Users\\me', 'a.json')).toBe('C:\\Users\\me\\a.json');
  });
});

describe('auto-layout', () => {
  it('places each step to the right of the step it follows', () => {
    let wf = blankWorkflow('wf');
    const a = addNode(wf, 'intake', { x: 500, y: 500 });
    const b = addNode(a.workflow, 'ai', { x: 0, y: 0 });
    const c = addNode(b.workflow, 'end', { x: -300, y: 40 });
    wf = c.workflow;
    for (const [s, h, t] of [[a.id, 'out', b.id], [b.id, 'ok', c.id]] as const) {
      const r = connect(wf, { source: s, sourceHandle: h, target: t });
      if (!r.ok) throw new Error(r.reason);
      wf = r.workflow;
    }
    const p = autoLayout(wf, new Map());
    expect(p[a.id].x).toBeLessThan(p[b.id].x);
    expect(p[b.id].x).toBeLessThan(p[c.id].x);
    for (const id of [a.id, b.id, c.id]) expect(Number.isInteger(p[id].x) && Number.isInteger(p[id].y)).toBe(true);
  });
});
