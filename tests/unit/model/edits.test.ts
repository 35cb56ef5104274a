import { describe, expect, it } from 'vitest';
import { BUILTIN_CONNECTORS } from '../../../shared/connectors/catalog';
import { findConnector } from '../../../shared/connectors/lookup';
import { outputsOf } from '../../../shared/kinds/registry';
import type { Condition, Workflow } from '../../../shared/model/schema';
import { workflowSchema } from '../../../shared/model/schema';
import { moveBy, removeAt, replaceAt, splitList } from '../../../shared/model/edits/lists';
import { formatTimeoutHours, parseConfidence, parseNumber, parseTimeoutHours } from '../../../shared/model/edits/values';
import { addActionRef, addAiLabel, addField, chooseAction, chooseConnection, patchConfig, removeActionRef, removeAiLabel, removeField, removeInput, setActionRefAction, setActionRefConnection, setAiLabel, setField, setInput, setLabel } from '../../../shared/model/edits/node-config';
import { addCondition, addBranch, conditionsOf, formatConditionValue, moveBranch, parseConditionValue, removeCondition, removeBranch, setCondition, setBranchLabel, setBranchMode } from '../../../shared/model/edits/branches';
import { addGrant, coveringWildcard, extraGrants, grantProblem, removeGrant, toggleGrant } from '../../../shared/model/edits/grants';
import { actionScopeProblem, addCustomAction, addCustomConnector, connectionsUsingConnector, connectorIdProblem, removeCustomAction, removeCustomConnector, renameCustomConnector, toggleCategory, updateCustomAction, updateCustomConnector } from '../../../shared/model/edits/custom-connectors';
import { addConnectionFor, stepsUsingConnection } from '../../../shared/model/edits/connections';
import { node, supportWorkflow } from '../panels/fixture';

const config = (wf: Workflow, id: string) => node(wf, id).config as Record<string, unknown>;
const conn = (wf: Workflow, id: string) => wf.connections.find((c) => c.id === id)!;
const rulesOf = (wf: Workflow) => (node(wf, 'n3').config as { rules: { id: string; label: string; when: unknown }[] }).rules;

/** Every edit must leave a document the schema still accepts. (The fixture is frozen, so edits cannot mutate it.) */
function checked(after: Workflow): Workflow {
  expect(workflowSchema.safeParse(after).success).toBe(true);
  return after;
}

