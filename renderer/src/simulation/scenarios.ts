// What a run can start from — the workflow's scenarios, a sample record of the system its intake reads
// from, or an input typed from scratch — and the sim.start call the panel's choices make.
import type { ApprovalMode } from '../../../shared/api/simulation-contract';
import type { Params, Result } from '../../../shared/api/contract';
import { displayText } from '../../../shared/model/display-text';
import type { Workflow } from '../../../shared/model/schema';
import { parseSimulationSection, SimulationSpecError, type Scenario } from '../../../shared/simulation/scenario';

export type Samples = Result<'sim.samples'>;

export interface SourceOption {
  /** `scenario:<id>`, `record:<id>` or `typed`. */
  value: string;
  label: string;
  group: 'scenario' | 'record' | 'typed';
  /** The workflow's scenario (group `scenario`). */
  scenario: Scenario | null;
  /** The input the option starts with, shown in the editor. */
  input: Record<string, unknown>;
}

export const TYPED = 'typed';

export interface Sources {
  options: SourceOption[];
  /** Why the workflow's simulation section cannot be used (its scenarios are then not offered). */
  problem: string | null;
}

export function sourcesOf(wf: Workflow, samples: Samples | null): Sources {
  const options: SourceOption[] = [];
  let problem: string | null = null;
  try {
    for (const s of parseSimulationSection(wf.simulation).scenarios) {
      options.push({ value: `scenario:${s.id}`, label: displayText(s.name || s.id, 80, s.id), group: 'scenario', scenario: s, input: s.input });
    }
  } catch (e) {
    problem = e instanceof SimulationSpecError ? `The simulation section is not valid: ${e.message}` : String(e);
  }
  if (samples?.idKey) {
    const key = samples.idKey;
    for (const r of samples.records) {
      options.push({ value: `record:${r.id}`, label: displayText(`${r.id} · ${r.label}`, 80, r.id), group: 'record', scenario: null, input: { [key]: r.id } });
    }
  }
  options.push({ value: TYPED, label: 'Type an input', group: 'typed', scenario: null, input: {} });
  return { options, problem };
}

export function inputText(input: Record<string, unknown>): string {
  return JSON.stringify(input, null, 2);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseInput(text: string): Parsed<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text.trim() || '{}');
  } catch (e) {
    return { ok: false, error: `The input is not valid JSON: ${(e as Error).message}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: 'The input must be a JSON object, like {"subject": "…"}.' };
  return { ok: true, value: value as Record<string, unknown> };
}

export function parseSeed(text: string): Parsed<number> {
  const t = text.trim();
  if (!t) return { ok: true, value: 1 };
  if (!/^-?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) return { ok: false, error: 'The seed must be a whole number.' };
  return { ok: true, value: Number(t) };
}

/**
 * The sim.start params for the panel's choices. A scenario of the workflow whose input was not
 * edited is sent by id; an edited one, a sample record or a typed input is sent inline.
 */
export function startParams(
  document: Workflow,
  option: SourceOption,
  text: string,
  seedText: string,
  approvals: ApprovalMode,
  samples: Samples | null,
): Parsed<Params<'sim.start'>> {
  const input = parseInput(text);
  if (!input.ok) return input;
  const seed = parseSeed(seedText);
  if (!seed.ok) return seed;
  const base = { document, seed: seed.value, approvals };
  if (option.group === 'scenario' && option.scenario) {
    const s = option.scenario;
    if (inputText(input.value) === inputText(s.input)) return { ok: true, value: { ...base, scenarioId: s.id } };
    return { ok: true, value: { ...base, scenario: { ...s, name: `${s.name || s.id} (edited)`, input: input.value } } };
  }
  if (option.group === 'record') {
    const id = option.value.slice('record:'.length);
    const dataset = samples?.dataset ?? 'record';
    const singular = dataset.endsWith('s') ? dataset.slice(0, -1) : dataset;
    return { ok: true, value: { ...base, scenario: { id, name: `Sample ${singular} ${id}`, input: input.value } } };
  }
  return { ok: true, value: { ...base, scenario: { id: 'typed', name: 'Typed input', input: input.value } } };
}
