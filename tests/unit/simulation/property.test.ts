// Property: any workflow the loader accepts simulates without throwing, always terminates within the
// step limit, ends either at an end step or stopped with a reason, and is reproducible.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWorkflow } from '../../../shared/simulation/compile';
import { parseSimulationSection } from '../../../shared/simulation/scenario';
import { simulate } from '../../../shared/simulation/simulate';
import { traceToJson } from '../../../shared/simulation/trace';
import { testData } from './build';
import { docArb } from './random-workflow';

describe('simulating any workflow', () => {
  const data = testData();

  it('never throws, always ends within the step limit, and is reproducible', () => {
    fc.assert(
      fc.property(docArb, fc.integer(), fc.integer({ min: 1, max: 60 }), (workflow, seed, maxSteps) => {
        const section = parseSimulationSection(workflow.simulation);
        const options = { scenario: section.scenarios[0], reviewers: section.reviewers, seed, maxSteps, undecided: 'approve' as const };
        const compiled = compileWorkflow(workflow, data);
        const trace = simulate(compiled, options);
        expect(trace.steps).toBeLessThanOrEqual(maxSteps);
        expect(trace.path).toHaveLength(trace.steps);
        expect((trace.outcome === null) !== (trace.stopped === null)).toBe(true);
        if (trace.stopped !== null) expect(trace.stopCode).not.toBeNull();
        expect(Number.isFinite(trace.elapsedMs) && trace.elapsedMs >= 0).toBe(true);
        expect(traceToJson(simulate(compiled, options))).toBe(traceToJson(trace));
      }),
      { numRuns: 300 },
    );
  });
});
