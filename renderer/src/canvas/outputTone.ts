// How an output reads: the happy path, a warning (low confidence, timeout) or a failure (error,
// rejected). A step tints the output's label and handle with it, and the link that leaves the output
// is drawn in the same tone, so the link says which way it goes without a label of its own.
export type OutputTone = 'ok' | 'warn' | 'danger' | 'plain';

const TONES: ReadonlyMap<string, OutputTone> = new Map([
  ['ok', 'ok'],
  ['approved', 'ok'],
  ['error', 'danger'],
  ['rejected', 'danger'],
  ['low_confidence', 'warn'],
  ['timeout', 'warn'],
]);

export function outputTone(handleId: string): OutputTone {
  return TONES.get(handleId) ?? 'plain';
}
