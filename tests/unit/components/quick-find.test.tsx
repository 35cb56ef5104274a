// @vitest-environment happy-dom
// Quick find as a keyboard user drives it: it opens with the field focused, finds steps by name, kinds
// to add and commands, moves with the arrows across its groups, answers with Enter, and closes on Escape.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandId } from '../../../shared/api/commands';
import type { Workflow } from '../../../shared/model/schema';
import { QuickFind } from '../../../renderer/src/quick-find/QuickFind';
import type { QuickFindChoice } from '../../../renderer/src/quick-find/types';
import { supportWorkflow } from '../panels/fixture';

afterEach(cleanup);

function quickFind(workflow: Workflow | null = supportWorkflow(), enabled: (id: CommandId) => boolean = () => true) {
  const answers: (QuickFindChoice | null)[] = [];
  render(<QuickFind workflow={workflow} enabled={enabled} resolve={(c) => answers.push(c)} />);
  const input = screen.getByRole('combobox') as HTMLInputElement;
  const type = (text: string) => fireEvent.change(input, { target: { value: text } });
  const press = (key: string) => fireEvent.keyDown(input, { key });
  const active = () => document.getElementById(input.getAttribute('aria-activedescendant')!)!;
  const group = (name: string) => within(screen.getByRole('group', { name })).getAllByRole('option').map((o) => o.querySelector('.filter-label')!.textContent);
  return { answers, input, type, press, active, group };
}

describe('quick find', () => {
  it('opens as a labelled dialog with its field focused, listing kinds to add and commands', () => {
    const { input, group } = quickFind();
    expect(screen.getByRole('dialog', { name: 'Quick find' })).toBeTruthy();
    expect(document.activeElement).toBe(input);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(group('Add a step')).toEqual(['Intake', 'AI step', 'Integration', 'Decision', 'Approval', 'Escalation', 'End', 'Sticky note']);
    expect(group('Commands')).toContain('Save');
    expect(group('Commands')).not.toContain('Quick Find');
  });

  it('finds a step by a word of its name, first, and answers it with Enter', () => {
    const { type, press, active, answers } = quickFind();
    type('billing');
    expect(active().textContent).toMatch(/^To billing/);
    press('Enter');
    expect(answers).toEqual([{ type: 'step', id: 'n6' }]);
  });

  it('finds steps by their kind too, and kinds to add, across groups with the arrows', () => {
    const { type, press, active, answers, group } = quickFind();
    type('approval');
    expect(group('Steps')).toEqual(['Supervisor']);
    expect(group('Add a step')).toEqual(['Approval']);
    press('ArrowDown');
    expect(active().textContent).toMatch(/^Approval/);
    press('Enter');
    expect(answers).toEqual([{ type: 'add', kind: 'approval' }]);
  });

  it('runs a command, and lists only the commands that can run now', () => {
    const { type, press, answers, group } = quickFind(supportWorkflow(), (id) => id !== 'file.saveAs');
    type('save');
    expect(group('Commands')).toEqual(['Save']);
    press('Enter');
    expect(answers).toEqual([{ type: 'command', id: 'file.save' }]);
  });

  it('finds with or without accents and capitals, and says when nothing matches', () => {
    const { type, group } = quickFind();
    type('SÚPERVISOR');
    expect(group('Steps')).toEqual(['Supervisor']);
    type('nothing like this');
    expect(screen.getByTestId('quick-find').textContent).toContain('Nothing is called "nothing like this".');
  });

  it('closes on Escape with no answer', () => {
    const { input, answers } = quickFind();
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(answers).toEqual([null]);
  });
});
