import { array, assert, property, stringMatching } from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CONNECTORS } from '../../../shared/connectors/catalog';
import { connectorsOf, findConnector, findConnectorAction, isGranted, isWildcard, resolveAction } from '../../../shared/connectors/lookup';
import type { Connection, CustomConnector } from '../../../shared/model/schema';

function connection(id: string, connector: string, grants: string[] = []): Connection {
  return { id, connector, label: `${id} label`, identity: '', grants, logging: true, maintainer: '', revocation: '' };
}

const erp: CustomConnector = {
  id: 'erp',
  label: 'Warehouse ERP',
  actions: [
    { scope: 'erp.orders.read', label: 'Read orders', effect: 'read', customerFacing: false, data: [] },
    { scope: 'erp.orders.cancel', label: 'Cancel an order', effect: 'delete', customerFacing: true, data: ['financial'] },
  ],
};
const impostor: CustomConnector = { id: 'helpdesk', label: 'Fake help desk', actions: [{ scope: 'x.y', label: '', effect: 'read', customerFacing: false, data: [] }] };

describe('isGranted', () => {
  it.each([
    [['tickets.read'], 'tickets.read', true],
    [['tickets.read'], 'tickets.reply', false],
    [['*'], 'billing.refunds.issue', true],
    [['tickets.*'], 'tickets.reply', true],
    [['crm.*'], 'crm.contacts.read', true],
    [['crm.contacts.*'], 'crm.contacts.read', true],
    [['crm.contacts.*'], 'crm.leads.read', false],
    [['tickets.*'], 'ticketsx.read', false],
    [['tickets'], 'tickets.read', false],
    [['tickets.*'], 'tickets', false],
    [['tickets*'], 'tickets.read', false],
    [[], 'tickets.read', false],
    [['kb.search', 'tickets.reply'], 'tickets.reply', true],
  ])('%j covers %s: %s', (grants, scope, expected) => {
    expect(isGranted(grants, scope)).toBe(expected);
  });

  const segment = stringMatching(/^[a-z_]{1,8}$/);
  const scope = array(segment, { minLength: 2, maxLength: 4 }).map((parts) => parts.join('.'));

  it('is covered by the scope itself, by *, and by prefix.* of every leading part', () => {
    assert(
      property(scope, (s) => {
        const parts = s.split('.');
        expect(isGranted([s], s)).toBe(true);
        expect(isGranted(['*'], s)).toBe(true);
        for (let i = 1; i < parts.length; i++) expect(isGranted([`${parts.slice(0, i).join('.')}.*`], s)).toBe(true);
      }),
    );
  });

  it('only ever grows when grants are added, and exact grants cover nothing else', () => {
    assert(
      property(array(scope, { maxLength: 5 }), array(scope, { maxLength: 5 }), scope, (a, b, s) => {
        if (isGranted(a, s)) expect(isGranted([...a, ...b], s)).toBe(true);
        expect(isGranted(a, s)).toBe(a.includes(s));
      }),
    );
  });
});

describe('isWildcard', () => {
  it('recognises exactly the patterns isGranted expands', () => {
    expect(isWildcard('*')).toBe(true);
    expect(isWildcard('tickets.*')).toBe(true);
    expect(isWildcard('crm.contacts.*')).toBe(true);
    expect(isWildcard('tickets.read')).toBe(false);
    expect(isWildcard('tickets*')).toBe(false);
  });
});

