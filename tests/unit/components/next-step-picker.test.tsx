// @vitest-environment happy-dom
// The next-step picker as a keyboard user drives it: type to filter, arrows to move, Enter to add,
// Escape to leave; and the combobox tells assistive technology which item is active.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { NodeKind } from '../../../shared/model/schema';
import { NextStepPicker } from '../../../renderer/src/canvas/next-step/NextStepPicker';
import { supportWorkflow } from '../panels/fixture';

afterEach(cleanup);

function picker(nodeId: string, handle: string | null = null) {
  const calls: { add: [string, NodeKind][]; connect: [string, string][]; closed: number } = { add: [], connect: [], closed: 0 };
  render(
    <NextStepPicker
      workflow={supportWorkflow()}
      nodeId={nodeId}
      handle={handle}
      onAdd={(h, k) => calls.add.push([h, k])}
      onConnect={(h, t) => calls.connect.push([h, t])}
      onClose={() => calls.closed++}
    />,
  );
  const input = screen.getByTestId('next-step-list-input') as HTMLInputElement;
  const active = () => document.getElementById(input.getAttribute('aria-activedescendant')!);
  return { calls, input, active };
}

describe('the next-step picker', () => {
  it('offers the kinds that can follow, then the steps the output may lead to, with the field focused', () => {
    const { input } = picker('n2');
    expect(document.activeElement).toBe(input);
    const labels = (group: string) =>
      within(screen.getByRole('group', { name: group }))
        .getAllByRole('option')
        .map((o) => o.querySelector('.filter-label')!.textContent);
    // Anything but an intake can follow; the steps are never the step itself nor an intake.
    expect(labels('New step')).toEqual(['AI step', 'Integration', 'Decision', 'Approval', 'Escalation', 'End']);
    expect(labels('Link to a step already there')).toEqual(['Route', 'Reply', 'Supervisor', 'To billing', 'Done', 'Sync order']);
  });

  it('adds a kind after the first free output with the keyboard: type, Down, Enter', () => {
    const { input, calls, active } = picker('n2');
    fireEvent.change(input, { target: { value: 'esc' } });
    expect(active()!.textContent).toMatch(/^Escalation/);
    expect(active()!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(calls.add).toEqual([['low_confidence', 'escalation']]);
  });

  it('moves with the arrows, wrapping, and links to a step already there', () => {
    const { input, calls, active } = picker('n2');
    fireEvent.change(input, { target: { value: 'to bil' } });
    expect(active()!.textContent).toMatch(/^To billing/);
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(calls.connect).toEqual([['low_confidence', 'n6']]);
  });

  it('lets another output be chosen, and says when it replaces a link', () => {
    const { input, calls } = picker('n2');
    const output = screen.getByTestId('next-step-output') as HTMLSelectElement;
    expect([...output.options].map((o) => o.textContent)).toEqual(['ok (leads to Route)', 'low confidence', 'error']);
    expect(output.value).toBe('low_confidence');
    fireEvent.change(output, { target: { value: 'ok' } });
    expect(screen.getByTestId('next-step-replaces').textContent).toContain('“Route”');
    fireEvent.change(input, { target: { value: 'approval' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(calls.add).toEqual([['ok', 'approval']]);
  });

  it('keeps to the output its "+" was on', () => {
    const { input, calls } = picker('n3', 'r2');
    expect(screen.queryByTestId('next-step-output')).toBeNull();
    expect(screen.getByTestId('next-step-picker').textContent).toContain('from the output Urgent');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(calls.add).toEqual([['r2', 'ai']]);
  });

  it('closes on Escape, and says when nothing matches', () => {
    const { input, calls } = picker('n2');
    fireEvent.change(input, { target: { value: 'zzzz' } });
    expect(screen.getByTestId('next-step-list').textContent).toContain('No kind or step has that name.');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(calls.add).toEqual([]);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(calls.closed).toBe(1);
  });
});
