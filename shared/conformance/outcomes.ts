// An outcome as logs write it ("Approved", "timed out", "FAILED") → the output handle it means.
// Handles are compared as they are first, so a decision rule's own id ("billing") matches too.

const SYNONYMS: Record<string, string> = {
  approve: 'approved',
  accept: 'approved',
  accepted: 'approved',
  yes: 'approved',
  reject: 'rejected',
  declined: 'rejected',
  decline: 'rejected',
  denied: 'rejected',
  deny: 'rejected',
  no: 'rejected',
  timed_out: 'timeout',
  time_out: 'timeout',
  expired: 'timeout',
  overdue: 'timeout',
  success: 'ok',
  succeeded: 'ok',
  successful: 'ok',
  done: 'ok',
  completed: 'ok',
  complete: 'ok',
  failed: 'error',
  failure: 'error',
  fail: 'error',
  unsure: 'low_confidence',
  uncertain: 'low_confidence',
  low: 'low_confidence',
  lowconfidence: 'low_confidence',
};

/** `Timed out` → `timed_out`. */
function underscored(text: string): string {
  return text.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** The handle among `handles` that the outcome names, or null when it names none of them. */
export function handleOfOutcome(outcome: string | undefined, handles: readonly string[]): string | null {
  if (outcome === undefined) return null;
  if (handles.includes(outcome)) return outcome;
  const word = underscored(outcome);
  const exact = handles.find((h) => h.toLowerCase() === word);
  if (exact !== undefined) return exact;
  const synonym = SYNONYMS[word];
  return synonym !== undefined && handles.includes(synonym) ? synonym : null;
}
