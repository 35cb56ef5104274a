// Sample data sets the mock connectors read from. shared/ cannot read files, so whoever runs the
// simulation (CLI, backend) loads resources/sample-data/*.json and hands them over as a DataSets.
import { z } from 'zod';
import { jsonPath } from '../model/load';

/** One record of a sample data set; every record has a string id unique within its set. */
export type DataRecord = Readonly<Record<string, unknown>> & { readonly id: string };

export interface DataSets {
  /** The records of a data set, or undefined when there is no set of that name. Never modified by the engine. */
  get(name: string): readonly DataRecord[] | undefined;
}

/** Data sets held in memory; the records are frozen so that no run can change another's data. */
export function dataSetsFrom(sets: Readonly<Record<string, readonly DataRecord[]>>): DataSets {
  const map = new Map<string, readonly DataRecord[]>();
  for (const [name, records] of Object.entries(sets)) map.set(name, Object.freeze(records.map(deepFreeze)));
  return { get: (name) => map.get(name) };
}

/** No sample data at all: reads find nothing, writes create records. */
export const NO_DATA: DataSets = { get: () => undefined };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const recordSchema = z.looseObject({ id: z.string().min(1, 'must not be empty') });
export const dataSetFileSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().default(''),
  records: z.array(recordSchema),
});
export type DataSetFile = z.infer<typeof dataSetFileSchema>;

export class DataSetError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'DataSetError';
    this.path = path;
  }
}

/** Validates the parsed content of a `resources/sample-data/<name>.json` file. */
export function parseDataSetFile(value: unknown): DataSetFile {
  const parsed = dataSetFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataSetError(jsonPath(issue.path), issue.message);
  }
  const ids = new Set<string>();
  parsed.data.records.forEach((r, i) => {
    if (ids.has(r.id)) throw new DataSetError(jsonPath(['records', i, 'id']), `duplicate record id "${r.id}"`);
    ids.add(r.id);
  });
  return parsed.data;
}
