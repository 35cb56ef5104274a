// What a report exported from the app is made of: the document on the canvas and its analysis (as the
// app shows them), the latest batch of this workflow and whether it ran on this version, and every
// scenario rehearsed once in the backend (the same rehearsals as `flowgate report`).
import type { Api } from '../../../shared/api/contract';
import type { AnalysisResult } from '../../../shared/analysis/types';
import type { Workflow } from '../../../shared/model/schema';
import type { ReportInput } from '../../../shared/report/model';
import type { BatchResult } from '../../../shared/simulation/metrics-schema';
import { latestBatch } from './batch-freshness';
import { errorText } from '../../../shared/text';

export interface ReportSources {
  api: Api;
  workflow: Workflow;
  analysis: AnalysisResult;
  /** The app's version, for "Made with Flowgate x.y.z". */
  version: string | null;
  /** The date printed on the report (`2024-06-03`). */
  date: string;
}

export interface AssembledReport {
  input: ReportInput;
  /** Things the user should know that the report does not say (a batch record that could not be read). */
  warnings: string[];
}


/** Today in the computer's own time zone, as the report prints it. */
export function localDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export async function assembleReport({ api, workflow, analysis, version, date }: ReportSources): Promise<AssembledReport> {
  const warnings: string[] = [];
  // Independent, so asked together; neither failing stops the report, which then says what is missing.
  const [batch, scenarios] = await Promise.all([
    latestBatch(api, workflow).catch((e: unknown) => {
      warnings.push(`The batch history could not be read, so the report shows no batch: ${errorText(e)}`);
      return { latest: null, warnings: [] };
    }),
    api['report.scenarios']({ document: workflow }).catch((e: unknown) => ({ rehearsals: [], problem: `The scenarios could not be rehearsed: ${errorText(e)}` })),
  ]);
  warnings.push(...batch.warnings);
  return {
    input: {
      workflow,
      analysis,
      batch: (batch.latest?.record.result as BatchResult | undefined) ?? null,
      batchSinceLastEdit: batch.latest?.sameVersion ?? false,
      scenarios: scenarios.rehearsals,
      scenarioProblem: scenarios.problem,
      generatedAt: date,
      generator: version ? `Flowgate ${version}` : 'Flowgate',
    },
    warnings,
  };
}
