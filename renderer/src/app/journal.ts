// Crash recovery, writing side: while the open document has unsaved changes, a copy goes to the
// backend's journal every few seconds, so a crash or a kill loses at most those seconds. Each
// shown document gets its own key; saving or leaving the document discards the copy. Kept free of
// React and the DOM so the timing can be tested with fake timers.
import type { Api } from '../../../shared/api/contract';
import type { Workflow } from '../../../shared/model/schema';
import type { DocumentStore } from '../store/document';
import type { SessionStore } from '../store/session';
import type { UiStore } from '../store/ui';
import { errorText } from '../../../shared/text';

export const JOURNAL_MS = 3000;

export interface JournalDeps {
  api: Api;
  doc: DocumentStore;
  session: SessionStore;
  ui: UiStore;
  /** New journal keys; default: 128 random bits in hex (a valid key, unrelated to document ids). */
  randomId?(): string;
  intervalMs?: number;
}

function randomKey(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export type Journal = ReturnType<typeof createJournal>;

export function createJournal({ api, doc, session, ui, randomId = randomKey, intervalMs = JOURNAL_MS }: JournalDeps) {
  let key = randomId();
  /** The document object last written under `key` (documents are immutable: identity is enough). */
  let written: Workflow | null = null;
  /** Bumped when the copy is discarded, so a write that was in flight then does not count as current. */
  let epoch = 0;
  let writing: Promise<void> | null = null;
  /** One toast per run of failures, not one every few seconds. */
  let failureShown = false;
  let timer: ReturnType<typeof setInterval> | null = null;

  const discardKey = (k: string) =>
    // A copy that cannot be removed is offered once more at the next start; nothing to tell now.
    Promise.resolve()
      .then(() => api['journal.discard']({ key: k }))
      .catch((e: unknown) => console.warn(`Flowgate: could not remove the recovery copy ${k}: ${(e as Error).message}`));

  /** Writes the document now if it has unsaved changes not in the journal yet. */
  async function write(): Promise<void> {
    if (writing) return writing;
    const wf = doc.workflow;
    const s = session.state;
    if (!wf || !s.dirty || doc.dragging || wf === written) return;
    const k = key;
    const at = epoch;
    writing = (async () => {
      try {
        await api['journal.write']({ key: k, path: s.path, document: wf, savedAt: s.mtimeMs });
        if (at === epoch) written = wf;
        failureShown = false;
      } catch (e) {
        if (!failureShown) ui.toast('warn', `Could not keep a recovery copy: ${errorText(e)}`);
        failureShown = true;
      } finally {
        writing = null;
      }
    })();
    return writing;
  }

  return {
    get key() {
      return key;
    },
    write,
    /** Starts the periodic write (idempotent). */
    start() {
      if (timer === null) timer = setInterval(() => void write(), intervalMs);
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
    /**
     * The document is being replaced (its changes were saved or dropped): discard its copy and
     * start a new key, or take over `takeOver` (a restored entry, so its copy is the one kept).
     */
    leave(takeOver?: string) {
      void discardKey(key);
      key = takeOver ?? randomId();
      written = null;
      epoch++;
      failureShown = false;
    },
    /** The document was written to its file: the copy is no longer needed. */
    saved() {
      written = null;
      epoch++;
      void discardKey(key);
    },
  };
}
