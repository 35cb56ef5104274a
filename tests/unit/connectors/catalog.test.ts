import { describe, expect, it } from 'vitest';
import { BUILTIN_CONNECTORS, SAMPLE_DATASETS } from '../../../shared/connectors/catalog';
import { DATA_CATEGORIES, EFFECTS } from '../../../shared/connectors/types';

const actions = BUILTIN_CONNECTORS.flatMap((c) => c.actions.map((a) => ({ connector: c.id, ...a })));

describe('built-in connector catalog', () => {
  it('ships the connectors the design names, each with an id, label, description and icon', () => {
    expect(BUILTIN_CONNECTORS.length).toBeGreaterThanOrEqual(9);
    expect(BUILTIN_CONNECTORS.map((c) => c.id)).toEqual(
      expect.arrayContaining(['helpdesk', 'knowledge', 'email', 'crm', 'billing', 'chat', 'documents', 'spreadsheet', 'http']),
    );
    expect(BUILTIN_CONNECTORS[0].id).toBe('helpdesk');
    for (const c of BUILTIN_CONNECTORS) {
      expect(c.label.trim(), c.id).not.toBe('');
      expect(c.description.trim(), c.id).not.toBe('');
      expect(c.icon.trim(), c.id).not.toBe('');
      expect(c.custom, c.id).toBeFalsy();
      expect(c.actions.length, c.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('has unique connector ids and scopes unique across the whole catalog', () => {
    const ids = BUILTIN_CONNECTORS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const scopes = actions.map((a) => a.scope);
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it('writes scopes as <resource>.<verb>, with each resource prefix belonging to one connector', () => {
    const owner = new Map<string, string>();
    for (const a of actions) {
      expect(a.scope).toMatch(/^[a-z]+(\.[a-z_]+)+$/);
      const prefix = a.scope.split('.')[0];
      expect(owner.get(prefix) ?? a.connector, a.scope).toBe(a.connector);
      owner.set(prefix, a.connector);
    }
  });

  it('gives every action a label, a known effect, flags, a description and its inputs', () => {
    for (const a of actions) {
      expect(a.label.trim(), a.scope).not.toBe('');
      expect(EFFECTS, a.scope).toContain(a.effect);
      expect(typeof a.customerFacing, a.scope).toBe('boolean');
      for (const d of a.data) expect(DATA_CATEGORIES, a.scope).toContain(d);
      expect(new Set(a.data).size, a.scope).toBe(a.data.length);
      expect(a.description?.trim(), a.scope).toMatch(/^[A-Z].*\.$/);
      expect(a.inputs?.length, a.scope).toBeGreaterThan(0);
    }
  });

  it('makes every customer-facing action a send', () => {
    const facing = actions.filter((a) => a.customerFacing);
    expect(facing.map((a) => a.scope)).toEqual(expect.arrayContaining(['tickets.reply', 'email.send']));
    for (const a of facing) expect(a.effect, a.scope).toBe('send');
  });

  it('names a sample data set for every read, and only for reads', () => {
    for (const a of actions) {
      if (a.effect === 'read') expect(SAMPLE_DATASETS, a.scope).toContain(a.dataset);
      else expect(a.dataset, a.scope).toBeUndefined();
    }
    const used = new Set(actions.map((a) => a.dataset).filter(Boolean));
    expect([...used].sort()).toEqual([...SAMPLE_DATASETS].sort());
  });

  it('lets every connector be read, and covers every effect somewhere', () => {
    for (const c of BUILTIN_CONNECTORS) expect(c.actions.some((a) => a.effect === 'read'), c.id).toBe(true);
    expect(new Set(actions.map((a) => a.effect))).toEqual(new Set(EFFECTS));
  });

  it('marks the actions on money and access as sensitive', () => {
    const byScope = new Map(actions.map((a) => [a.scope, a]));
    expect(byScope.get('billing.refunds.issue')?.data).toContain('financial');
    expect(byScope.get('billing.invoices.approve')?.effect).toBe('approve');
    expect(byScope.get('chat.users.invite')?.data).toContain('security');
    expect(byScope.get('tickets.delete')?.effect).toBe('delete');
  });
});
