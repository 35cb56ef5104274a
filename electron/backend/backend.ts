// Creates the backend: every method of the API contract, over real files, with no Electron import,
// so the Electron main process and the browser-mode server run exactly the same code.
import { mkdir, stat } from 'node:fs/promises';
import type { Params, Result } from '../../shared/api/contract';
import { AiService } from './ai/service';
import { draftingService } from './ai/drafting-service';
import { atomicWriteUnlocked, realFs } from './atomic-write';
import { batchService } from './batch/service';
import { dialogHandlers } from './dialogs';
import { fsError } from './errors';
import { exportHandlers } from './interchange/export-handlers';
import { journalHandlers } from './journal';
import { LibraryStore } from './library-store';
import { pathLock } from './path-lock';
import { MAX_WORKSPACE_DEPTH, PathPolicy } from './paths';
import { reportHandlers } from './report';
import { simulationService } from './simulation/handlers';
import { removeStaleTemps } from './stale-temps';
import { getTemplate, listTemplates } from './templates';
import type { Backend, BackendOptions } from './types';
import { workflowFiles } from './workflow-files';
import { listWorkspace } from './workspace';

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const fs = options.fs ?? realFs;
  // Browser mode reads and writes only inside the workspace, so it must exist from the start.
  if (options.mode === 'browser') await mkdir(options.workspaceDir, { recursive: true });
  // Temp files of saves killed half-way (a crash, a kill -9) would otherwise pile up next to the files.
  await removeStaleTemps(options.workspaceDir, MAX_WORKSPACE_DEPTH);
  await removeStaleTemps(options.dataDir, 3);
  const { store: library, warnings } = await LibraryStore.open(options.dataDir, fs);
  const policy = new PathPolicy(options.mode, options.workspaceDir);
  if (options.onRecentChange) library.onRecentChange(options.onRecentChange);
  // The optional real model: AI steps marked `external` run on it when Settings choose it.
  const ai = await AiService.open({ dataDir: options.dataDir, secretStore: options.secretStore });
  const aiProviderFor = options.aiProviderFor ?? ((node, _workflow, run) => ai.providerFor(node, run));
  const newLedger = () => ai.newLedger();
  const simulation = simulationService({ dataDir: options.dataDir, resourcesDir: options.resourcesDir, fs, aiProviderFor, newLedger });
  // Drafting from a description runs on the same model and key, in the backend, in the background.
  const drafting = draftingService({ ai });
  const batches = batchService({ dataDir: options.dataDir, resourcesDir: options.resourcesDir, fs, ai: { settings: () => ai.settings, providerFor: aiProviderFor, newLedger } });

  return {
    async 'app.info'() {
      return {
        version: options.version,
        mode: options.mode,
        workspaceDir: options.workspaceDir,
        nativeDialogs: options.mode === 'desktop' && !!options.dialogs,
        warnings: [...warnings, ...ai.view().warnings],
      };
    },

    'templates.list': () => listTemplates(options.resourcesDir),
    'templates.get': ({ id }) => getTemplate(options.resourcesDir, id),

    ...workflowFiles({ policy, library, fs }),
    ...journalHandlers({ dataDir: options.dataDir, policy, fs }),
    ...simulation.handlers,
    ...batches.handlers,
    ...ai.handlers(),
    ...drafting.handlers,
    ...reportHandlers({ mode: options.mode, resourcesDir: options.resourcesDir, policy, fs, printPdf: options.printPdf }),
    ...exportHandlers({ policy, fs }),

    async 'file.writeText'(params: Params<'file.writeText'>): Promise<Result<'file.writeText'>> {
      // Queued on the path before the checks, so two quick exports land in call order.
      return pathLock.run(policy.lockKey(params.path), async () => {
        const file = await policy.exportPath(params.path);
        try {
          await atomicWriteUnlocked(file, params.content, { fs });
        } catch (e) {
          throw fsError(e, file, 'write');
        }
        return { path: file };
      });
    },

    'workspace.list': () => listWorkspace(options.workspaceDir),

    async 'recent.list'() {
      // `exists` is computed now, not stored: files come and go while Flowgate is closed.
      return Promise.all(
        library.recent().map(async (r) => ({
          path: r.path,
          name: r.name,
          openedAt: r.openedAt,
          exists: (await policy.allows(r.path)) && (await stat(r.path).then((s) => s.isFile(), () => false)),
        })),
      );
    },
    async 'recent.remove'({ path }) {
      await library.removeRecent(path);
      return {};
    },

    async 'settings.get'() {
      return library.settings();
    },
    async 'settings.update'(patch) {
      try {
        return await library.updateSettings(patch);
      } catch (e) {
        throw fsError(e, options.dataDir, 'save settings in');
      }
    },

    ...dialogHandlers(options.dialogs, policy),

    async close() {
      await simulation.close();
      await batches.close();
      await drafting.close();
      await pathLock.idle();
      await library.flush();
    },
  };
}
