// The sample data sets the mock connectors read: `<resourcesDir>/sample-data/*.json`, validated with
// the engine's own parser. Read once per backend; a folder that is missing means no sample data (reads
// find nothing, writes create records), a broken file is an error that names it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../../shared/api/contract';
import { parseJson } from '../../../shared/model/load';
import { dataSetsFrom, NO_DATA, parseDataSetFile, type DataRecord, type DataSets } from '../../../shared/simulation/datasets';
import { isNotFound } from '../errors';

export async function readSampleData(dir: string): Promise<DataSets> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    if (isNotFound(e)) return NO_DATA;
    throw new ApiError('io', `Could not read the sample data folder ${dir}: ${(e as Error).message}`);
  }
  const sets: Record<string, DataRecord[]> = {};
  for (const name of names) {
    const file = join(dir, name);
    try {
      const parsed = parseDataSetFile(parseJson(await readFile(file, 'utf8')));
      sets[parsed.name] = parsed.records as DataRecord[];
    } catch (e) {
      throw new ApiError('io', `The sample data file ${file} cannot be used: ${(e as Error).message}`);
    }
  }
  return dataSetsFrom(sets);
}

/** Loads the sample data on first use and keeps it; a failed load is tried again on the next call. */
export function sampleDataCache(dir: string): () => Promise<DataSets> {
  let loading: Promise<DataSets> | null = null;
  return () => {
    loading ??= readSampleData(dir).catch((e: unknown) => {
      loading = null;
      throw e;
    });
    return loading;
  };
}
