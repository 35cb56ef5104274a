// The sample log shipped for the support template: up to date with its script, and showing what it
// was made to show.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_LOG_DIR, supportSampleLog } from '../../../scripts/generate-sample-log';
import { conform } from '../../../shared/conformance/conform';
import { readLog } from '../../../shared/conformance/read';
import { SUPPORT, template } from './helpers';

describe('resources/sample-logs', () => {
  const generated = supportSampleLog();

  it('are up to date with their script (regenerate: npx tsx scripts/generate-sample-log.ts)', () => {
    expect(readFileSync(join(SAMPLE_LOG_DIR, 'support-ticket-triage.csv'), 'utf8')).toBe(generated.csv);
    expect(readFileSync(join(SAMPLE_LOG_DIR, 'support-ticket-triage.xes'), 'utf8')).toBe(generated.xes);
  });

  it('show the four deviations and the one approval violation put in, and nothing else', () => {
    const { result } = conform(template(SUPPORT), readLog(generated.csv, { fileName: 'support-ticket-triage.csv' }));
    expect(result.cases).toBe(200);
    expect(result.deviatingCases.map((c) => c.caseId)).toEqual(generated.injected.map((d) => d.caseId));
    expect(new Set(result.violations.map((v) => v.caseId))).toEqual(new Set([generated.injected.find((d) => d.kind === 'violation')!.caseId]));
    expect(result.unmappedActivities.map((u) => u.activity)).toEqual(['Call customer']);
    // Every path of the design shows up: escalations, rejections, timeouts, unsure AI answers.
    expect(result.handleCounts['n8']).toEqual({ approved: expect.any(Number), rejected: expect.any(Number), timeout: expect.any(Number) });
    expect(result.handleCounts['n3']).toEqual({ billing: expect.any(Number), else: expect.any(Number) });
    expect(result.handleCounts['n2'].low_confidence).toBeGreaterThan(0);
  });
});
