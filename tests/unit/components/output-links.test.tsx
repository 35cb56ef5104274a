// @vitest-environment happy-dom
// The inspector's "Outputs": where each output of the selected step leads, changed with a picker, one
// undo step per change; new steps offered after an output; and a selected sticky note edited here.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { NodeKind, Workflow } from '../../../shared/model/schema';
import { addNode } from '../../../shared/model/edits/graph';
import { setLabel } from '../../../shared/model/edits/node-config';
import { Inspector } from '../../../renderer/src/panels/Inspector';
import { supportWorkflow } from '../panels/fixture';
import { host } from './host';

afterEach(cleanup);

function inspect(nodeIds: string[], wf: Workflow = supportWorkflow(), noteIds: string[] = []) {
  const added: [string, string, NodeKind][] = [];
  const hosted = host(wf, (workflow, onChange) => (
    <Inspector workflow={workflow} nodeIds={nodeIds} edgeIds={[]} noteIds={noteIds} onChange={onChange} onSelectConnection={() => {}} onAddNextStep={(n, h, k) => added.push([n, h, k])} />
  ));
  return Object.assign(hosted, { added });
}
const select = (testId: string) => screen.getByTestId(testId) as HTMLSelectElement;
const targets = (wf: Workflow, source: string, handle: string) => wf.edges.filter((e) => e.source === source && e.sourceHandle === handle).map((e) => e.target);

describe('where outputs lead, in the inspector', () => {
  it('shows each output with the step it leads to, or "Nowhere yet"', () => {
    inspect(['n2']);
    expect(select('output-target-ok').value).toBe('n3');
    expect(select('output-target-low_confidence').value).toBe('');
    expect(select('output-target-low_confidence').selectedOptions[0].textContent).toBe('Nowhere yet');
    expect(select('output-target-error').getAttribute('aria-label')).toBe('Where "error" leads');
    // Never the step itself nor an intake.
    const offered = [...select('output-target-error').options].map((o) => o.value);
    expect(offered).not.toContain('n2');
    expect(offered).not.toContain('n1');
    expect(offered).toContain('new:escalation');
  });

  it('relinks an output, unlinks it, each one change without a typing key (one undo step each)', () => {
    const hosted = inspect(['n2']);
    fireEvent.change(select('output-target-low_confidence'), { target: { value: 'n6' } });
    expect(targets(hosted.workflow, 'n2', 'low_confidence')).toEqual(['n6']);
    expect(select('output-target-low_confidence').value).toBe('n6');
    fireEvent.change(select('output-target-ok'), { target: { value: 'n5' } });
    expect(targets(hosted.workflow, 'n2', 'ok')).toEqual(['n5']);
    fireEvent.change(select('output-target-ok'), { target: { value: '' } });
    expect(targets(hosted.workflow, 'n2', 'ok')).toEqual([]);
    expect(hosted.changes.map((c) => c.coalesceKey)).toEqual([undefined, undefined, undefined]);
  });

  it('asks for a new step after an output, and changes nothing itself', () => {
    const hosted = inspect(['n3']);
    fireEvent.change(select('output-target-else'), { target: { value: 'new:end' } });
    expect(hosted.added).toEqual([['n3', 'else', 'end']]);
    expect(hosted.changes).toEqual([]);
  });

  it('names the steps as they are now after any edit, whichever step it changed', () => {
    // The options are drawn again only when the list of steps changes (TargetOptions): a renamed step is
    // a new object in the list, so its option says the new name; an edit of the selected step leaves them.
    const wf = supportWorkflow();
    const props = { nodeIds: ['n2'], edgeIds: [], onChange: () => {}, onSelectConnection: () => {} };
    const view = render(<Inspector workflow={wf} {...props} />);
    const optionText = (value: string) => [...select('output-target-error').options].find((o) => o.value === value)?.textContent;
    const before = optionText('n6');
    const renamed = setLabel(wf, 'n6', 'Renamed step');
    view.rerender(<Inspector workflow={renamed} {...props} />);
    expect(optionText('n6')).toBe('Renamed step');
    expect(before).not.toBe('Renamed step');
    const typed = setLabel(renamed, 'n2', 'Classify it');
    view.rerender(<Inspector workflow={typed} {...props} />);
    expect(optionText('n6')).toBe('Renamed step');
    expect((screen.getByTestId('field-label') as HTMLInputElement).value).toBe('Classify it');
    // A step added is offered too.
    const added = addNode(typed, 'end', { x: 0, y: 0 });
    view.rerender(<Inspector workflow={added.workflow} {...props} />);
    expect([...select('output-target-error').options].map((o) => o.value)).toContain(added.id);
  });

  it('has no outputs section for an end step', () => {
    inspect(['n7']);
    expect(screen.queryByTestId('output-links')).toBeNull();
  });
});

describe('a sticky note in the inspector', () => {
  const noted: Workflow = { ...supportWorkflow(), notes: [{ id: 'note1', text: 'Ask Sam', position: { x: 0, y: 0 } }] };

  it('edits its words (typing coalesced) and its colour, and deletes it', () => {
    const hosted = inspect([], noted, ['note1']);
    const text = screen.getByTestId('field-note-text') as HTMLTextAreaElement;
    expect(text.value).toBe('Ask Sam');
    fireEvent.change(text, { target: { value: 'Ask Sam first' } });
    fireEvent.change(text, { target: { value: 'Ask Sam first!' } });
    expect(hosted.workflow.notes![0].text).toBe('Ask Sam first!');
    expect(new Set(hosted.changes.map((c) => c.coalesceKey)).size).toBe(1);
    fireEvent.change(select('field-note-colour'), { target: { value: 'green' } });
    expect(hosted.workflow.notes![0].colour).toBe('green');
    fireEvent.click(screen.getByTestId('delete-note'));
    expect(hosted.workflow.notes).toBeUndefined();
  });

  it('counts notes in a mixed selection, and deletes them with the rest', () => {
    const hosted = inspect(['n7'], noted, ['note1']);
    expect(screen.getByTestId('inspector-multi').textContent).toContain('1 step and 1 note selected');
    fireEvent.click(screen.getByTestId('delete-selection'));
    expect(hosted.workflow.notes).toBeUndefined();
    expect(hosted.workflow.nodes.some((n) => n.id === 'n7')).toBe(false);
  });
});
