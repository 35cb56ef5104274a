// The mock AI's gist and the knowledge-base search keep their answers by text (text.ts, store.ts): an
// answer is kept under everything it depends on, so asking again with another count, limit or system
// never gets an answer made for the first.
import { describe, expect, it } from 'vitest';
import type { DataRecord } from '../../../shared/simulation/datasets';
import { search } from '../../../shared/simulation/store';
import { firstSentences } from '../../../shared/simulation/text';

describe('kept gists', () => {
  it('answers each count of sentences for the same text, in either order', () => {
    const text = 'The order is late. It was paid on Monday. Please look into it.';
    expect(firstSentences(text, 1)).toBe('The order is late.');
    expect(firstSentences(text, 2)).toBe('The order is late. It was paid on Monday.');
    expect(firstSentences(text, 1)).toBe('The order is late.');
    const other = 'A refund was asked for. The item came broken.';
    expect(firstSentences(other, 2)).toBe('A refund was asked for. The item came broken.');
    expect(firstSentences(other, 1)).toBe('A refund was asked for.');
  });
});

describe('kept searches', () => {
  // Frozen, as the shared sample sets are: only those are kept (a run's own copy changes as it writes).
  const records: readonly DataRecord[] = Object.freeze([
    { id: 'KB-1', title: 'Refund policy', body: 'How a refund is paid back to the card.', system: 'help' },
    { id: 'KB-2', title: 'Refund steps for agents', body: 'Internal refund steps.', system: 'internal' },
    { id: 'KB-3', title: 'Refund of a gift card', body: 'A gift card refund goes to store credit.' },
    { id: 'KB-4', title: 'Password reset', body: 'Reset your password from the login page.' },
  ]);
  const ids = (hits: readonly { record: DataRecord }[]) => hits.map((h) => h.record.id);
  /** The same search without the cache: an unfrozen copy of the records is ranked afresh each time. */
  const fresh = (query: string, limit: number, system?: string) => ids(search([...records], query, limit, system));

  it('keeps each limit apart', () => {
    const wide = ids(search(records, 'refund', 10));
    expect(wide.length).toBeGreaterThan(1);
    expect(ids(search(records, 'refund', 1))).toEqual(fresh('refund', 1));
    expect(ids(search(records, 'refund', 1))).toHaveLength(1);
    expect(ids(search(records, 'refund', 10))).toEqual(wide);
  });

  it('keeps each system apart, and a system left out apart from an empty one', () => {
    for (const system of [undefined, '', 'help', 'internal', undefined, 'help', '']) {
      expect(ids(search(records, 'refund card', 10, system))).toEqual(fresh('refund card', 10, system));
    }
    expect(ids(search(records, 'refund card', 10, 'help'))).not.toContain('KB-2');
    expect(ids(search(records, 'refund card', 10, 'internal'))).not.toContain('KB-1');
    expect(ids(search(records, 'refund card', 10, ''))).toEqual(['KB-3']);
  });

  it('gives the same hits as a search without the cache, kept or not', () => {
    for (const query of ['password', 'refund', 'gift card refund', 'password']) {
      expect(ids(search(records, query, 3))).toEqual(fresh(query, 3));
    }
  });
});