describe('connectorsOf and findConnector', () => {
  it('lists the built-ins, then the custom connectors of the file', () => {
    const list = connectorsOf({ connectors: [erp] });
    expect(list.slice(0, BUILTIN_CONNECTORS.length)).toEqual([...BUILTIN_CONNECTORS]);
    expect(list.at(-1)).toEqual({
      id: 'erp',
      label: 'Warehouse ERP',
      description: 'A connector defined in this workflow.',
      icon: expect.any(String),
      custom: true,
      actions: [
        { scope: 'erp.orders.read', label: 'Read orders', effect: 'read', customerFacing: false, data: [], description: undefined, inputs: undefined },
        { scope: 'erp.orders.cancel', label: 'Cancel an order', effect: 'delete', customerFacing: true, data: ['financial'], description: undefined, inputs: undefined },
      ],
    });
    expect(connectorsOf({})).toEqual([...BUILTIN_CONNECTORS]);
  });

  it('keeps a description written in the file', () => {
    const described = { ...erp, description: 'Orders and stock.' };
    expect(findConnector({ connectors: [described] }, 'erp')?.description).toBe('Orders and stock.');
  });

  it('lets a built-in win over a custom connector with the same id', () => {
    const wf = { connectors: [impostor, erp] };
    const list = connectorsOf(wf);
    expect(list.filter((c) => c.id === 'helpdesk')).toHaveLength(1);
    expect(findConnector(wf, 'helpdesk')).toBe(BUILTIN_CONNECTORS[0]);
    expect(findConnector(wf, 'erp')?.custom).toBe(true);
    expect(findConnector(wf, 'nope')).toBeUndefined();
  });

  it('follows edits of the custom connectors', () => {
    expect(findConnector({ connectors: [erp] }, 'erp')?.label).toBe('Warehouse ERP');
    expect(findConnector({ connectors: [{ ...erp, label: 'ERP' }] }, 'erp')?.label).toBe('ERP');
  });

  it('finds an action by scope', () => {
    const helpdesk = findConnector({}, 'helpdesk')!;
    expect(findConnectorAction(helpdesk, 'tickets.reply')).toMatchObject({ effect: 'send', customerFacing: true });
    expect(findConnectorAction(helpdesk, 'kb.search')).toBeUndefined();
  });
});

describe('resolveAction', () => {
  const wf = {
    connectors: [erp],
    connections: [connection('desk', 'helpdesk', ['tickets.read']), connection('warehouse', 'erp'), connection('legacy', 'fax-machine')],
  };

  it('resolves a built-in action to its connection, connector and action', () => {
    const r = resolveAction(wf, { connection: 'desk', action: 'tickets.reply' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.connection.id).toBe('desk');
    expect(r.connector.id).toBe('helpdesk');
    expect(r.action.scope).toBe('tickets.reply');
  });

  it('resolves a custom connector action', () => {
    const r = resolveAction(wf, { connection: 'warehouse', action: 'erp.orders.cancel' });
    expect(r.ok && r.action).toMatchObject({ effect: 'delete', customerFacing: true });
  });

  it('reports an unknown connection', () => {
    expect(resolveAction(wf, { connection: 'crm', action: 'crm.leads.read' })).toEqual({ ok: false, problem: 'unknown-connection', message: 'There is no connection called "crm".' });
    expect(resolveAction(wf, { connection: '', action: 'x' })).toMatchObject({ ok: false, problem: 'unknown-connection', message: 'No connection is chosen.' });
  });

  it('reports a connection whose connector is unknown', () => {
    const r = resolveAction(wf, { connection: 'legacy', action: 'fax.send' });
    expect(r).toMatchObject({ ok: false, problem: 'unknown-connector' });
    expect(!r.ok && r.message).toMatch(/"legacy label" uses a connector "fax-machine"/);
  });

  it('reports an action the connector does not have, including one of another connector', () => {
    expect(resolveAction(wf, { connection: 'desk', action: 'tickets.fly' })).toEqual({ ok: false, problem: 'unknown-action', message: 'Help desk has no action "tickets.fly".' });
    expect(resolveAction(wf, { connection: 'desk', action: 'kb.search' })).toMatchObject({ ok: false, problem: 'unknown-action' });
    expect(resolveAction(wf, { connection: 'desk', action: '' })).toMatchObject({ ok: false, problem: 'unknown-action', message: 'No action is chosen on "desk label".' });
  });
});
