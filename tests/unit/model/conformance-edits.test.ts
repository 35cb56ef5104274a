// The edits "Compare with a log" makes: an activity mapped to a step (conformance.activities, which
// `flowgate conform` reads too) and the simulation calibrated from the log. Each is one new document,
// or the very document it was given when it changes nothing.
import { describe, expect, it } from 'vitest';
import { calibrationOf } from '../../../shared/conformance/calibrate';
import { conform } from '../../../shared/conformance/conform';
import { savedMapping } from '../../../shared/conformance/mapping';
import { calibrateSimulation, mapActivity } from '../../../shared/model/edits/conformance';
import type { Workflow } from '../../../shared/model/schema';
import { createDocumentStore } from '../../../renderer/src/store/document';
import { example, logOf } from '../conformance/helpers';

const wf = example();
const withSection = (section: unknown) => ({ ...wf, conformance: section }) as Workflow;

describe('mapping an activity', () => {
  it('saves the step, replaces an entry, and takes it away again', () => {
    const mapped = mapActivity(wf, 'Ticket in', 'r');
    expect((mapped as { conformance?: unknown }).conformance).toEqual({ activities: { 'Ticket in': 'r' } });
    expect(savedMapping(mapped)).toEqual({ 'Ticket in': 'r' });
    expect(savedMapping(mapActivity(mapped, 'Ticket in', 'd'))).toEqual({ 'Ticket in': 'd' });
    // The section goes with its last entry; fields Flowgate does not know stay.
    expect(mapActivity(mapped, 'Ticket in', null)).toEqual(wf);
    expect((mapActivity(withSection({ activities: { a: 'r' }, note: 'kept' }), 'a', null) as { conformance?: unknown }).conformance).toEqual({ activities: {}, note: 'kept' });
  });

  it('changes nothing for the same step, an entry that is not there, or a step that does not exist', () => {
    const mapped = mapActivity(wf, 'Ticket in', 'r');
    expect(mapActivity(mapped, 'Ticket in', 'r')).toBe(mapped);
    expect(mapActivity(wf, 'Ticket in', null)).toBe(wf);
    expect(mapActivity(wf, 'Ticket in', 'nope')).toBe(wf);
  });

  it('is what the comparison then uses', () => {
    const log = logOf({ a: ['Ticket in', 'Draft', 'Approve', 'Send'] });
    expect(conform(wf, log).result.fittingCases).toBe(0);
    expect(conform(mapActivity(wf, 'Ticket in', 'r'), log).result.fittingCases).toBe(1);
  });
});

describe('calibrating', () => {
  const log = logOf({ a: ['Receive', 'Draft', 'Approve', 'Send'], b: ['Receive', 'Draft', 'By hand'] });
  const calibration = calibrationOf(wf, conform(wf, log), 'log.csv');

  it('writes the numbers, and changes nothing when they are there already', () => {
    const next = calibrateSimulation(wf, calibration);
    expect(next).not.toBe(wf);
    expect((next.simulation as { calibration?: unknown }).calibration).toEqual({ log: 'log.csv', cases: 2, events: 7 });
    expect(calibrateSimulation(next, calibration)).toBe(next);
  });

  it('is one undo step in the document store, and none when it changes nothing', () => {
    const doc = createDocumentStore();
    doc.load(wf);
    doc.edit((d) => calibrateSimulation(d, calibration));
    const once = doc.workflow;
    doc.edit((d) => calibrateSimulation(d, calibration));
    expect(doc.workflow).toBe(once);
    doc.undo();
    expect(doc.workflow).toBe(wf);
    expect(doc.canUndo()).toBe(false);
  });
});
