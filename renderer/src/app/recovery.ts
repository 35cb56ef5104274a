// Crash recovery, reading side: at start, the sessions a crash or a kill left in the journal are
// offered for restoring. A restored workflow opens as unsaved, with the path and file version its
// edits started from, and takes over the entry, so the journal keeps protecting it.
import type { Api, Result } from '../../../shared/api/contract';
import { displayText } from '../../../shared/model/display-text';
import type { SessionStore } from '../store/session';
import type { RestoreEntry, UiStore } from '../store/ui';
import type { Journal } from './journal';
import { errorText } from '../../../shared/text';

export type JournalEntry = Result<'journal.list'>[number];

export interface RecoveryDeps {
  api: Api;
  ui: UiStore;
  session: SessionStore;
  journal: Journal;
  guardUnsaved(action: string): Promise<boolean>;
  /** Shows the entry's document as unsaved (path and mtime from the entry), under the entry's key. */
  showRestored(entry: JournalEntry): void;
}

export type Recovery = ReturnType<typeof createRecovery>;


export function createRecovery({ api, ui, session, journal, guardUnsaved, showRestored }: RecoveryDeps) {
  /**
   * What is left in the journal, minus the entries `liveElsewhere` names (sessions still open in
   * other tabs). An unreadable journal is reported, never fatal.
   */
  async function leftovers(liveElsewhere?: () => Promise<ReadonlySet<string>>): Promise<JournalEntry[]> {
    try {
      const entries = await api['journal.list']({});
      if (!entries.length || !liveElsewhere) return entries;
      const live = await liveElsewhere();
      return entries.filter((e) => !live.has(e.key));
    } catch (e) {
      ui.toast('warn', `Could not look for unsaved work from last time: ${errorText(e)}`);
      return [];
    }
  }

  /** Opens the entry as an unsaved document and says if its file moved on meanwhile. False when the user kept what was open. */
  async function restore(entry: JournalEntry): Promise<boolean> {
    if (!(await guardUnsaved('restore another workflow'))) return false;
    showRestored(entry);
    // Written at once under this session, so the desktop app knows this window owns the entry.
    await journal.write();
    if (!entry.path) return true;
    try {
      const disk = await api['workflow.stat']({ path: entry.path, expectedMtimeMs: entry.savedAt });
      if (session.state.path !== entry.path) return true;
      if (!disk.exists) {
        ui.toast('warn', 'The file is gone; Save writes it again');
      } else if (disk.changed) {
        // Autosave stays off: the first save asks before it replaces the newer file.
        session.setConflict(true);
        ui.toast('warn', 'The file changed on disk after these edits; saving will ask before overwriting');
      }
    } catch {
      // The watch on the open file checks again in a few seconds.
    }
    return true;
  }

  /** Asks about each entry until one is restored, all are discarded, or the user decides later. */
  async function offer(entries: readonly JournalEntry[]): Promise<void> {
    let left = [...entries];
    while (left.length) {
      const choice = await ui.ask({ kind: 'restore', entries: left.map(summary) });
      const entry = choice && left.find((e) => e.key === choice.key);
      if (!choice || !entry) return;
      if (choice.action === 'restore') {
        if (await restore(entry)) return;
        continue;
      }
      try {
        await api['journal.discard']({ key: entry.key });
        left = left.filter((e) => e !== entry);
      } catch (e) {
        ui.toast('error', `Could not discard the recovery copy of ${summary(entry).name}: ${errorText(e)}`);
      }
    }
  }

  return { leftovers, offer, restore };
}

function summary(e: JournalEntry): RestoreEntry {
  return { key: e.key, name: displayText(e.name, 80, 'Untitled workflow'), path: e.path, updatedAt: e.updatedAt };
}
