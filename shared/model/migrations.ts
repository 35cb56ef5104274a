// Upgrades of older workflow documents to the current schemaVersion.
// Each entry turns version `from` into `from + 1`; loading applies them in order.
// Version 1 is the first published format, so the list is empty for now; the loader
// still refuses documents newer than it knows, which is what protects a user's file.
import { SCHEMA_VERSION } from './schema';

export interface Migration {
  from: number;
  describe: string;
  up(doc: Record<string, unknown>): Record<string, unknown>;
}

export const migrations: Migration[] = [];

/** Applies every migration from `version` up to the current one. */
export function migrate(doc: Record<string, unknown>, version: number, list: Migration[] = migrations): Record<string, unknown> {
  let current = doc;
  for (let v = version; v < SCHEMA_VERSION; v++) {
    const step = list.find((m) => m.from === v);
    if (!step) throw new Error(`no migration from schemaVersion ${v}`);
    current = { ...step.up(current), schemaVersion: v + 1 };
  }
  return current;
}
