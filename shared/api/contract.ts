// The API contract: every method the renderer may call, with the zod schema of its params and result.
// Both transports (Electron IPC and the browser-mode HTTP server) validate every call against it.
import { z } from 'zod';
import { wasLoaded } from '../model/load';
import { workflowSchema, type Workflow } from '../model/schema';
import { simulationContract } from './simulation-contract';
import { aiContract } from './ai-contract';
import { batchContract } from './batch-contract';
import { reportContract } from './report-contract';
import { draftingContract } from './drafting-contract';
import { exportContract } from './export-contract';

const filePath = z.string().min(1).max(4096);
/**
 * A document in a result: one the loader made in this call is already the schema's output (see
 * wasLoaded) and passes as it is; any other is parsed in full.
 */
const loadedDocument = z.union([z.custom<Workflow>((value) => wasLoaded(value)), workflowSchema]);
const fileEntry = z.object({ path: filePath, name: z.string(), mtimeMs: z.number() });
const recentEntry = z.object({ path: filePath, name: z.string(), openedAt: z.string(), exists: z.boolean() });
export const THEMES = ['light', 'dark', 'system'] as const;
const settings = z.object({ theme: z.enum(THEMES) });

const none = z.object({}).strict();
/** Names a journal entry; it becomes a file name, so only plain characters are allowed. */
export const JOURNAL_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const journalKey = z.string().regex(JOURNAL_KEY, 'must be 1 to 128 letters, digits, "-" or "_"');

export const contract = {
  'app.info': {
    params: none,
    result: z.object({
      version: z.string(),
      mode: z.enum(['desktop', 'browser']),
      /** Folder where browser mode keeps workflows; desktop mode: the default folder of dialogs. */
      workspaceDir: z.string(),
      /** Desktop mode has native open/save dialogs; browser mode picks files in the workspace. */
      nativeDialogs: z.boolean(),
      /** Warnings from startup, such as a corrupt store that was set aside. */
      warnings: z.array(z.string()),
    }),
  },
  'templates.list': {
    params: none,
    result: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
  },
  'templates.get': { params: z.object({ id: z.string().min(1).max(200) }).strict(), result: workflowSchema },
  'workflow.open': {
    params: z.object({ path: filePath }).strict(),
    result: z.object({ path: filePath, document: loadedDocument, mtimeMs: z.number(), warnings: z.array(z.string()) }),
  },
  'workflow.save': {
    params: z
      .object({
        path: filePath,
        document: workflowSchema,
        /** The mtime the renderer last saw; a different one on disk means someone else changed the file. */
        expectedMtimeMs: z.number().nullable().optional(),
        /** Save even when the file changed on disk since it was opened. */
        overwrite: z.boolean().optional(),
      })
      .strict(),
    result: z.object({ path: filePath, mtimeMs: z.number() }),
  },
  /** Writes a text export (JSON, SVG, Markdown…) to a path the user chose. */
  'file.writeText': {
    params: z.object({ path: filePath, content: z.string().max(50 * 1024 * 1024) }).strict(),
    result: z.object({ path: filePath }),
  },
  'workspace.list': { params: none, result: z.array(fileEntry) },
  'recent.list': { params: none, result: z.array(recentEntry) },
  'recent.remove': { params: z.object({ path: filePath }).strict(), result: z.object({}) },
  'settings.get': { params: none, result: settings },
  'settings.update': { params: settings.partial().strict(), result: settings },
  /** Desktop only: native dialogs. Browser mode answers `unavailable`. */
  'dialog.openFile': { params: none, result: z.object({ path: filePath.nullable() }) },
  'dialog.saveFile': {
    params: z.object({ suggestedName: z.string().max(255), kind: z.enum(['workflow', 'json', 'svg', 'png', 'markdown', 'html', 'pdf', 'bpmn']) }).strict(),
    result: z.object({ path: filePath.nullable() }),
  },
  /**
   * Whether a workflow file changed on disk. The renderer asks on window focus and every few
   * seconds while a file is open. `changed` compares with the version the caller has
   * (`expectedMtimeMs`, as workflow.open/save returned it): a different mtime with the same bytes
   * (a `touch`, a sync tool rewriting the file unchanged) is not a change.
   */
  'workflow.stat': {
    params: z.object({ path: filePath, expectedMtimeMs: z.number().nullable().optional() }).strict(),
    result: z.object({ exists: z.boolean(), mtimeMs: z.number().nullable(), changed: z.boolean() }),
  },
  /**
   * Crash recovery: the unsaved state of one open editor session, kept in the user-data folder
   * until it is saved or discarded. `savedAt` is the mtime of the file version the edits started
   * from (what workflow.open/save returned), null for a workflow never saved.
   */
  'journal.write': {
    params: z
      .object({ key: journalKey, path: filePath.nullable(), document: workflowSchema, savedAt: z.number().nullable().optional() })
      .strict(),
    result: z.object({}),
  },
  'journal.discard': { params: z.object({ key: journalKey }).strict(), result: z.object({}) },
  /** Sessions left behind by a crash or a kill, newest first; corrupt entries are set aside, never listed. */
  'journal.list': {
    params: none,
    result: z.array(
      z.object({
        key: journalKey,
        path: filePath.nullable(),
        name: z.string(),
        /** When the entry was last written (ISO 8601). */
        updatedAt: z.string(),
        savedAt: z.number().nullable(),
        document: workflowSchema,
      }),
    ),
  },
  /** Simulation runs and their history (simulation-contract.ts). */
  ...simulationContract,
  /** The optional real AI provider's settings and connection test (ai-contract.ts). */
  ...aiContract,
  /** Batches in the backend and their history (batch-contract.ts). */
  ...batchContract,
  /** The scenarios a report lists and the desktop app's PDF of a report (report-contract.ts). */
  ...reportContract,
  /** Drafting a workflow from a description on the configured model (drafting-contract.ts). */
  ...draftingContract,
  /** Exports to other engines: Camunda 8 (BPMN) and n8n (export-contract.ts). */
  ...exportContract,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Params<M extends Method> = z.input<Contract[M]['params']>;
export type Result<M extends Method> = z.output<Contract[M]['result']>;

export const ERROR_CODES = ['bad-request', 'not-found', 'invalid-workflow', 'conflict', 'io', 'unavailable', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  /** JSON path inside a workflow document, for `invalid-workflow` and `bad-request`. */
  path?: string;
}

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ApiErrorShape };

/** An error that crosses the transport intact. */
export class ApiError extends Error implements ApiErrorShape {
  readonly code: ErrorCode;
  readonly path?: string;
  constructor(code: ErrorCode, message: string, path?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.path = path;
  }
}

/** The backend as a typed object: what a transport calls and what the renderer's client exposes. */
export type Api = { [M in Method]: (params: Params<M>) => Promise<Result<M>> };

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
