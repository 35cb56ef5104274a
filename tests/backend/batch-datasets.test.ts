// sim.datasets: the sample data sets a batch can draw its items from, as the batch panel lists them.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../cli/commands/simulate';
import { makeBackend, tempDir } from './helpers';

const RESOURCES = fileURLToPath(new URL('../../resources/', import.meta.url));

describe('sim.datasets', () => {
  it('lists every sample data set by name with its number of records', async () => {
    const fg = await makeBackend({ resourcesDir: RESOURCES });
    const { datasets } = await fg.ok('sim.datasets', {});
    const files = (await readdir(join(RESOURCES, 'sample-data'))).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).sort();
    expect(datasets.map((d) => d.name)).toEqual(files);
    const sample = loadSampleData();
    for (const d of datasets) {
      expect(d.records).toBe(sample.get(d.name)!.length);
      // Every field the records have, each once.
      const fields = new Set(sample.get(d.name)!.flatMap((r) => Object.keys(r)));
      expect(new Set(d.fields)).toEqual(fields);
      expect(d.fields.length).toBe(fields.size);
    }
    expect(datasets.find((d) => d.name === 'tickets')!.fields).toEqual(expect.arrayContaining(['id', 'subject', 'body', 'customerEmail']));
    expect(datasets.find((d) => d.name === 'tickets')!.records).toBeGreaterThan(0);
  });

  it('is empty when there is no sample data, and refuses parameters', async () => {
    const fg = await makeBackend({ resourcesDir: await tempDir() });
    expect(await fg.ok('sim.datasets', {})).toEqual({ datasets: [] });
    expect(await fg.call('sim.datasets', { name: 'tickets' } as never)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
