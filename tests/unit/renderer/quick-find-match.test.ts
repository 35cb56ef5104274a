// How quick find ranks what matches: every word must appear; the start of the name before the start of
// a word before the inside of a word before the extra words (a kind, an id).
import { describe, expect, it } from 'vitest';
import { foldText, matchRank, rankItems } from '../../../renderer/src/quick-find/match';

describe('matching a query', () => {
  it('needs every word, in any order, case and accents aside', () => {
    expect(matchRank('reply send', 'Send reply')).not.toBeNull();
    expect(matchRank('REPLY', 'Send réply')).not.toBeNull();
    expect(matchRank('reply fax', 'Send reply')).toBeNull();
    expect(matchRank('', 'anything')).toBe(0);
    expect(foldText('Ärger Éclair')).toBe('arger eclair');
  });

  it('ranks the start of the name first, then a word start, then inside a word, then the extra words', () => {
    const items = [
      { name: 'Re-send', extra: '' },
      { name: 'Human triage', extra: 'Escalation send' },
      { name: 'Resend', extra: '' },
      { name: 'Send reply', extra: '' },
    ];
    expect(rankItems(items, 'send', (i) => i.name, (i) => i.extra).map((i) => i.name)).toEqual(['Send reply', 'Re-send', 'Resend', 'Human triage']);
    expect(rankItems(items, 'send', (i) => i.name, (i) => i.extra, 2)).toHaveLength(2);
    // The extra words find only from the start of a word: "end" is not in "send".
    expect(matchRank('end', 'Integration', 'One action: read, update, send')).toBeNull();
    expect(matchRank('upd', 'Integration', 'One action: read, update, send')).toBe(3);
  });
});
