// Which sample data sets fit a workflow's intake, for a batch's inputs: the set the intake reads from
// fits best (an item names its record and the intake reads the rest), then the sets whose records
// carry most of the intake's fields. And whether the chosen inputs would start every item empty.
import type { Workflow } from '../model/schema';

/** A sample data set as `sim.datasets` lists it: its name, its records, the fields its records have. */
export interface DatasetInfo {
  name: string;
  records: number;
  fields: readonly string[];
}

export interface DatasetFit extends DatasetInfo {
  /** The intake reads its items from this set. */
  readByIntake: boolean;
  /** The intake's fields an item from this set has. */
  matched: string[];
  /** The intake's fields it lacks. */
  missing: string[];
}

/** The field an item from a set gets for its record's id when the intake reads another set ("customerId"). */
export function idFieldOf(dataset: string): string {
  return `${dataset.endsWith('s') ? dataset.slice(0, -1) : dataset}Id`;
}

/** The fields of an item drawn from a set the intake does not read: the record's, its id renamed. */
export function itemFieldsOf(dataset: string, recordFields: readonly string[]): string[] {
  return [...recordFields.filter((f) => f !== 'id'), idFieldOf(dataset)];
}

/** The fields the workflow's intake collects (its first intake's), in its order. */
export function intakeFieldsOf(wf: Workflow): string[] {
  const intake = wf.nodes.find((n) => n.kind === 'intake');
  const fields = (intake?.config as { fields?: unknown } | undefined)?.fields;
  return Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : [];
}

/**
 * The data sets, best fit first: the one the intake reads, then by how many of the intake's fields
 * their items have (ties keep their order). `intakeDataset` is the set the intake reads, if any.
 */
export function datasetFits(wf: Workflow, intakeDataset: string | null, datasets: readonly DatasetInfo[]): DatasetFit[] {
  const wanted = intakeFieldsOf(wf);
  const all = datasets.map((d) => {
    const readByIntake = d.name === intakeDataset;
    const has = new Set(readByIntake ? wanted : itemFieldsOf(d.name, d.fields));
    return { ...d, readByIntake, matched: wanted.filter((f) => has.has(f)), missing: wanted.filter((f) => !has.has(f)) };
  });
  const score = (f: DatasetFit) => (f.records === 0 ? -1 : f.readByIntake ? Number.MAX_SAFE_INTEGER : f.matched.length);
  return all.map((f, i) => ({ f, i })).sort((a, b) => score(b.f) - score(a.f) || a.i - b.i).map(({ f }) => f);
}

/** Whether a set fits: it has records, and the intake reads it or its items carry at least half of the intake's fields. */
export function fits(f: DatasetFit): boolean {
  const wanted = f.matched.length + f.missing.length;
  return f.records > 0 && (f.readByIntake || (f.matched.length > 0 && f.matched.length * 2 >= wanted));
}
