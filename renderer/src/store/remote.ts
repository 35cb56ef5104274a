// What the panels that follow the backend share (the simulation store, the batch store): a guard that
// drops answers which arrive after the panel moved on, one timer at a time, and a workflow's list
// (run history, batch history) loaded once per workflow.
import { errorText } from '../../../shared/text';

/**
 * Answers that arrive after the panel moved on (another run started, another document opened) are
 * dropped: a request takes a ticket, and only an answer with the latest ticket is used.
 */
export function createStaleGuard() {
  let latest = 0;
  return {
    /** A new ticket; every ticket handed out before is stale from now on. */
    take(): number {
      return ++latest;
    },
    /** The latest ticket, for a request that continues what is shown rather than replacing it. */
    get current(): number {
      return latest;
    },
    isCurrent(ticket: number): boolean {
      return ticket === latest;
    },
    /** Makes every ticket handed out stale (the panel was cleared, another document opened). */
    invalidate(): void {
      latest++;
    },
  };
}

export type Schedule = (fn: () => void, ms: number) => unknown;
export type Unschedule = (handle: unknown) => void;

/** One pending timer at most: starting it again replaces the one pending. Tests pass their own clock. */
export function createTimer(schedule: Schedule = (fn, ms) => setTimeout(fn, ms), unschedule: Unschedule = (h) => clearTimeout(h as ReturnType<typeof setTimeout>)) {
  let handle: unknown = null;
  return {
    start(fn: () => void, ms: number): void {
      if (handle !== null) unschedule(handle);
      handle = schedule(() => {
        handle = null;
        fn();
      }, ms);
    },
    stop(): void {
      if (handle !== null) unschedule(handle);
      handle = null;
    },
  };
}

export interface RemoteListOptions<T> {
  /** The workflow whose list is wanted: the open one, or undefined with none open. */
  workflowId(): string | undefined;
  /** The workflow whose list the store holds now. */
  loadedFor(): string | null;
  fetch(workflowId: string): Promise<{ items: T[]; warnings: string[] }>;
  /** What the list is, for the warning when it cannot be read: "run history". */
  name: string;
  /** Puts what came back into the store: the items (absent when the list could not be read) and the warnings. */
  set(result: { workflowId: string; items?: T[]; warnings: string[] }): void;
}

/**
 * A workflow's list from the backend: loaded again only when the open workflow changed (or when
 * forced, after a run or a batch finished); an answer for a workflow no longer open is dropped; a list
 * that cannot be read becomes a warning, never an error that hides the panel.
 */
export function remoteList<T>(options: RemoteListOptions<T>): (force?: boolean) => Promise<void> {
  return async (force = false) => {
    const workflowId = options.workflowId();
    if (workflowId === undefined || (!force && options.loadedFor() === workflowId)) return;
    try {
      const { items, warnings } = await options.fetch(workflowId);
      if (options.workflowId() !== workflowId) return;
      options.set({ workflowId, items, warnings });
    } catch (e) {
      options.set({ workflowId, warnings: [`The ${options.name} cannot be read: ${errorText(e)}`] });
    }
  };
}
