// What a batch can draw its items from, as the panel offers it: the workflow's scenarios, then the
// sample data sets that fit its intake (best first), then the others; and, before anything runs,
// whether the chosen inputs would start every item empty.
import { datasetFits, fits, intakeFieldsOf, type DatasetFit, type DatasetInfo } from '../../../shared/simulation/dataset-fit';
import { parseSimulationSection } from '../../../shared/simulation/scenario';
import type { Workflow } from '../../../shared/model/schema';
import { thousands } from '../../../shared/text';
import { datasetValue, SCENARIOS } from './form';

export interface InputOption {
  value: string;
  label: string;
}

export interface InputGroup {
  label: string | null;
  options: InputOption[];
}

export interface BatchInputs {
  groups: InputGroup[];
  /** What to choose when the user has not: the scenarios, else the best-fitting data set. */
  fallback: string;
  /** The data sets, best fit first. */
  fits: DatasetFit[];
  /** Scenarios of the workflow (null: its simulation section is not valid). */
  scenarios: { count: number; empty: number } | null;
}

function scenariosOf(wf: Workflow): { count: number; empty: number } | null {
  try {
    const list = parseSimulationSection(wf.simulation).scenarios;
    return { count: list.length, empty: list.filter((s) => Object.keys(s.input).length === 0).length };
  } catch {
    return null;
  }
}

function records(n: number): string {
  return `${thousands(n)} ${n === 1 ? 'record' : 'records'}`;
}

function fitText(f: DatasetFit, intakeFields: number): string {
  if (f.records === 0) return 'no records';
  if (f.readByIntake) return 'the intake reads it';
  if (!intakeFields) return records(f.records);
  return f.matched.length === intakeFields ? 'has every intake field' : `has ${f.matched.length} of the ${intakeFields} intake fields`;
}

export function batchInputs(wf: Workflow, intakeDataset: string | null, datasets: readonly DatasetInfo[] | null): BatchInputs {
  const scenarios = scenariosOf(wf);
  const list = datasetFits(wf, intakeDataset, datasets ?? []);
  const intakeFields = intakeFieldsOf(wf).length;
  const scenarioLabel =
    scenarios === null
      ? 'Scenarios (the simulation section is not valid)'
      : scenarios.count === 0
        ? 'No scenarios: every item would start empty'
        : `The ${scenarios.count === 1 ? 'scenario' : `${scenarios.count} scenarios`} of this workflow, in turn`;
  const option = (f: DatasetFit): InputOption => ({ value: datasetValue(f.name), label: `“${f.name}” · ${records(f.records)} · ${fitText(f, intakeFields)}` });
  const fitting = list.filter(fits);
  const others = list.filter((f) => !fits(f));
  const hasScenarios = !!scenarios && scenarios.count > 0;
  const groups: InputGroup[] = [
    ...(hasScenarios ? [{ label: null, options: [{ value: SCENARIOS, label: scenarioLabel }] }] : []),
    { label: 'Sample data that fits the intake', options: fitting.map(option) },
    { label: intakeFields || intakeDataset ? 'Other sample data' : 'Sample data', options: others.map(option) },
    ...(hasScenarios ? [] : [{ label: null, options: [{ value: SCENARIOS, label: scenarioLabel }] }]),
  ].filter((g) => g.options.length);
  const fallback = hasScenarios ? SCENARIOS : fitting.length ? datasetValue(fitting[0].name) : SCENARIOS;
  return { groups, fallback, fits: list, scenarios };
}

/**
 * Said before a batch runs when its inputs would start every item empty (or without any of the
 * intake's fields), with the data set to use instead when one fits; null when the inputs are fine.
 */
export function emptyInputsWarning(wf: Workflow, chosen: string, inputs: BatchInputs): { text: string; suggest: DatasetFit | null } | null {
  const best = inputs.fits.find(fits) ?? null;
  const suggest = best && datasetValue(best.name) !== chosen ? best : null;
  const use = suggest ? ` Use “${suggest.name}”, which ${suggest.readByIntake ? 'the intake reads from' : 'has the intake’s fields'}, or add a scenario.` : ' Add a scenario in Single run (Save as scenario…), or type an input there.';
  if (chosen === SCENARIOS) {
    const s = inputs.scenarios;
    if (!s || s.count === 0) return { text: `This workflow has no scenarios, so every item would start with an empty input: the intake finds nothing and most items end up escalated or stopped.${use}`, suggest };
    if (s.empty === s.count) return { text: `Every scenario of this workflow has an empty input, so every item would start empty.${use}`, suggest };
    return null;
  }
  const set = inputs.fits.find((f) => datasetValue(f.name) === chosen);
  if (!set) return null;
  if (set.records === 0) return { text: `The data set “${set.name}” has no records, so there is nothing to run.${use}`, suggest };
  if (!set.readByIntake && set.matched.length === 0 && intakeFieldsOf(wf).length > 0) {
    return { text: `The records of “${set.name}” have none of the intake’s fields (${intakeFieldsOf(wf).join(', ')}), so every item would start without them.${use}`, suggest };
  }
  if (!fits(set) && set.missing.length) {
    return { text: `The records of “${set.name}” lack most of the intake’s fields (${set.missing.join(', ')}), so items would start without them.${use}`, suggest };
  }
  return null;
}
