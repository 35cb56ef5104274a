// Reading XES logs with fast-xml-parser, and the same events from XES and CSV giving the same result.
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { batchLog, toCsv, toXes, type LogRow } from '../../../scripts/generate-sample-log';
import { conform } from '../../../shared/conformance/conform';
import { LogReadError } from '../../../shared/conformance/log';
import { logFormatOf, readLog } from '../../../shared/conformance/read';
import { readXesLog } from '../../../shared/conformance/xes';
import { SUPPORT, template } from './helpers';

const T = (iso: string) => Date.parse(iso);

function xes(traces: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0" xmlns="http://www.xes-standard.org/">\n<string key="concept:name" value="the log"/>\n${traces}\n</log>\n`;
}

function readError(text: string): string {
  try {
    readXesLog(text);
  } catch (e) {
    expect(e).toBeInstanceOf(LogReadError);
    return (e as Error).message;
  }
  throw new Error('expected the log to be refused');
}

describe('reading an XES log', () => {
  it('reads traces as cases and events with their activity, time, resource and outcome', () => {
    const log = readXesLog(
      xes(`<trace><string key="concept:name" value="c1"/><int key="cost" value="3"/>
        <event><string key="concept:name" value="Approve &amp; sign"/><date key="time:timestamp" value="2024-06-03T11:00:00.000+02:00"/>
          <string key="org:resource" value="Dana"/><string key="Outcome" value="rejected"/></event>
        <event><string key="concept:name" value="Send"/><date key="time:timestamp" value="2024-06-03T09:05:00Z"/></event>
      </trace>`),
    );
    expect(log.events).toEqual([
      { caseId: 'c1', activity: 'Approve & sign', time: T('2024-06-03T09:00:00Z'), resource: 'Dana', outcome: 'rejected' },
      { caseId: 'c1', activity: 'Send', time: T('2024-06-03T09:05:00Z') },
    ]);
    expect(log.fields).toMatchObject({ resource: 'org:resource', outcome: 'Outcome' });
  });

  it('pairs lifecycle start and complete into one event with a start time', () => {
    const event = (name: string, time: string, transition: string) =>
      `<event><string key="concept:name" value="${name}"/><date key="time:timestamp" value="${time}"/><string key="lifecycle:transition" value="${transition}"/></event>`;
    const log = readXesLog(
      xes(`<trace><string key="concept:name" value="c1"/>${event('Review', '2024-06-03T09:00:00Z', 'start')}${event('Review', '2024-06-03T09:45:00Z', 'complete')}${event('Review', '2024-06-03T09:46:00Z', 'assign')}</trace>`),
    );
    expect(log.events).toEqual([{ caseId: 'c1', activity: 'Review', time: T('2024-06-03T09:45:00Z'), start: T('2024-06-03T09:00:00Z') }]);
    expect(log.ignoredEvents).toBe(1);
  });

  it('names the trace and event it cannot read', () => {
    expect(readError('this is not XML <')).toMatch(/^The file is not/);
    expect(readError(xes('<trace><string key="concept:name" value="c1"/><event><string key=')).split('\n')).toHaveLength(1);
    expect(readError('<?xml version="1.0"?><workflow/>')).toBe('The file is not an XES log: it has no <log> element.');
    expect(readError(xes('<trace><event><string key="concept:name" value="A"/></event></trace>'))).toBe('Trace 1 has no "concept:name": the case id is missing.');
    expect(readError(xes('<trace><string key="concept:name" value="c1"/><event><string key="concept:name" value="A"/></event></trace>'))).toBe('Trace 1 (case "c1"), event 1 has no "time:timestamp".');
    expect(
      readError(xes('<trace><string key="concept:name" value="c1"/><event><string key="concept:name" value="A"/><date key="time:timestamp" value="2024-06-03"/></event><event><string key="concept:name" value="B"/><date key="time:timestamp" value="soon"/></event></trace>')),
    ).toMatch(/^Trace 1 \(case "c1"\), event 2: "soon" is not a date and time/);
    expect(readError(xes(''))).toBe('The log has no traces.');
    const whole = xes('<trace><string key="concept:name" value="c1"/><event><string key="concept:name" value="A"/><date key="time:timestamp" value="2024-06-03"/></event></trace>');
    expect(readXesLog(`${whole}<!-- exported by a tool -->\n`).events).toHaveLength(1);
    expect(readError(whole.slice(0, whole.indexOf('</log>')))).toBe('The file ends before the log does (no closing </log>): it may have been cut short.');
  });

  it('tells the format from the name, else from the content', () => {
    expect(logFormatOf('a,b', 'log.xes')).toBe('xes');
    expect(logFormatOf('<log/>', 'log.csv')).toBe('csv');
    expect(logFormatOf('\uFEFF  <?xml version="1.0"?><log/>')).toBe('xes');
    expect(logFormatOf('case,activity,timestamp')).toBe('csv');
  });
});

describe('the same events as XES and as CSV', () => {
  it('give the same log and the same conformance result', () => {
    const wf = template(SUPPORT);
    // Names with commas, quotes, ampersands and angle brackets exercise both formats' escaping.
    const resources = ['Rossi, Marco', 'Dana "DW" Whitfield', 'R&D <night shift>'];
    const rows: LogRow[] = batchLog(wf, loadSampleData(), { runs: 60, seed: 3, settings: { inputs: { from: 'dataset', dataset: 'tickets' } } }).map((r, i) => ({
      ...r,
      resource: resources[i % resources.length],
    }));
    rows.push({ caseId: 'C-0001', activity: 'Call the customer, again', time: rows[2].time + 1, resource: 'x' });
    const fromCsv = readLog(toCsv(rows), { fileName: 'log.csv' });
    const fromXes = readLog(toXes(rows), { fileName: 'log.xes' });
    expect(fromXes.events).toHaveLength(rows.length);
    const sortedEvents = (events: typeof fromCsv.events) => [...events].sort((a, b) => a.caseId.localeCompare(b.caseId) || a.time - b.time);
    expect(sortedEvents(fromXes.events)).toEqual(sortedEvents(fromCsv.events));
    const a = conform(wf, fromCsv).result;
    const b = conform(wf, fromXes).result;
    expect(b).toEqual(a);
    expect(a.unmappedActivities.map((u) => u.activity)).toEqual(['Call the customer, again']);
  });
});
