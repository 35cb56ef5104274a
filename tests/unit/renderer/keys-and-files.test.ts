import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../shared/api/commands';
import { commandForKey, fieldKeeps } from '../../../renderer/src/app/keyboard';
import { joinPath, safeFileName, workflowFileName } from '../../../renderer/src/app/files';
import { autoLayout } from '../../../renderer/src/app/layout';
import { addNode, blankWorkflow, connect } from '../../../shared/model/edit';

const key = (k: string, mods: Partial<{ ctrl: boolean; shift: boolean; meta: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: !!mods.ctrl,
  shiftKey: !!mods.shift,
  metaKey: !!mods.meta,
  altKey: !!mods.alt,
});

describe('keyboard shortcuts', () => {
  it('maps keys to the commands of the shared list', () => {
    expect(commandForKey(key('s', { ctrl: true }), false)).toBe('file.save');
    expect(commandForKey(key('S', { ctrl: true, shift: true }), false)).toBe('file.saveAs');
    expect(commandForKey(key('z', { ctrl: true }), false)).toBe('edit.undo');
    expect(commandForKey(key('y', { ctrl: true }), false)).toBe('edit.redo');
    expect(commandForKey(key('Backspace'), false)).toBe('edit.delete');
    expect(commandForKey(key('!', { shift: true }), false)).toBe('view.fit');
    expect(commandForKey(key('s', { meta: true }), true)).toBe('file.save');
    expect(commandForKey(key('s'), false)).toBeNull();
  });

  it('finds every command that has a shortcut', () => {
    for (const c of COMMANDS) {
      if (!('accelerator' in c) || !c.accelerator) continue;
      const parts = c.accelerator.split('+');
      const k = parts.pop()!;
      expect(commandForKey(key(k, { ctrl: parts.includes('CmdOrCtrl'), shift: parts.includes('Shift') }), false)).toBe(c.id);
    }
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
