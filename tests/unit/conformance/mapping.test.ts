import { describe, expect, it } from 'vitest';
import { conform } from '../../../shared/conformance/conform';
import { labelKey, mapActivities, MappingError, mappingProblems, parseMappingFile, savedMapping, withSavedMapping } from '../../../shared/conformance/mapping';
import { example, logOf } from './helpers';

describe('mapping activities to steps', () => {
  it('maps by the user\'s mapping, then by step id, then by label without regard to case, spaces, _ and -', () => {
    const wf = example();
    const matches = mapActivities(wf, ['Receive', 'd', 'APPROVE', 'send_reply', 'SEND', 'by-hand', 'Hand-written note', 'Approve'], { 'Hand-written note': 'h', Approve: 'd' });
    expect(matches).toEqual([
      { activity: 'Receive', nodeId: 'r', by: 'label' },
      { activity: 'd', nodeId: 'd', by: 'id' },
      { activity: 'APPROVE', nodeId: 'a', by: 'label' },
      { activity: 'send_reply', nodeId: null, by: null },
      { activity: 'SEND', nodeId: 's', by: 'label' },
      { activity: 'by-hand', nodeId: 'h', by: 'label' },
      { activity: 'Hand-written note', nodeId: 'h', by: 'map' },
      // The user's word wins over a label that happens to match another step.
      { activity: 'Approve', nodeId: 'd', by: 'map' },
    ]);
    expect(labelKey('  Send\tReply_now-please ')).toBe('sendreplynowplease');
  });

  it('maps no activity to a label two steps share, and says which steps', () => {
    const wf = example();
    const twins = { ...wf, nodes: wf.nodes.map((n) => (n.id === 'h' ? { ...n, label: 'Send' } : n)) };
    expect(mapActivities(twins, ['send'])).toEqual([{ activity: 'send', nodeId: null, by: null, note: '2 steps have this name (s, h): map it to one of them' }]);
  });

  it('reads mapping files with or without the "activities" wrapper, and refuses anything else', () => {
    expect(parseMappingFile('{"activities":{"Ticket created":"r"}}')).toEqual({ 'Ticket created': 'r' });
    expect(parseMappingFile('\uFEFF{"Ticket created":"r"}')).toEqual({ 'Ticket created': 'r' });
    expect(() => parseMappingFile('[1]')).toThrow(MappingError);
    expect(() => parseMappingFile('{"a": 3}')).toThrow('The mapping of "a" must be a step id (text), like "n4".');
    expect(() => parseMappingFile('{')).toThrow(/^The mapping is not valid JSON/);
  });

  it('refuses a given mapping naming a missing step, and sets aside such an entry of the saved one with a warning', () => {
    const wf = example();
    expect(mappingProblems(wf, { A: 'nope' })).toEqual(['"A" is mapped to "nope", but the workflow has no step with that id.']);
    expect(() => conform(wf, logOf({ x: ['Receive'] }), { map: { A: 'nope' } })).toThrow(MappingError);
    const saved = withSavedMapping(wf, { 'Ticket in': 'r', Old: 'gone' });
    expect(savedMapping(saved)).toEqual({ 'Ticket in': 'r', Old: 'gone' });
    const c = conform(saved, logOf({ x: ['Ticket in', 'Draft', 'By hand'], y: ['Old'] }));
    expect(c.result.mapping[0]).toEqual({ activity: 'Ticket in', nodeId: 'r', by: 'map' });
    expect(c.result.warnings).toEqual(['The workflow\'s saved mapping: "Old" is mapped to "gone", but the workflow has no step with that id. The entry is not used.']);
    expect(c.result.unmappedActivities).toEqual([{ activity: 'Old', events: 1, cases: 1 }]);
    // A given mapping wins over the saved one on the same activity.
    expect(conform(saved, logOf({ x: ['Ticket in'] }), { map: { 'Ticket in': 'd' } }).result.mapping[0]).toEqual({ activity: 'Ticket in', nodeId: 'd', by: 'map' });
  });

  it('keeps unmapped activities in their cases as steps not in the design, with their counts', () => {
    const c = conform(example(), logOf({ x: ['Receive', 'Coffee', 'Draft', 'By hand', 'Coffee'], y: ['Receive', 'Coffee', 'Draft', 'By hand'] }));
    expect(c.result.events).toBe(9);
    expect(c.result.unmappedActivities).toEqual([{ activity: 'Coffee', events: 3, cases: 2 }]);
    expect(c.result.deviatingCases.map((d) => d.deviations.map((x) => x.kind))).toEqual([['not-in-design', 'not-in-design'], ['not-in-design']]);
  });
});
