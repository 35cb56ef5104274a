// Which column (CSV) or attribute (XES) holds which field of an event: the names common exports use,
// compared without regard to case, spaces and punctuation (`Case ID`, `case_id` and `case:id` are one).

export const FIELD_NAMES = ['caseId', 'activity', 'time', 'start', 'resource', 'outcome', 'lifecycle'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** What a field is called in messages. */
export const FIELD_WORDS: Record<FieldName, string> = {
  caseId: 'case id',
  activity: 'activity',
  time: 'timestamp',
  start: 'start time',
  resource: 'resource',
  outcome: 'outcome',
  lifecycle: 'lifecycle',
};

/** The command-line flag that names a field's column. */
export const FIELD_FLAGS: Record<FieldName, string> = {
  caseId: '--case-column',
  activity: '--activity-column',
  time: '--time-column',
  start: '--start-column',
  resource: '--resource-column',
  outcome: '--outcome-column',
  lifecycle: '--lifecycle-column',
};

// In order of preference; compared after normalise(). XES standard keys come first.
const CANDIDATES: Record<FieldName, readonly string[]> = {
  caseId: ['case:concept:name', 'case_id', 'case', 'case id', 'case number', 'case key', 'trace id', 'process instance', 'instance id', 'ticket id', 'ticket number', 'ticket'],
  activity: ['concept:name', 'activity', 'activity name', 'event name', 'event', 'task', 'task name', 'step', 'step name', 'action'],
  time: ['time:timestamp', 'timestamp', 'complete timestamp', 'end timestamp', 'end time', 'completed at', 'time', 'date time', 'datetime', 'date', 'event time'],
  start: ['start timestamp', 'start time', 'started at', 'start'],
  resource: ['org:resource', 'resource', 'user', 'user name', 'agent', 'performer', 'actor', 'employee', 'assignee'],
  outcome: ['outcome', 'result', 'decision'],
  lifecycle: ['lifecycle:transition', 'lifecycle', 'transition'],
};

/** `Case ID` → `caseid`: lower case, letters and digits only. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const NORMALISED: Record<FieldName, string[]> = Object.fromEntries(
  FIELD_NAMES.map((f) => [f, CANDIDATES[f].map(normaliseName)]),
) as Record<FieldName, string[]>;

/**
 * Index of the column for each field: the one named (exact, then without regard to case), else the
 * first common name present. A column serves one field only. Names that match no column are returned
 * in `missing` so the caller can say which.
 */
export function guessFields(headers: readonly string[], named: Partial<Record<FieldName, string>> = {}): { index: Partial<Record<FieldName, number>>; missing: FieldName[] } {
  const index: Partial<Record<FieldName, number>> = {};
  const used = new Set<number>();
  const missing: FieldName[] = [];
  for (const field of FIELD_NAMES) {
    const wanted = named[field];
    if (wanted === undefined) continue;
    let at = headers.indexOf(wanted);
    if (at === -1) at = headers.findIndex((h) => h.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (at === -1) missing.push(field);
    else {
      index[field] = at;
      used.add(at);
    }
  }
  const normalised = headers.map(normaliseName);
  for (const field of FIELD_NAMES) {
    if (named[field] !== undefined) continue;
    for (const candidate of NORMALISED[field]) {
      const at = normalised.findIndex((h, i) => h === candidate && !used.has(i));
      if (at !== -1) {
        index[field] = at;
        used.add(at);
        break;
      }
    }
  }
  return { index, missing };
}

/** Whether an XES attribute key is a common name of the field (`outcome`, `result`…). */
export function isFieldName(field: FieldName, key: string): boolean {
  return NORMALISED[field].includes(normaliseName(key));
}
