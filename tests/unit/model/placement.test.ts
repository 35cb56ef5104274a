// Where new steps go: a free place near what is wanted, never on top of a step or a note.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyName, NEXT_STEP_GAP, Occupancy, occupancyOf, overlaps, PLACEMENT_GAP, placeAfter, placeGroup, placeNear, type Box } from '../../../shared/model/placement';
import { addNode } from '../../../shared/model/edits/graph';
import { addNote } from '../../../shared/model/edits/notes';
import { blankWorkflow } from '../../../shared/model/edits/workflow';

const SIZE = { width: 240, height: 110 };
const box = (x: number, y: number, size = SIZE): Box => ({ x, y, ...size });
/** Whether a box at `p` touches (within the placement gap) any of `boxes`. */
const clashes = (boxes: Box[], p: { x: number; y: number }, size = SIZE) => boxes.some((b) => overlaps({ ...p, ...size }, b, PLACEMENT_GAP));

describe('placing a step near a spot', () => {
  it('takes the spot itself when it is free', () => {
    expect(placeNear(new Occupancy([box(1000, 1000)]), SIZE, { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
  });

  it('moves off a step that is there, to the nearest free spot', () => {
    const boxes = [box(0, 0)];
    const p = placeNear(new Occupancy(boxes), SIZE, { x: 10, y: 10 });
    expect(clashes(boxes, p)).toBe(false);
    // Nearest: below the step (110 + gap from y 0), not far away.
    expect(Math.hypot(p.x - 10, p.y - 10)).toBeLessThan(200);
  });

  it('finds a hole in a crowded canvas, or goes below everything', () => {
    const grid: Box[] = [];
    for (let i = 0; i < 40; i++) for (let j = 0; j < 40; j++) grid.push(box(i * 250, j * 120));
    const p = placeNear(new Occupancy(grid), SIZE, { x: 5000, y: 2400 });
    expect(clashes(grid, p)).toBe(false);
  });

  it('never lands on anything, wherever the steps are (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.integer({ min: -2000, max: 2000 }), y: fc.integer({ min: -2000, max: 2000 }) }), { maxLength: 60 }), fc.record({ x: fc.integer({ min: -2000, max: 2000 }), y: fc.integer({ min: -2000, max: 2000 }) }), (spots, wanted) => {
        const boxes = spots.map((s) => box(s.x, s.y));
        expect(clashes(boxes, placeNear(new Occupancy(boxes), SIZE, wanted))).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});

describe('placing the step after another', () => {
  it('goes right of it, level with what is wanted, when that is free', () => {
    expect(placeAfter(new Occupancy([box(0, 0)]), SIZE, { x: 240 + NEXT_STEP_GAP, y: 30 })).toEqual({ x: 320, y: 30 });
  });

  it('keeps to the column: the nearest free row below, then above, then the next column', () => {
    const column = [box(0, 0), box(320, 0)];
    const below = placeAfter(new Occupancy(column), SIZE, { x: 320, y: 0 });
    expect(below.x).toBe(320);
    expect(below.y).toBeGreaterThanOrEqual(110 + PLACEMENT_GAP);
    expect(clashes(column, below)).toBe(false);
    // A column full from top to bottom: the step goes to the next one.
    const full = [box(0, 0), ...Array.from({ length: 30 }, (_, i) => box(320, -1500 + i * 100, { width: 240, height: 100 }))];
    const next = placeAfter(new Occupancy(full), SIZE, { x: 320, y: 0 });
    expect(next.x).toBeGreaterThan(320);
    expect(clashes(full, next)).toBe(false);
  });

  it('never lands on anything (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.integer({ min: -1000, max: 3000 }), y: fc.integer({ min: -1000, max: 1000 }) }), { maxLength: 80 }), fc.integer({ min: -500, max: 500 }), (spots, y) => {
        const boxes = spots.map((s) => box(s.x, s.y));
        expect(clashes(boxes, placeAfter(new Occupancy(boxes), SIZE, { x: 320, y }))).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});

describe('placing a group (pasted steps)', () => {
  it('keeps the group whole and clear of everything', () => {
    const existing = [box(0, 0), box(320, 0)];
    const group = [box(0, 0), box(320, 0)];
    const offset = placeGroup(new Occupancy(existing), group, { x: 40, y: 40 });
    for (const b of group) expect(clashes(existing, { x: b.x + offset.x, y: b.y + offset.y })).toBe(false);
  });

  it('takes the offset asked for when it is free', () => {
    expect(placeGroup(new Occupancy([box(0, 0)]), [box(0, 0)], { x: 600, y: 0 })).toEqual({ x: 600, y: 0 });
  });
});

describe("what is on a workflow's canvas", () => {
  it('counts steps at their size and notes at theirs', () => {
    let wf = addNode(blankWorkflow('w', 'W'), 'ai', { x: 0, y: 0 }).workflow;
    wf = addNote(wf, { x: 500, y: 0 }).workflow;
    const occupancy = occupancyOf(wf, () => SIZE);
    expect(occupancy.isFree(box(100, 50))).toBe(false);
    expect(occupancy.isFree(box(550, 50))).toBe(false);
    expect(occupancy.isFree(box(0, 400))).toBe(true);
  });
});

describe('names of copies', () => {
  it('adds "(copy)", then counts on, when the name is taken', () => {
    expect(copyName('Send reply', new Set(['Other']))).toBe('Send reply');
    expect(copyName('Send reply', new Set(['Send reply']))).toBe('Send reply (copy)');
    expect(copyName('Send reply', new Set(['Send reply', 'Send reply (copy)']))).toBe('Send reply (copy 2)');
    expect(copyName('Send reply (copy)', new Set(['Send reply', 'Send reply (copy)']))).toBe('Send reply (copy 2)');
    expect(copyName('Send reply (copy 2)', new Set(['Send reply (copy 2)', 'Send reply (copy 3)']))).toBe('Send reply (copy 4)');
  });
});
