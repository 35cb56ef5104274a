// The export methods of the API (shared/api/export-contract.ts): a preview of what an export would
// write, with its warnings and the engine's own check, and the writing, which checks everything again.
import { basename, extname } from 'node:path';
import { ApiError, type Params, type Result } from '../../../shared/api/contract';
import { exportTarget } from '../../../shared/interchange/targets';
import { ExportError } from '../../../shared/interchange/types';
import type { Workflow } from '../../../shared/model/schema';
import { realFs, type AtomicFs } from '../atomic-write';
import { fsError } from '../errors';
import type { PathPolicy } from '../paths';
import { lintLine } from './engine-check';
import { exportFilePaths } from './export-paths';
import { analysisErrors, prepareExport } from './prepare-export';
import { writeExportFiles } from './write-export';

export interface ExportDeps {
  policy: PathPolicy;
  fs?: AtomicFs;
}

function targetOf(id: string) {
  const target = exportTarget(id);
  if (!target) throw new ApiError('bad-request', `Flowgate cannot export to "${id}".`, '$.target');
  return target;
}

export function exportHandlers({ policy, fs = realFs }: ExportDeps) {
  return {
    async 'export.preview'({ document, target, options, baseName }: Params<'export.preview'>): Promise<Result<'export.preview'>> {
      const wf = document as Workflow;
      targetOf(target);
      const errors = analysisErrors(wf);
      try {
        const { output, check } = await prepareExport(wf, target, { ...options, baseName });
        return {
          files: output.files.map((f) => ({ name: f.name, purpose: f.purpose, bytes: Buffer.byteLength(f.content, 'utf8') })),
          warnings: output.warnings.map((w) => ({ message: w.message, ...(w.nodeId ? { nodeId: w.nodeId } : {}) })),
          check,
          analysisErrors: errors,
          problem: null,
        };
      } catch (e) {
        if (!(e instanceof ExportError)) throw e;
        return { files: [], warnings: [], check: null, analysisErrors: errors, problem: { message: e.message, ...(e.where.nodeId ? { nodeId: e.where.nodeId } : {}) } };
      }
    },

    async 'export.write'({ document, target: id, options, path, force }: Params<'export.write'>): Promise<Result<'export.write'>> {
      const wf = document as Workflow;
      const target = targetOf(id);
      const errors = analysisErrors(wf);
      if (errors.length && !force) {
        throw new ApiError('bad-request', `Not exported: the analysis finds ${errors.length === 1 ? '1 error' : `${errors.length} errors`} in the workflow. Fix ${errors.length === 1 ? 'it' : 'them'} first, or choose to export anyway.`, '$.force');
      }
      let prepared;
      try {
        prepared = await prepareExport(wf, target.id, { ...options, baseName: basename(path, extname(path)) || 'workflow' });
      } catch (e) {
        if (e instanceof ExportError) throw new ApiError('bad-request', `Cannot be exported to ${target.label}: ${e.message}`);
        throw e;
      }
      const { output, check } = prepared;
      if (check?.errors.length) {
        throw new ApiError('internal', `Not exported: ${check.tool} finds errors in the export, a fault in Flowgate's exporter: ${check.errors.map(lintLine).join('; ')}`);
      }
      const [main, ...beside] = output.files;
      const paths = await exportFilePaths(policy, path, target.extension, beside.map((f) => f.name));
      try {
        await writeExportFiles({ file: main, path: paths.main }, beside.map((f, i) => ({ file: f, path: paths.beside[i] })), fs);
      } catch (e) {
        throw fsError(e, paths.main, 'write');
      }
      return {
        files: [{ name: main.name, path: paths.main }, ...beside.map((f, i) => ({ name: f.name, path: paths.beside[i] }))],
        warnings: output.warnings.length + (check?.warnings.length ?? 0),
      };
    },
  };
}
