// @vitest-environment happy-dom
// The Connections panel as a user drives it: unfold a connection, tick grants, type one, add a
// connection, remove one after confirming. (Its markup is checked in tests/unit/panels/.)
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Workflow } from '../../../shared/model/schema';
import { ConnectionsPanel } from '../../../renderer/src/panels/ConnectionsPanel';
import { supportWorkflow } from '../panels/fixture';
import { host } from './host';

afterEach(cleanup);

function panel(wf: Workflow = supportWorkflow()) {
  return host(wf, (workflow, onChange) => <ConnectionsPanel workflow={workflow} onChange={onChange} />);
}
const grantsOf = (wf: Workflow, id: string) => wf.connections.find((c) => c.id === id)?.grants;

describe('the Connections panel, clicked', () => {
  it('unfolds a connection on a click and folds it again', () => {
    panel();
    const toggle = screen.getByTestId('connection-toggle-kb');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(within(screen.getByTestId('connection-kb')).getByTestId('field-identity')).toBeTruthy();
    fireEvent.click(toggle);
    expect(within(screen.getByTestId('connection-kb')).queryByTestId('field-identity')).toBeNull();
  });

  it('grants a scope when its box is ticked and takes it back when it is unticked', () => {
    const hosted = panel();
    fireEvent.click(screen.getByTestId('connection-toggle-kb'));
    const box = () => screen.getByTestId('grant-kb-kb.read_article') as HTMLInputElement;
    expect(box().checked).toBe(false);
    fireEvent.click(box());
    expect(grantsOf(hosted.workflow, 'kb')).toEqual(['kb.search', 'kb.read_article']);
    expect(box().checked).toBe(true);
    fireEvent.click(box());
    expect(grantsOf(hosted.workflow, 'kb')).toEqual(['kb.search']);
  });

  it('adds a typed grant with Enter, and refuses one it cannot use with the reason, adding nothing', () => {
    const hosted = panel();
    fireEvent.click(screen.getByTestId('connection-toggle-kb'));
    const field = () => screen.getByTestId('field-new-grant') as HTMLInputElement;
    fireEvent.change(field(), { target: { value: 'kb .x' } });
    expect(screen.getByTestId('connection-kb').textContent).toContain('A scope has no spaces.');
    expect((screen.getByTestId('add-grant') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(field(), { key: 'Enter' });
    expect(hosted.changes).toEqual([]);
    fireEvent.change(field(), { target: { value: ' kb.* ' } });
    fireEvent.keyDown(field(), { key: 'Enter' });
    expect(grantsOf(hosted.workflow, 'kb')).toEqual(['kb.search', 'kb.*']);
    expect(field().value).toBe('');
  });

  it('adds a connection for a chosen connector and unfolds it', () => {
    const hosted = panel();
    fireEvent.click(screen.getByTestId('add-connection'));
    fireEvent.click(screen.getByTestId('connector-option-email'));
    const added = hosted.workflow.connections.at(-1)!;
    expect(added).toMatchObject({ id: 'email', connector: 'email', grants: [] });
    expect(screen.getByTestId('connection-toggle-email').getAttribute('aria-expanded')).toBe('true');
    expect(screen.queryByTestId('connector-option-email')).toBeNull();
  });

  it('removes a connection only after the second click confirms it', () => {
    const hosted = panel();
    fireEvent.click(screen.getByTestId('connection-toggle-orders'));
    fireEvent.click(screen.getByTestId('remove-connection-orders'));
    expect(hosted.changes).toEqual([]);
    fireEvent.click(screen.getByTestId('cancel-remove-connection-orders'));
    expect(screen.queryByTestId('confirm-remove-connection-orders')).toBeNull();
    fireEvent.click(screen.getByTestId('remove-connection-orders'));
    fireEvent.click(screen.getByTestId('confirm-remove-connection-orders'));
    expect(hosted.workflow.connections.map((c) => c.id)).toEqual(['helpdesk', 'kb']);
    expect(screen.queryByTestId('connection-orders')).toBeNull();
  });

  it("renames a connection's label as the user types, one coalesced edit", () => {
    const hosted = panel();
    fireEvent.click(screen.getByTestId('connection-toggle-kb'));
    const label = within(screen.getByTestId('connection-kb')).getByTestId('field-label');
    fireEvent.change(label, { target: { value: 'Help articles' } });
    fireEvent.change(label, { target: { value: 'Help articles (EN)' } });
    expect(hosted.workflow.connections.find((c) => c.id === 'kb')!.label).toBe('Help articles (EN)');
    expect(hosted.changes).toHaveLength(2);
    expect(hosted.changes[0].coalesceKey).toBeDefined();
    expect(hosted.changes[1].coalesceKey).toBe(hosted.changes[0].coalesceKey);
  });
});
