// Golden traces: every template × scenario is simulated the way `flowgate simulate --format json` does
// and compared byte for byte with tests/fixtures/traces/<template>/<scenario>.json.
// Regenerate with: UPDATE_GOLDEN=1 npx vitest run tests/unit/simulation/golden.test.ts
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { loadWorkflow } from '../../../shared/model/load';
import { parseSimulationSection } from '../../../shared/simulation/scenario';
import { simulateScenario } from '../../../shared/simulation/simulate';
import { traceToJson } from '../../../shared/simulation/trace';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TEMPLATES = join(ROOT, 'resources', 'templates');
const GOLDEN = join(ROOT, 'tests', 'fixtures', 'traces');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const datasets = loadSampleData();
const templates = readdirSync(TEMPLATES)
  .filter((f) => f.endsWith('.flowgate.json'))
  .sort()
  .map((f) => ({ name: f.replace(/\.flowgate\.json$/, ''), workflow: loadWorkflow(readFileSync(join(TEMPLATES, f), 'utf8')).workflow }));

describe('golden traces', () => {
  it('finds the shipped templates, each with scenarios', () => {
    expect(templates.map((t) => t.name)).toContain('support-ticket-triage');
    for (const t of templates) expect(parseSimulationSection(t.workflow.simulation).scenarios.length, t.name).toBeGreaterThan(0);
  });

  for (const { name, workflow } of templates) {
    const scenarios = parseSimulationSection(workflow.simulation).scenarios;
    describe(name, () => {
      for (const scenario of scenarios) {
        it(`scenario "${scenario.id}" gives the committed trace`, () => {
          const actual = traceToJson(simulateScenario(workflow, datasets, { scenarioId: scenario.id }));
          const file = join(GOLDEN, name, `${scenario.id}.json`);
          if (UPDATE) {
            mkdirSync(join(GOLDEN, name), { recursive: true });
            writeFileSync(file, actual);
            return;
          }
          expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/unit/simulation/golden.test.ts`).toBe(true);
          expect(actual).toBe(readFileSync(file, 'utf8'));
        });
      }

      it('has no golden file for a scenario that no longer exists', () => {
        const dir = join(GOLDEN, name);
        const wanted = new Set(scenarios.map((s) => `${s.id}.json`));
        const stale = existsSync(dir) ? readdirSync(dir).filter((f) => !wanted.has(f)) : [];
        if (UPDATE) for (const f of stale) rmSync(join(dir, f));
        else expect(stale).toEqual([]);
      });
    });
  }
});
