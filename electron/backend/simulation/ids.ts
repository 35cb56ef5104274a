// Names on disk for runs: a run id that sorts by start time, and the folder of a workflow's runs.
import { createHash, randomBytes } from 'node:crypto';

/** `20240603T090000123-a1b2c3`: the start time (UTC, to the millisecond) and a random suffix. */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '').replace('Z', '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
// Names Windows refuses as files or folders, whatever the extension.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * The folder name of a workflow's runs. Plain ids (UUIDs, template ids) are used as they are, so the
 * folder is easy to find; any other id becomes a hash, since it could hold separators or `..`.
 */
export function workflowFolderName(workflowId: string): string {
  if (PLAIN.test(workflowId) && !workflowId.includes('..') && !workflowId.endsWith('.') && !RESERVED.test(workflowId)) return workflowId;
  return `wf-${createHash('sha256').update(workflowId).digest('hex').slice(0, 32)}`;
}
