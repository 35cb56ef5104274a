// How a typed query matches a name: every word of the query must appear in the text, case and accents
// aside; a match at the start of the text ranks before one at the start of a word, which ranks before
// one inside a word. Small and predictable, so that what is typed finds what it says.

/** Lower case without accents: "Résumé" → "resume". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The rank of `text` for `query` (lower is better), or null when some word of the query is not in the
 * text (or at the start of a word of `extra`, words that also find it: a kind's name, a description,
 * where "end" should not find "send"). An empty query matches everything at rank 0.
 */
export function matchRank(query: string, text: string, extra = ''): number | null {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (!words.length) return 0;
  const main = foldText(text);
  const more = foldText(extra);
  let rank = 0;
  for (const w of words) {
    const at = main.indexOf(w);
    if (at === 0) continue;
    if (at > 0) {
      rank += /[\p{L}\p{N}]/u.test(main[at - 1]) ? 2 : 1;
      continue;
    }
    if (!startsWord(more, w)) return null;
    rank += 3;
  }
  return rank;
}

/** Whether `word` starts one of the words of `text`. */
function startsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1])) return true;
  }
  return false;
}

/** The items that match, best first, items of equal rank in their order; at most `limit`. */
export function rankItems<T>(items: readonly T[], query: string, textOf: (item: T) => string, extraOf: (item: T) => string = () => '', limit = Infinity): T[] {
  const ranked: { item: T; rank: number; i: number }[] = [];
  items.forEach((item, i) => {
    const rank = matchRank(query, textOf(item), extraOf(item));
    if (rank !== null) ranked.push({ item, rank, i });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.i - b.i);
  return ranked.slice(0, limit).map((r) => r.item);
}