describe('list helpers', () => {
  it('replace, remove and move without touching the input', () => {
    const list = ['a', 'b', 'c'];
    expect(replaceAt(list, 1, 'x')).toEqual(['a', 'x', 'c']);
    expect(replaceAt(list, 5, 'x')).toEqual(list);
    expect(removeAt(list, 0)).toEqual(['b', 'c']);
    expect(moveBy(list, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveBy(list, 2, -2)).toEqual(['c', 'a', 'b']);
    expect(moveBy(list, 0, -1)).toEqual(list);
    expect(moveBy(list, 2, 1)).toEqual(list);
    expect(list).toEqual(['a', 'b', 'c']);
  });

  it('splitList trims and drops empty items', () => {
    expect(splitList(' a, b ,, c ,')).toEqual(['a', 'b', 'c']);
    expect(splitList('')).toEqual([]);
  });
});

describe('value parsing', () => {
  it('reads numbers with a dot or a comma and refuses the rest with a message', () => {
    expect(parseNumber('1.5')).toEqual({ ok: true, value: 1.5 });
    expect(parseNumber(' 2,25 ')).toEqual({ ok: true, value: 2.25 });
    expect(parseNumber('abc')).toEqual({ ok: false, error: '"abc" is not a number.' });
    expect(parseNumber('')).toMatchObject({ ok: false });
    expect(parseNumber('Infinity')).toMatchObject({ ok: false });
  });

  it('takes an empty timeout as "no timeout" and refuses negative ones', () => {
    expect(parseTimeoutHours('')).toEqual({ ok: true, value: null });
    expect(parseTimeoutHours('48')).toEqual({ ok: true, value: 48 });
    expect(parseTimeoutHours('-1')).toMatchObject({ ok: false });
    expect(parseTimeoutHours('soon')).toMatchObject({ ok: false });
    expect(formatTimeoutHours(null)).toBe('');
    expect(formatTimeoutHours(0)).toBe('0');
  });

  it('keeps confidence thresholds between 0 and 1', () => {
    expect(parseConfidence('0.85')).toEqual({ ok: true, value: 0.85 });
    expect(parseConfidence('1')).toEqual({ ok: true, value: 1 });
    expect(parseConfidence('1.2')).toMatchObject({ ok: false });
    expect(parseConfidence('-0.1')).toMatchObject({ ok: false });
  });
});

describe('node config edits', () => {
  it('patchConfig merges into the config of the right kind only, and removes keys set to undefined', () => {
    const wf = supportWorkflow();
    const next = checked(patchConfig(wf, 'n5', 'approval', { reviewer: 'Ops lead' }));
    expect(config(next, 'n5')).toEqual({ reviewer: 'Ops lead', instructions: 'Check tone', timeoutHours: null });
    expect(config(wf, 'n5').reviewer).toBe('Support lead');
    expect(patchConfig(wf, 'n5', 'ai', { prompt: 'x' })).toBe(wf);
    expect(patchConfig(wf, 'missing', 'ai', { prompt: 'x' })).toBe(wf);
    const cleared = patchConfig(wf, 'n1', 'intake', { connection: undefined, action: undefined });
    expect('connection' in config(cleared, 'n1')).toBe(false);
    expect('action' in config(cleared, 'n1')).toBe(false);
  });

  it('setLabel keeps any text, including an empty one', () => {
    const wf = supportWorkflow();
    expect(node(setLabel(wf, 'n2', ''), 'n2').label).toBe('');
    expect(node(setLabel(wf, 'n2', '<b>AI</b>'), 'n2').label).toBe('<b>AI</b>');
  });

  it('chooseConnection keeps the action when the new connector has it and clears it otherwise', () => {
    let wf = supportWorkflow();
    wf = { ...wf, connections: [...wf.connections, { ...conn(wf, 'helpdesk'), id: 'helpdesk2', label: 'Second desk' }] };
    const same = chooseConnection(wf, 'n4', 'helpdesk2');
    expect(config(same, 'n4')).toMatchObject({ connection: 'helpdesk2', action: 'tickets.reply' });
    const other = checked(chooseConnection(wf, 'n4', 'kb'));
    expect(config(other, 'n4')).toMatchObject({ connection: 'kb', action: '' });
    // The mapped inputs are kept: they are what the user typed.
    expect(config(other, 'n4').inputs).toEqual({ ticketId: '{{ticketId}}', legacy: 'x' });
  });

  it('chooseConnection with none removes an intake’s or escalation’s connection and action', () => {
    const wf = supportWorkflow();
    const intake = checked(chooseConnection(wf, 'n1', ''));
    expect(config(intake, 'n1')).toEqual({ source: 'ticket', fields: ['subject', 'body', 'email'] });
    const esc = chooseConnection(chooseConnection(wf, 'n6', 'helpdesk'), 'n6', '');
    expect(config(esc, 'n6')).toEqual(config(wf, 'n6'));
    expect(chooseConnection(wf, 'n2', 'kb')).toBe(wf);
  });

  it('chooseAction sets the action; none removes an optional one', () => {
    const wf = supportWorkflow();
    expect(config(chooseAction(wf, 'n4', 'tickets.comment'), 'n4').action).toBe('tickets.comment');
    expect('action' in config(chooseAction(wf, 'n1', ''), 'n1')).toBe(false);
    const esc = chooseAction(chooseConnection(wf, 'n6', 'helpdesk'), 'n6', 'tickets.assign');
    expect(config(esc, 'n6')).toMatchObject({ connection: 'helpdesk', action: 'tickets.assign' });
  });

  it('sets and removes integration inputs by name', () => {
    const wf = supportWorkflow();
    const set = setInput(wf, 'n4', 'body', 'Hello {{subject}}');
    expect(config(set, 'n4').inputs).toEqual({ ticketId: '{{ticketId}}', legacy: 'x', body: 'Hello {{subject}}' });
    expect(config(removeInput(set, 'n4', 'legacy'), 'n4').inputs).toEqual({ ticketId: '{{ticketId}}', body: 'Hello {{subject}}' });
    expect(removeInput(wf, 'n4', 'nope')).toBe(wf);
  });

  it('adds, retargets and removes AI sources and tools', () => {
    const wf = supportWorkflow();
    const added = checked(addActionRef(wf, 'n2', 'sources'));
    expect(config(added, 'n2').sources).toEqual([
      { connection: 'kb', action: 'kb.search' },
      { connection: 'helpdesk', action: '' },
    ]);
    const picked = setActionRefAction(added, 'n2', 'sources', 1, 'tickets.read');
    expect((config(picked, 'n2').sources as unknown[])[1]).toEqual({ connection: 'helpdesk', action: 'tickets.read' });
    const moved = setActionRefConnection(picked, 'n2', 'sources', 1, 'kb');
    expect((config(moved, 'n2').sources as unknown[])[1]).toEqual({ connection: 'kb', action: '' });
    expect(config(removeActionRef(moved, 'n2', 'tools', 0), 'n2').tools).toEqual([]);
    expect(setActionRefAction(wf, 'n2', 'tools', 9, 'x')).toBe(wf);
  });

  it('adds labels with fresh names, edits and removes them', () => {
    const wf = supportWorkflow();
    const added = addAiLabel(addAiLabel(wf, 'n2'), 'n2');
    expect((config(added, 'n2').labels as { name: string }[]).map((l) => l.name)).toEqual(['billing', 'other', 'label 3', 'label 4']);
    const edited = setAiLabel(added, 'n2', 2, { name: 'shipping', keywords: ['parcel'] });
    expect((config(edited, 'n2').labels as unknown[])[2]).toEqual({ name: 'shipping', keywords: ['parcel'] });
    expect((config(removeAiLabel(edited, 'n2', 0), 'n2').labels as { name: string }[])[0].name).toBe('other');
  });

  it('edits field-name lists of intakes and extract steps, keeping empty names for the user to fill in', () => {
    const wf = supportWorkflow();
    const withEmpty = checked(addField(wf, 'n1'));
    expect(config(withEmpty, 'n1').fields).toEqual(['subject', 'body', 'email', '']);
    expect(config(setField(withEmpty, 'n1', 3, 'phone'), 'n1').fields).toEqual(['subject', 'body', 'email', 'phone']);
    expect(config(removeField(wf, 'n1', 0), 'n1').fields).toEqual(['body', 'email']);
    const extract = addField(patchConfig(wf, 'n2', 'ai', { task: 'extract' }), 'n2');
    expect(config(extract, 'n2').fields).toEqual(['']);
    expect(setField(wf, 'n1', 9, 'x')).toBe(wf);
    expect(addField(wf, 'n5')).toBe(wf);
  });
});

describe('decision rule edits', () => {
  it('adds a rule with a fresh id, an empty condition and a new output handle', () => {
    const wf = supportWorkflow();
    const { workflow, branchId } = addBranch(wf, 'n3');
    checked(workflow);
    expect(branchId).toBe('r3');
    expect(rulesOf(workflow)[2]).toEqual({ id: 'r3', label: 'Rule 3', when: { all: [{ var: '', op: 'eq', value: '' }] } });
    expect(outputsOf(node(workflow, 'n3')).map((h) => h.id)).toEqual(['r1', 'r2', 'r3', 'else']);
    expect(addBranch(wf, 'n2')).toEqual({ workflow: wf, branchId: null });
  });

  it('removing a rule also removes the link that left from it', () => {
    const wf = supportWorkflow();
    const next = removeBranch(wf, 'n3', 0);
    expect(rulesOf(next).map((r) => r.id)).toEqual(['r2']);
    expect(next.edges.map((e) => e.id)).not.toContain('e3');
    expect(next.edges.map((e) => e.id)).toContain('e4');
  });

  it('moves rules up and down, keeping their ids and links', () => {
    const wf = supportWorkflow();
    const next = moveBranch(wf, 'n3', 1, -1);
    expect(rulesOf(next).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(next.edges).toEqual(wf.edges);
    expect(moveBranch(wf, 'n3', 0, -1)).toBe(wf);
    expect(moveBranch(wf, 'n3', 1, 1)).toBe(wf);
  });

  it('renames a rule and switches all/any keeping the conditions', () => {
    const wf = supportWorkflow();
    expect(rulesOf(setBranchLabel(wf, 'n3', 0, 'Money'))[0].label).toBe('Money');
    const any = setBranchMode(wf, 'n3', 0, 'any');
    expect(rulesOf(any)[0].when).toEqual({ any: [{ var: 'category', op: 'eq', value: 'billing' }] });
    const back = setBranchMode(any, 'n3', 0, 'all');
    expect(rulesOf(back)[0].when).toEqual(rulesOf(wf)[0].when);
    expect(conditionsOf(rulesOf(wf)[1] as never).mode).toBe('any');
  });

  it('adds, changes and removes conditions', () => {
    const wf = supportWorkflow();
    const added = addCondition(wf, 'n3', 0, 'subject');
    expect(conditionsOf(rulesOf(added)[0] as never).conditions[1]).toEqual({ var: 'subject', op: 'eq', value: '' });
    const changed = setCondition(added, 'n3', 0, 1, { op: 'contains', value: 'refund' });
    expect(conditionsOf(rulesOf(changed)[0] as never).conditions[1]).toEqual({ var: 'subject', op: 'contains', value: 'refund' });
    const removed = removeCondition(changed, 'n3', 0, 0);
    expect(conditionsOf(rulesOf(removed)[0] as never).conditions).toEqual([{ var: 'subject', op: 'contains', value: 'refund' }]);
    expect(setCondition(wf, 'n3', 0, 5, { var: 'x' })).toEqual(wf);
  });

  it('carries the value over when the operator changes', () => {
    const wf = supportWorkflow();
    const cond = (w: Workflow, r: number, c: number): Condition => conditionsOf(rulesOf(w)[r] as never).conditions[c];
    const toIn = setCondition(wf, 'n3', 0, 0, { op: 'in' });
    expect(cond(toIn, 0, 0)).toEqual({ var: 'category', op: 'in', value: ['billing'] });
    const toEq = setCondition(wf, 'n3', 1, 0, { op: 'eq' });
    expect(cond(toEq, 1, 0)).toEqual({ var: 'priority', op: 'eq', value: 'high, urgent' });
    const toExists = checked(setCondition(wf, 'n3', 1, 1, { op: 'exists' }));
    expect(cond(toExists, 1, 1)).toEqual({ var: 'amount', op: 'exists' });
    const toLt = setCondition(wf, 'n3', 1, 1, { op: 'lt' });
    expect(cond(toLt, 1, 1)).toEqual({ var: 'amount', op: 'lt', value: 100 });
  });

  it('parses condition values per operator, keeping what was typed and warning when it does not fit', () => {
    expect(parseConditionValue('eq', ' billing ')).toEqual({ ok: true, value: ' billing ' });
    expect(parseConditionValue('gt', '12.5')).toEqual({ ok: true, value: 12.5 });
    expect(parseConditionValue('gte', '3,5')).toEqual({ ok: true, value: 3.5 });
    expect(parseConditionValue('lt', 'ten')).toMatchObject({ ok: true, value: 'ten', warning: expect.stringContaining('not a number') });
    expect(parseConditionValue('lte', '')).toMatchObject({ ok: true, warning: 'Enter a number.' });
    expect(parseConditionValue('in', 'a, b,')).toEqual({ ok: true, value: ['a', 'b'] });
    expect(parseConditionValue('in', ' , ')).toMatchObject({ ok: true, value: [], warning: expect.any(String) });
    expect(parseConditionValue('exists', 'x')).toEqual({ ok: true, value: undefined });
    expect(formatConditionValue(['a', 2])).toBe('a, 2');
    expect(formatConditionValue(null)).toBe('');
    expect(formatConditionValue(false)).toBe('false');
  });
});

describe('grant edits', () => {
  it('toggles an exact scope on and off, leaving wildcards alone', () => {
    const wf = supportWorkflow();
    const off = toggleGrant(wf, 'helpdesk', 'tickets.read');
    expect(conn(off, 'helpdesk').grants).toEqual(['tickets.*', 'bogus.scope']);
    const on = toggleGrant(off, 'helpdesk', 'tickets.reply');
    expect(conn(on, 'helpdesk').grants).toEqual(['tickets.*', 'bogus.scope', 'tickets.reply']);
    expect(conn(wf, 'helpdesk').grants).toEqual(['tickets.read', 'tickets.*', 'bogus.scope']);
    expect(toggleGrant(wf, 'missing', 'x')).toBe(wf);
  });

  it('adds raw grants, wildcards included, and refuses bad ones with a reason', () => {
    const wf = supportWorkflow();
    const added = addGrant(wf, 'kb', ' kb.* ');
    expect(added.ok && conn(added.workflow, 'kb').grants).toEqual(['kb.search', 'kb.*']);
    const star = addGrant(wf, 'kb', '*');
    expect(star.ok && conn(star.workflow, 'kb').grants).toEqual(['kb.search', '*']);
    expect(addGrant(wf, 'kb', 'kb.search')).toEqual({ ok: false, error: '"kb.search" is already granted.' });
    expect(addGrant(wf, 'nope', 'x')).toMatchObject({ ok: false });
    expect(grantProblem('', [])).toMatch(/Type a scope/);
    expect(grantProblem('kb search', [])).toMatch(/no spaces/);
    expect(grantProblem('kb*', [])).toMatch(/wildcard/);
    expect(grantProblem('kb.*.read', [])).toMatch(/wildcard/);
    expect(grantProblem('.kb', [])).toMatch(/dot/);
    expect(grantProblem('tickets.update_fields', [])).toBeNull();
  });

  it('removes a grant by its text', () => {
    const wf = supportWorkflow();
    expect(conn(removeGrant(wf, 'helpdesk', 'tickets.*'), 'helpdesk').grants).toEqual(['tickets.read', 'bogus.scope']);
    expect(removeGrant(wf, 'helpdesk', 'not.there')).toBe(wf);
  });

  it('finds the grants that are not actions of the connector, and the wildcard covering a scope', () => {
    const wf = supportWorkflow();
    const helpdesk = findConnector(wf, 'helpdesk');
    expect(extraGrants(conn(wf, 'helpdesk'), helpdesk)).toEqual(['tickets.*', 'bogus.scope']);
    expect(extraGrants(conn(wf, 'helpdesk'), undefined)).toEqual(['tickets.read', 'tickets.*', 'bogus.scope']);
    expect(coveringWildcard(['tickets.*'], 'tickets.reply')).toBe('tickets.*');
    expect(coveringWildcard(['*', 'tickets.reply'], 'tickets.reply')).toBeNull();
    expect(coveringWildcard(['*'], 'kb.search')).toBe('*');
    expect(coveringWildcard(['kb.*'], 'tickets.read')).toBeNull();
  });
});

describe('custom connector edits', () => {
  it('adds a connector with an id that clashes with nothing', () => {
    const wf = supportWorkflow();
    const first = addCustomConnector(wf, 'Order system');
    expect(first.id).toBe('order-system');
    checked(first.workflow);
    const builtinLabel = addCustomConnector(wf, BUILTIN_CONNECTORS[0].id);
    expect(builtinLabel.id).toBe(`${BUILTIN_CONNECTORS[0].id}-1`);
    const again = addCustomConnector(first.workflow, 'Order system');
    expect(again.id).toBe('order-system-1');
    const cc = again.workflow.connectors!.find((c) => c.id === again.id)!;
    expect(cc.actions).toEqual([{ scope: 'order-system-1.read', label: 'Read records', effect: 'read', customerFacing: false, data: [] }]);
  });

  it('checks ids: not empty, simple characters, not a built-in, not another custom one', () => {
    const wf = addCustomConnector(supportWorkflow(), 'Stock').workflow;
    expect(connectorIdProblem(wf, 'erp', '')).toMatch(/empty/);
    expect(connectorIdProblem(wf, 'erp', 'my erp')).toMatch(/letters/);
    expect(connectorIdProblem(wf, 'erp', BUILTIN_CONNECTORS[0].id)).toMatch(/built-in/);
    expect(connectorIdProblem(wf, 'erp', 'stock')).toMatch(/already/);
    expect(connectorIdProblem(wf, 'erp', 'erp')).toBeNull();
    expect(connectorIdProblem(wf, 'erp', 'erp_2')).toBeNull();
  });

  it('renames a connector together with the connections that use it, and refuses a bad id', () => {
    const wf = supportWorkflow();
    const next = checked(renameCustomConnector(wf, 'erp', 'erp2'));
    expect(next.connectors!.map((c) => c.id)).toEqual(['erp2']);
    expect(conn(next, 'orders').connector).toBe('erp2');
    expect(conn(next, 'helpdesk').connector).toBe('helpdesk');
    expect(renameCustomConnector(wf, 'erp', '')).toBe(wf);
    expect(renameCustomConnector(wf, 'erp', 'helpdesk')).toBe(wf);
    expect(renameCustomConnector(wf, 'nope', 'x')).toBe(wf);
  });

  it('edits label and description, and removes a connector while its connections keep the id', () => {
    const wf = supportWorkflow();
    const edited = updateCustomConnector(wf, 'erp', { label: 'ERP', description: 'Orders and stock' });
    expect(edited.connectors![0]).toMatchObject({ label: 'ERP', description: 'Orders and stock' });
    expect(connectionsUsingConnector(wf, 'erp')).toEqual(['Orders']);
    const removed = checked(removeCustomConnector(wf, 'erp'));
    expect(removed.connectors).toEqual([]);
    expect(conn(removed, 'orders').connector).toBe('erp');
    expect(removeCustomConnector(wf, 'nope')).toBe(wf);
  });

  it('adds, edits and removes actions', () => {
    const wf = supportWorkflow();
    const added = checked(addCustomAction(wf, 'erp'));
    expect(added.connectors![0].actions[2]).toEqual({ scope: 'erp.action1', label: '', effect: 'read', customerFacing: false, data: [] });
    const edited = updateCustomAction(added, 'erp', 2, { scope: 'erp.refund', effect: 'trigger', customerFacing: true, data: ['financial'] });
    expect(edited.connectors![0].actions[2]).toEqual({ scope: 'erp.refund', label: '', effect: 'trigger', customerFacing: true, data: ['financial'] });
    expect(removeCustomAction(edited, 'erp', 0).connectors![0].actions.map((a) => a.scope)).toEqual(['erp.orders.cancel', 'erp.refund']);
    expect(updateCustomAction(wf, 'erp', 9, { label: 'x' })).toEqual(wf);
  });

  it('checks action scopes and toggles data categories', () => {
    const cc = supportWorkflow().connectors![0];
    expect(actionScopeProblem(cc, 0, '')).toMatch(/empty/);
    expect(actionScopeProblem(cc, 0, 'erp orders')).toMatch(/spaces/);
    expect(actionScopeProblem(cc, 0, 'erp.*')).toMatch(/wildcard/);
    expect(actionScopeProblem(cc, 0, 'erp.orders.cancel')).toMatch(/already/);
    expect(actionScopeProblem(cc, 0, 'erp.orders.read')).toBeNull();
    expect(toggleCategory(['personal'], 'financial')).toEqual(['personal', 'financial']);
    expect(toggleCategory(['personal', 'financial'], 'personal')).toEqual(['financial']);
  });
});

describe('connection helpers', () => {
  it('adds a connection named after its connector, with a unique id', () => {
    const wf = supportWorkflow();
    const { workflow, id } = addConnectionFor(wf, { id: 'helpdesk', label: 'Help desk' });
    expect(id).toBe('helpdesk-1');
    expect(conn(workflow, id)).toEqual({ id, connector: 'helpdesk', label: 'Help desk', identity: '', grants: [], logging: false, maintainer: '', revocation: '' });
  });

  it('lists the steps that name a connection, by any field', () => {
    const wf = supportWorkflow();
    expect(stepsUsingConnection(wf, 'helpdesk')).toEqual(['New ticket', 'Classify', 'Reply']);
    expect(stepsUsingConnection(wf, 'kb')).toEqual(['Classify']);
    const esc = chooseConnection(wf, 'n6', 'kb');
    expect(stepsUsingConnection(esc, 'kb')).toEqual(['Classify', 'To billing']);
    expect(stepsUsingConnection(wf, 'none')).toEqual([]);
  });
});
