// The report methods of the API: the scenarios a report lists as rehearsed (run here, where the sample
// data is, exactly as `flowgate report` runs them) and, in the desktop app, the report as a PDF.
import { join } from 'node:path';
import { ApiError, type Params, type Result } from '../../shared/api/contract';
import type { Workflow } from '../../shared/model/schema';
import { rehearseScenarios } from '../../shared/report/scenarios';
import { atomicWriteUnlocked, realFs, type AtomicFs } from './atomic-write';
import { fsError } from './errors';
import { pathLock } from './path-lock';
import type { PathPolicy } from './paths';
import { sampleDataCache } from './simulation/sample-data';
import { errorText } from '../../shared/text';

export interface ReportDeps {
  mode: 'desktop' | 'browser';
  resourcesDir: string;
  policy: PathPolicy;
  fs?: AtomicFs;
  /** The desktop app's printer (a hidden window's printToPDF); absent in browser mode. */
  printPdf?: (html: string) => Promise<Uint8Array>;
}

/** The seed every rehearsal of a report uses, as the command line's default. */
export const REPORT_SEED = 1;

export function reportHandlers({ mode, resourcesDir, policy, fs = realFs, printPdf }: ReportDeps) {
  const datasets = sampleDataCache(join(resourcesDir, 'sample-data'));
  return {
    async 'report.scenarios'({ document }: Params<'report.scenarios'>): Promise<Result<'report.scenarios'>> {
      const wf = document as Workflow;
      const data = await datasets();
      try {
        return rehearseScenarios(wf, data, REPORT_SEED);
      } catch (e) {
        // A document half-way through an edit may trip the engine: the report says so instead of failing.
        return { rehearsals: [], problem: `The scenarios cannot be run: ${errorText(e)}` };
      }
    },

    async 'report.pdf'({ html, path }: Params<'report.pdf'>): Promise<Result<'report.pdf'>> {
      if (mode !== 'desktop' || !printPdf) {
        throw new ApiError('unavailable', 'PDF export is only available in the desktop app; export the report as HTML and use your browser’s Print instead.');
      }
      // Queued on the path before the checks, like file.writeText, so two quick exports land in call order.
      return pathLock.run(policy.lockKey(path), async () => {
        // Only a place the user picked in the save dialog (checked before the slow printing).
        const file = await policy.exportPath(path);
        let pdf: Uint8Array;
        try {
          pdf = await printPdf(html);
        } catch (e) {
          throw new ApiError('internal', `Flowgate could not make the PDF: ${errorText(e)}`);
        }
        try {
          await atomicWriteUnlocked(file, pdf, { fs });
        } catch (e) {
          throw fsError(e, file, 'write');
        }
        return { path: file, bytes: pdf.byteLength };
      });
    },
  };
}
