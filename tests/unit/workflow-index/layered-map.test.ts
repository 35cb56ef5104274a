// LayeredMap answers as the Map it stands for — the base with each layer's changes made in turn — at
// any depth (past the limit it is copied flat), and never changes the map it was made from.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LayeredMap } from '../../../shared/workflow-index/layered-map';

const keyArb = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const layerArb = fc.array(fc.tuple(keyArb, fc.option(fc.nat(9), { nil: undefined })), { maxLength: 4 });

describe('LayeredMap', () => {
  it('answers as the map with every layer applied, leaving each earlier map as it was', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keyArb, fc.nat(9))), fc.array(layerArb, { maxLength: 20 }), (start, layers) => {
        let expected = new Map(start);
        let layered: ReadonlyMap<string, number> = new Map(start);
        const versions: [ReadonlyMap<string, number>, Map<string, number>][] = [[layered, new Map(expected)]];
        for (const layer of layers) {
          const changes = new Map(layer);
          layered = LayeredMap.of(layered, changes);
          expected = new Map(expected);
          for (const [k, v] of changes) {
            if (v === undefined) expected.delete(k);
            else expected.set(k, v);
          }
          versions.push([layered, new Map(expected)]);
        }
        for (const [map, want] of versions) {
          for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'z']) {
            expect(map.get(k)).toBe(want.get(k));
            expect(map.has(k)).toBe(want.has(k));
          }
          expect(map.size).toBe(want.size);
          expect(new Map(map)).toEqual(want);
          expect([...map.keys()].sort()).toEqual([...want.keys()].sort());
        }
      }),
    );
  });
});
