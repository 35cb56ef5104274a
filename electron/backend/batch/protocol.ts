// Messages between the batch runner and its worker thread. Cancel is not a message: the worker runs
// items without yielding to its event loop, so the runner raises a flag in shared memory instead.
import type { ErrorCode } from '../../../shared/api/contract';
import type { Workflow } from '../../../shared/model/schema';
import type { BatchSettingsInput } from '../../../shared/simulation/batch-settings';
import type { BatchResult } from '../../../shared/simulation/metrics-schema';

export interface WorkerInput {
  document: Workflow;
  settings: BatchSettingsInput;
  /** Folder of the sample data sets (`<resources>/sample-data`). */
  sampleDataDir: string;
  /** Int32Array over it: index 0 becomes 1 when the batch is cancelled. */
  cancel: SharedArrayBuffer;
  /** Target wall-clock length of a slice of items between progress messages. */
  sliceMs: number;
}

/** A problem the batch refused to start with, with the JSON path in the settings or the document. */
export interface BatchFailure {
  message: string;
  path?: string;
  /** `bad-request` for bad settings or an unusable document, `io` for unreadable sample data, `internal` otherwise. */
  code: ErrorCode;
}

export type WorkerMessage =
  | { type: 'started'; total: number }
  | { type: 'progress'; done: number; total: number }
  | { type: 'finished'; result: BatchResult }
  | { type: 'failed'; failure: BatchFailure };
