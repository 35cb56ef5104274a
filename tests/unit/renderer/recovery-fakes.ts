// An in-memory backend for the crash-recovery and file-watch tests: workflow files with mtimes and
// the backend's rule for "changed" (different bytes, not just a different mtime), the journal and
// the recent list. Other programs act on it through `external`.
import { expect, vi } from 'vitest';
import { ApiError, type Api, type Result } from '../../../shared/api/contract';
import { serializeWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { createController, type Platform } from '../../../renderer/src/app/controller';

type JournalRecord = { path: string | null; document: Workflow; savedAt: number | null; updatedAt: string };

export function fakeBackend() {
  const files = new Map<string, { text: string; mtimeMs: number }>();
  /** What the renderer was handed for each file: the bytes and every mtime they were seen under. */
  const known = new Map<string, { text: string; mtimes: number[] }>();
  const journal = new Map<string, JournalRecord>();
  const recent = new Set<string>();
  let clock = 1000;
  let journalFailure: string | null = null;

  const remember = (path: string, text: string, mtimeMs: number) => known.set(path, { text, mtimes: [mtimeMs] });
  const unchanged = (path: string, expected: number) => {
    const disk = files.get(path)!;
    if (disk.mtimeMs === expected) return true;
    const k = known.get(path);
    if (!k || !k.mtimes.includes(expected) || k.text !== disk.text) return false;
    k.mtimes.push(disk.mtimeMs);
    return true;
  };

  const raw = {
    'app.info': async () => ({ version: '0', mode: 'browser' as const, workspaceDir: '/ws', nativeDialogs: false, warnings: [] }),
    'workflow.open': vi.fn(async ({ path }: { path: string }) => {
      const f = files.get(path);
      if (!f) throw new ApiError('not-found', `${path} does not exist.`);
      remember(path, f.text, f.mtimeMs);
      recent.add(path);
      return { path, document: JSON.parse(f.text) as Workflow, mtimeMs: f.mtimeMs, warnings: [] };
    }),
    'workflow.save': vi.fn(async (p: { path: string; document: Workflow; expectedMtimeMs?: number | null; overwrite?: boolean }) => {
      if (files.has(p.path) && p.expectedMtimeMs != null && !p.overwrite && !unchanged(p.path, p.expectedMtimeMs)) {
        throw new ApiError('conflict', 'The file changed on disk since you opened it.');
      }
      const text = serializeWorkflow(p.document);
      const mtimeMs = ++clock;
      files.set(p.path, { text, mtimeMs });
      remember(p.path, text, mtimeMs);
      recent.add(p.path);
      return { path: p.path, mtimeMs };
    }),
    'workflow.stat': vi.fn(async (p: { path: string; expectedMtimeMs?: number | null }): Promise<Result<'workflow.stat'>> => {
      const expected = p.expectedMtimeMs ?? null;
      const f = files.get(p.path);
      if (!f) return { exists: false, mtimeMs: null, changed: expected !== null };
      return { exists: true, mtimeMs: f.mtimeMs, changed: expected !== null && !unchanged(p.path, expected) };
    }),
    'journal.write': vi.fn(async (p: { key: string; path: string | null; document: Workflow; savedAt?: number | null }) => {
      if (journalFailure) throw new ApiError('io', journalFailure);
      journal.set(p.key, { path: p.path, document: structuredClone(p.document), savedAt: p.savedAt ?? null, updatedAt: new Date(++clock).toISOString() });
      return {};
    }),
    'journal.discard': vi.fn(async ({ key }: { key: string }) => {
      journal.delete(key);
      return {};
    }),
    'journal.list': vi.fn(async (): Promise<Result<'journal.list'>> =>
      [...journal].map(([key, e]) => ({ key, path: e.path, name: e.document.name || 'Untitled workflow', updatedAt: e.updatedAt, savedAt: e.savedAt, document: structuredClone(e.document) })),
    ),
    'recent.list': vi.fn(async () => [...recent].map((path) => ({ path, name: path, openedAt: '2024-01-01T00:00:00Z', exists: files.has(path) }))),
    'recent.remove': vi.fn(async ({ path }: { path: string }) => {
      recent.delete(path);
      return {};
    }),
  };

  /** What other programs do to the files. */
  const external = {
    write(path: string, doc: Workflow) {
      files.set(path, { text: serializeWorkflow(doc), mtimeMs: ++clock });
    },
    /** A new mtime, the same bytes. */
    touch(path: string) {
      files.set(path, { ...files.get(path)!, mtimeMs: ++clock });
    },
    remove(path: string) {
      files.delete(path);
    },
    read(path: string): Workflow | undefined {
      const f = files.get(path);
      return f && (JSON.parse(f.text) as Workflow);
    },
    mtime: (path: string) => files.get(path)?.mtimeMs,
  };

  return {
    api: raw as unknown as Api,
    raw,
    journal,
    recent,
    external,
    failJournal(message: string | null) {
      journalFailure = message;
    },
  };
}

export function fakePlatform(): Platform {
  let n = 0;
  return {
    randomId: () => `id-${++n}`,
    download: () => {},
    writeClipboard: async () => true,
    readClipboard: async () => null,
    rememberPath: () => {},
    systemPrefersDark: () => false,
    rasterise: async () => new Blob([]),
    pickImportFile: () => {},
  };
}

/** A controller over the fake backend. Autosave is slow by default, so it does not mix into journal timings. */
export async function setup(opts: { autosaveMs?: number } = {}) {
  const backend = fakeBackend();
  const app = createController(backend.api, fakePlatform(), { autosaveMs: opts.autosaveMs ?? 600_000 });
  app.setInfo(await backend.api['app.info']({}));
  return { app, backend };
}

export type App = Awaited<ReturnType<typeof setup>>['app'];

/** Answers the next dialog the controller opens with `value`; resolves to that dialog (kind and fields). */
export function answer(app: App, value: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const unsub = app.ui.store.subscribe((s) => {
      if (!s.dialog) return;
      unsub();
      const { resolve: respond, ...shown } = s.dialog;
      (respond as (v: unknown) => void)(value);
      resolve(shown);
    });
  });
}

/** Waits for the next dialog without answering it. */
export function nextDialog(app: App): Promise<NonNullable<App['ui']['state']['dialog']>> {
  return new Promise((resolve) => {
    if (app.ui.state.dialog) return resolve(app.ui.state.dialog);
    const unsub = app.ui.store.subscribe((s) => {
      if (!s.dialog) return;
      unsub();
      resolve(s.dialog);
    });
  });
}

/** A workflow saved at `path` through the app, open and clean. */
export async function openSaved(app: App, backend: ReturnType<typeof fakeBackend>, path: string, name = 'Refund triage') {
  await app.newBlank();
  app.onPanelChange({ ...app.doc.workflow!, name });
  expect(await app.writeTo(path, { auto: true })).toBe(true);
  backend.raw['journal.write'].mockClear();
  backend.raw['journal.discard'].mockClear();
}

export const toasts = (app: App) => app.ui.state.toasts.map((t) => t.text);
