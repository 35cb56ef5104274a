import { describe, expect, it } from 'vitest';
import { migrate, migrations, type Migration } from '../../../shared/model/migrations';
import { SCHEMA_VERSION } from '../../../shared/model/schema';

describe('migrate', () => {
  it('has one migration per version below the current one', () => {
    const froms = migrations.map((m) => m.from).sort((a, b) => a - b);
    expect(froms).toEqual(Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 1));
  });

  it('leaves a current document alone', () => {
    const doc = { schemaVersion: SCHEMA_VERSION, name: 'x' };
    expect(migrate(doc, SCHEMA_VERSION)).toBe(doc);
  });

  it('applies each step in order and stamps the version it reached', () => {
    // A made-up history: two older versions, each renaming a field, ending at the current version.
    const start = SCHEMA_VERSION - 2;
    const list: Migration[] = [
      { from: start + 1, describe: 'title → name', up: ({ title, ...rest }) => ({ ...rest, name: title }) },
      { from: start, describe: 'heading → title', up: ({ heading, ...rest }) => ({ ...rest, title: heading }) },
    ];
    expect(migrate({ schemaVersion: start, heading: 'Old' }, start, list)).toEqual({ schemaVersion: SCHEMA_VERSION, name: 'Old' });
  });

  it('says which step is missing', () => {
    expect(() => migrate({}, SCHEMA_VERSION - 1, [])).toThrow(`no migration from schemaVersion ${SCHEMA_VERSION - 1}`);
  });
});
