// The batch panel's settings form: what the user typed (text, so a half-typed number stays in its box)
// turned into batch settings, with each problem said next to its field. The backend checks the same
// settings with the same schema; checking here first keeps Start disabled until they would pass.
import { batchSettingsSchema, MAX_BATCH_RUNS, type BatchSettings, type BatchSettingsInput } from '../../../shared/simulation/batch-settings';
import { thousands } from '../../../shared/text';

export interface BatchForm {
  runs: string;
  seed: string;
  /** `scenarios`, or `dataset:<name>`; null until the panel picks the workflow's default. */
  inputs: string | null;
  /** Fault rates in per cent, as typed. */
  aiUnavailable: string;
  aiUnsure: string;
  connectorFailure: string;
  /** Minutes; empty for no SLA; null until the user types: the workflow's own SLA (`simulation.slaMinutes`). */
  sla: string | null;
}

export type FormField = keyof BatchForm;

export const DEFAULT_FORM: BatchForm = { runs: '1000', seed: '1', inputs: null, aiUnavailable: '0', aiUnsure: '0', connectorFailure: '0', sla: null };

export type FormResult = { ok: true; settings: BatchSettings } | { ok: false; errors: Partial<Record<FormField, string>> };

export const SCENARIOS = 'scenarios';
const DATASET = 'dataset:';

export function datasetValue(name: string): string {
  return `${DATASET}${name}`;
}

export function inputsOf(value: string): BatchSettings['inputs'] {
  return value.startsWith(DATASET) ? { from: 'dataset', dataset: value.slice(DATASET.length) } : { from: 'scenarios' };
}

export function inputsValue(inputs: BatchSettings['inputs']): string {
  return inputs.from === 'dataset' ? datasetValue(inputs.dataset) : SCENARIOS;
}

/** A number as typed: spaces and thousands separators allowed ("100 000", "1,000"); null when it is not one. */
function numberOf(text: string): number | null {
  const t = text.trim().replace(/[\s,_]/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return Number(t);
}

function wholeNumber(text: string, min: number, max: number, what: string): number | string {
  const n = numberOf(text);
  if (n === null || !Number.isInteger(n) || n < min || n > max) return `${what} must be a whole number from ${thousands(min)} to ${thousands(max)}.`;
  return n;
}

function percentOf(text: string, what: string): number | string {
  if (!text.trim()) return 0;
  const n = numberOf(text.replace(/%\s*$/, ''));
  if (n === null || n < 0 || n > 100) return `${what} must be a share from 0 to 100 %.`;
  // Per cent to a fraction, without 0.07 turning into 0.07000000000000001.
  return Math.round(n * 1e6) / 1e8;
}

/** What the SLA box shows: what the user typed, else the workflow's SLA (empty for none). */
export function slaText(form: BatchForm, workflowSla: number | null): string {
  return form.sla ?? (workflowSla === null ? '' : String(workflowSla));
}

/** The settings the form describes, or why each field cannot be used. `workflowSla` fills an SLA the user has not typed. */
export function settingsFromForm(form: BatchForm, workflowSla: number | null = null): FormResult {
  const errors: Partial<Record<FormField, string>> = {};
  const runs = wholeNumber(form.runs, 1, MAX_BATCH_RUNS, 'Items');
  // As in a single run: any whole number, 1 when left empty.
  const seedNumber = form.seed.trim() ? numberOf(form.seed) : 1;
  const seed = seedNumber !== null && Number.isSafeInteger(seedNumber) ? seedNumber : 'The seed must be a whole number.';
  const aiUnavailable = percentOf(form.aiUnavailable, 'AI unavailable');
  const aiUnsure = percentOf(form.aiUnsure, 'AI unsure');
  const connectorFailure = percentOf(form.connectorFailure, 'Connector failure');
  let slaMinutes: number | null | string = null;
  const sla = slaText(form, workflowSla);
  if (sla.trim()) {
    const n = numberOf(sla);
    slaMinutes = n === null || n <= 0 ? 'The SLA must be a number of minutes above 0, or empty for none.' : n;
  }
  const fields = { runs, seed, aiUnavailable, aiUnsure, connectorFailure, sla: slaMinutes };
  for (const [key, v] of Object.entries(fields)) if (typeof v === 'string') errors[key as FormField] = v;
  if (typeof aiUnavailable === 'number' && typeof aiUnsure === 'number' && aiUnavailable + aiUnsure > 1) {
    errors.aiUnsure = 'AI unavailable and AI unsure together cannot be more than 100 %.';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const settings: BatchSettingsInput = {
    runs: runs as number,
    seed: seed as number,
    inputs: inputsOf(form.inputs ?? SCENARIOS),
    faults: { aiUnavailable: aiUnavailable as number, aiUnsure: aiUnsure as number, connectorFailure: connectorFailure as number },
    slaMinutes: slaMinutes as number | null,
  };
  // The backend's own schema has the last word (a refusal here would be a gap in the checks above),
  // and fills in what the history will keep.
  const checked = batchSettingsSchema.safeParse(settings);
  if (!checked.success) return { ok: false, errors: { runs: checked.error.issues[0].message } };
  return { ok: true, settings: checked.data };
}

function percentText(fraction: number): string {
  return String(Math.round(fraction * 1e8) / 1e6);
}

/** The form filled in from a batch's settings (Run again, or a batch reopened from the history). */
export function formFromSettings(settings: BatchSettings): BatchForm {
  return {
    runs: String(settings.runs),
    seed: String(settings.seed),
    inputs: inputsValue(settings.inputs),
    aiUnavailable: percentText(settings.faults.aiUnavailable),
    aiUnsure: percentText(settings.faults.aiUnsure),
    connectorFailure: percentText(settings.faults.connectorFailure),
    sla: settings.slaMinutes === null ? '' : String(settings.slaMinutes),
  };
}
