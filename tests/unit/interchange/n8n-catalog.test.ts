// The mapping catalog, checked against n8n's own node descriptions of the pinned release: every node
// type it names exists, every credential type belongs to its family's nodes, every resource and
// operation it knows is one n8n offers, and the node an export writes for a family exists.
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../../shared/interchange/n8n/catalog/index';
import { NODE_TYPES, describe as describeType } from './n8n-node-types';

const OWN = /^(n8n-nodes-base|@n8n\/n8n-nodes-langchain)\./;

describe('n8n mapping catalog', () => {
  it.each(FAMILIES.map((f) => [f.id, f] as const))('%s names only node types of the pinned n8n release', (_id, family) => {
    for (const type of family.types) expect(NODE_TYPES.nodes[type], type).toBeDefined();
  });

  it.each(FAMILIES.filter((f) => f.exportAs).map((f) => [f.id, f] as const))('%s exports to a node type and version n8n has, with its credentials, resources and operations', (_id, family) => {
    const { type, typeVersion } = family.exportAs!;
    const desc = describeType(type, typeVersion);
    expect(desc, `${type}@${typeVersion}`).toBeDefined();
    // Every credential type the family reads connects some node of the family.
    const allCredentials = new Set(family.types.flatMap((t) => NODE_TYPES.nodes[t].flatMap((d) => d.credentials)));
    for (const c of family.credentialTypes) expect(allCredentials.has(c), `${family.id}: ${c}`).toBe(true);
    expect(desc!.credentials).toContain(family.credentialTypes[0]);
  });

  it('reads every credential type of the node types it knows as the family of those nodes', () => {
    for (const family of FAMILIES.filter((f) => f.exportAs)) {
      for (const type of family.types) {
        for (const d of NODE_TYPES.nodes[type]) {
          // googleApi (service account) is shared by all Google families; it maps to the first listed.
          for (const c of d.credentials.filter((x) => x !== 'googleApi')) expect(family.credentialTypes, `${type}: ${c}`).toContain(c);
        }
      }
    }
    expect(FAMILIES.flatMap((f) => f.types).filter((t) => !OWN.test(t))).toEqual([]);
  });
});
