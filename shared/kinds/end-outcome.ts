// An end step's outcome from its name, where the name makes it obvious: "Refund rejected" ends as
// rejected, "Escalated to billing" as escalated, "Resolved" as resolved. A name that says nothing
// clear ("End", "Done and rejected") gives no outcome, and the inspector asks for one.

/** The outcomes the inspector offers first, in that order. */
export const COMMON_OUTCOMES = ['resolved', 'rejected', 'escalated', 'stopped', 'cancelled'] as const;

/** What a run records when it reaches an end whose outcome was never chosen. */
export const NO_OUTCOME = 'no outcome chosen';

const SIGNS: readonly { outcome: (typeof COMMON_OUTCOMES)[number]; words: RegExp }[] = [
  { outcome: 'rejected', words: /\b(reject(s|ed|ion)?|declined?|denied|deny|refused?|turned down)\b/ },
  { outcome: 'cancelled', words: /\b(cancel(s|led|ed)?|withdrawn)\b/ },
  { outcome: 'stopped', words: /\b(stop(s|ped)?|abort(s|ed)?|abandoned|timed out|expired|gave up)\b/ },
  { outcome: 'escalated', words: /\b(escalat(e|es|ed|ion)|hand(ed)?[ -]?(off|over)|handoff|handled by (a |an )?(person|human|agent|team)|to (a |an )?(person|human|agent)|manual(ly)?( review| handling)?)\b/ },
  { outcome: 'resolved', words: /\b(resolved?|done|completed?|closed|finished|answered|succe(ss|eded|ssful)|approved|sent|paid|fulfilled|onboarded|delivered)\b/ },
];

/** The outcome a step's name makes obvious, or null when it names none or several. */
export function outcomeFromLabel(label: string): string | null {
  const text = label.toLowerCase();
  const found = new Set(SIGNS.filter((s) => s.words.test(text)).map((s) => s.outcome));
  // "Done, but the refund was rejected": the refusal says more than "done".
  if (found.size === 2 && found.has('resolved')) found.delete('resolved');
  return found.size === 1 ? [...found][0] : null;
}

/**
 * An end step's outcome after its name changed from `before` to `after`: it follows the name while it
 * is unset or still what the old name implied, and stays as chosen otherwise (or when the new name
 * implies nothing).
 */
export function outcomeAfterRename(outcome: string, before: string, after: string): string {
  const following = !outcome.trim() || outcome === outcomeFromLabel(before);
  if (!following) return outcome;
  return outcomeFromLabel(after) ?? outcome;
}
