import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../shared/model/schema';
import { holds } from '../../../shared/simulation/conditions';
import { render, resolveValue } from '../../../shared/simulation/variables';

const c = (v: string, op: Condition['op'], value?: Condition['value']): Condition => ({ var: v, op, value });
const vars = { amount: '1,250.50', tier: 'Gold', tags: ['vip', 'new'], note: 'Please REFUND me', zero: 0, empty: '', customer: { email: 'ana@example.com', plan: 'Growth' } };

describe('decision conditions', () => {
  it('compares numbers written as text as numbers', () => {
    expect(holds(c('amount', 'gt', 1000), vars)).toBe(true);
    expect(holds(c('amount', 'lte', 1250.5), vars)).toBe(true);
    expect(holds(c('amount', 'lt', 1000), vars)).toBe(false);
    expect(holds(c('tier', 'gt', 1), vars)).toBe(false);
  });

  it('compares text without regard to case', () => {
    expect(holds(c('tier', 'eq', 'gold'), vars)).toBe(true);
    expect(holds(c('tier', 'neq', 'gold'), vars)).toBe(false);
    expect(holds(c('tier', 'in', ['Silver', 'GOLD']), vars)).toBe(true);
    expect(holds(c('note', 'contains', 'refund'), vars)).toBe(true);
    expect(holds(c('tags', 'contains', 'VIP'), vars)).toBe(true);
  });

  it('reads fields of records by dotted names', () => {
    expect(holds(c('customer.plan', 'eq', 'growth'), vars)).toBe(true);
    expect(holds(c('customer.missing', 'exists'), vars)).toBe(false);
  });

  it('exists means set and not empty; 0 is set', () => {
    expect(holds(c('zero', 'exists'), vars)).toBe(true);
    expect(holds(c('empty', 'exists'), vars)).toBe(false);
    expect(holds(c('nothing', 'exists'), vars)).toBe(false);
    expect(holds(c('nothing', 'eq', null), vars)).toBe(false);
  });
});

describe('templates', () => {
  it('fills placeholders, leaves unknown ones empty, and keeps a whole-value reference as it is', () => {
    expect(render('Hi {{ customer.email }}, {{missing}}tier {{tier}}', vars)).toBe('Hi ana@example.com, tier Gold');
    expect(resolveValue('{{customer}}', vars)).toBe(vars.customer);
    expect(resolveValue('{{tags}} and more', vars)).toBe('vip, new and more');
  });
});
