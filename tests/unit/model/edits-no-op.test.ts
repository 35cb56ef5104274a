// An edit that changes nothing returns the very document it was given: the document store then
// records no undo step and the session marks nothing unsaved. Each edit of shared/model/edits/ is
// tried with what the document already holds; a real change must still give a new document.
import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../../shared/model/schema';
import { addBranch, moveBranch, setBranchLabel, setBranchMode, setCondition } from '../../../shared/model/edits/branches';
import { removeConnection, updateConnection } from '../../../shared/model/edits/connections';
import { removeCustomAction, renameCustomConnector, updateCustomAction, updateCustomConnector } from '../../../shared/model/edits/custom-connectors';
import { pasteFragment } from '../../../shared/model/edits/fragments';
import { grantScope, removeGrant, replaceGrant } from '../../../shared/model/edits/grants';
import { moveNodes, removeElements, updateNode } from '../../../shared/model/edits/graph';
import { setRuleSetting, suppress, unsuppress } from '../../../shared/model/edits/lint-settings';
import { chooseAction, chooseConnection, patchConfig, removeInput, setActionRefAction, setAiLabel, setField, setInput, setLabel } from '../../../shared/model/edits/node-config';
import { setProperties } from '../../../shared/model/edits/workflow';
import { moveNotes, removeNotes, updateNote } from '../../../shared/model/edits/notes';
import { setOutputTarget } from '../../../shared/model/edits/outputs';
import { createDocumentStore } from '../../../renderer/src/store/document';
import { node, supportWorkflow } from '../panels/fixture';

const wf = supportWorkflow();
const n = (id: string) => node(wf, id);

const noOps: [string, (doc: Workflow) => Workflow][] = [
  ['the same label', (d) => setLabel(d, 'n2', 'Classify')],
  ['the same config fields', (d) => patchConfig(d, 'n2', 'ai', { mode: 'act', confidenceThreshold: 0.7 })],
  ['a config patch equal to the whole config', (d) => updateNode(d, 'n2', { config: structuredClone(n('n2').config) })],
  ['an update of a step that is not there', (d) => updateNode(d, 'nope', { label: 'x' })],
  ['the same connection and action', (d) => chooseConnection(chooseAction(d, 'n4', 'tickets.reply'), 'n4', 'helpdesk')],
  ['the same input template', (d) => setInput(d, 'n4', 'ticketId', '{{ticketId}}')],
  ['removing an input that is not there', (d) => removeInput(d, 'n4', 'nope')],
  ['the same tool action', (d) => setActionRefAction(d, 'n2', 'tools', 0, 'tickets.reply')],
  ['the same AI label', (d) => setAiLabel(d, 'n2', 0, { name: 'billing', keywords: ['invoice', 'refund'] })],
  ['the same intake field', (d) => setField(d, 'n1', 0, 'subject')],
  ['the same branch label', (d) => setBranchLabel(d, 'n3', 0, 'Billing')],
  ['the same branch mode', (d) => setBranchMode(d, 'n3', 1, 'any')],
  ['the same condition', (d) => setCondition(d, 'n3', 0, 0, { var: 'category', op: 'eq', value: 'billing' })],
  ['moving the first branch up', (d) => moveBranch(d, 'n3', 0, -1)],
  ['a branch on a step that is no decision', (d) => addBranch(d, 'n2').workflow],
  ['the same connection fields', (d) => updateConnection(d, 'kb', { label: 'Knowledge base', grants: ['kb.search'] })],
  ['removing a connection that is not there', (d) => removeConnection(d, 'nope')],
  ['granting what a wildcard already covers', (d) => grantScope(d, 'helpdesk', 'tickets.reply')],
  ['removing a grant that is not there', (d) => removeGrant(d, 'kb', 'kb.read')],
  ['replacing a grant that is not there', (d) => replaceGrant(d, 'kb', 'kb.*', ['kb.search'])],
  ['the same custom connector label', (d) => updateCustomConnector(d, 'erp', { label: 'Order system' })],
  ['the same custom action', (d) => updateCustomAction(d, 'erp', 0, { effect: 'read' })],
  ['renaming a custom connector to its own id', (d) => renameCustomConnector(d, 'erp', 'erp')],
  ['removing a custom action that is not there', (d) => removeCustomAction(d, 'nope', 0)],
  ['the same properties', (d) => setProperties(d, { name: 'Support triage', owner: 'Support lead' })],
  ['moving steps to where they are', (d) => moveNodes(d, { n1: { x: 0, y: 0 } })],
  ['removing steps and links that are not there', (d) => removeElements(d, ['nope'], ['nope'])],
  ['pasting nothing', (d) => pasteFragment(d, { nodes: [], edges: [] }, { x: 10, y: 10 }).workflow],
  ['the rule setting already chosen', (d) => setRuleSetting(d, 'workflow/no-owner', 'default')],
  ['lifting a suppression that is not there', (d) => unsuppress(d, 'n2', 'ai/no-fallback')],
  ['pointing an output where it leads', (d) => (setOutputTarget(d, 'n2', 'ok', 'n3') as { workflow: Workflow }).workflow],
  ['unlinking an output that leads nowhere', (d) => (setOutputTarget(d, 'n2', 'error', null) as { workflow: Workflow }).workflow],
  ['a note that is not there', (d) => updateNote(d, 'nope', { text: 'x' })],
  ['moving notes that are not there', (d) => moveNotes(d, { nope: { x: 1, y: 1 } })],
  ['removing notes that are not there', (d) => removeNotes(d, ['nope'])],
];

describe('an edit that changes nothing', () => {
  for (const [what, edit] of noOps) {
    it(`returns the same document: ${what}`, () => {
      expect(edit(wf)).toBe(wf);
    });
  }

  it('returns the same document: suppressing again with the same reason', () => {
    const once = suppress(wf, 'n2', 'ai/no-fallback', 'Reviewed');
    expect(once).not.toBe(wf);
    expect(suppress(once, 'n2', 'ai/no-fallback', 'Reviewed')).toBe(once);
  });

  it('still gives a new document for a real change', () => {
    expect(setLabel(wf, 'n2', 'Classify ticket')).not.toBe(wf);
    expect(patchConfig(wf, 'n2', 'ai', { mode: 'suggest' })).not.toBe(wf);
    expect(updateConnection(wf, 'kb', { logging: true })).not.toBe(wf);
    expect(grantScope(wf, 'kb', 'kb.read')).not.toBe(wf);
    expect(setBranchLabel(wf, 'n3', 0, 'Money')).not.toBe(wf);
  });

  it('records no undo step in the document store', () => {
    const doc = createDocumentStore();
    doc.load(wf);
    for (const [, edit] of noOps) doc.edit(edit);
    expect(doc.canUndo()).toBe(false);
    expect(doc.workflow).toBe(wf);
    doc.edit((d) => setLabel(d, 'n2', 'Classify ticket'));
    expect(doc.canUndo()).toBe(true);
  });
});
