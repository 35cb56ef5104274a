// Reading CSV logs with csv-parse: the edge cases real exports have, and errors that name the row.
import { parse as nodeParse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { guessDelimiter, readCsvLog, type CsvParse } from '../../../shared/conformance/csv';
import { LogReadError } from '../../../shared/conformance/log';

const T = (iso: string) => Date.parse(iso);

function readError(text: string, options = {}): string {
  try {
    readCsvLog(text, options);
  } catch (e) {
    expect(e).toBeInstanceOf(LogReadError);
    return (e as Error).message;
  }
  throw new Error('expected the log to be refused');
}

describe('reading a CSV log', () => {
  it('reads quoted values with commas, doubled quotes and line breaks', () => {
    const log = readCsvLog(
      'case_id,activity,timestamp,resource\n' +
        '1,"Send reply, then close",2024-06-03 09:00,"Rossi, Marco"\n' +
        '1,"Say ""thanks""",2024-06-03 09:05,"Team\nB"\n',
    );
    expect(log.events).toEqual([
      { caseId: '1', activity: 'Send reply, then close', time: T('2024-06-03T09:00:00Z'), resource: 'Rossi, Marco' },
      { caseId: '1', activity: 'Say "thanks"', time: T('2024-06-03T09:05:00Z'), resource: 'Team\nB' },
    ]);
  });

  it('reads a byte-order mark and CRLF line ends, and skips blank lines', () => {
    const log = readCsvLog('\uFEFFcase_id,activity,timestamp\r\nA-1,Receive,2024-06-03T09:00:00Z\r\n\r\nA-1,Send,2024-06-03T09:10:00Z\r\n');
    expect(log.fields).toEqual({ caseId: 'case_id', activity: 'activity', time: 'timestamp' });
    expect(log.events.map((e) => [e.caseId, e.activity])).toEqual([
      ['A-1', 'Receive'],
      ['A-1', 'Send'],
    ]);
  });

  it('names the row of a timestamp it cannot read, counting rows as a spreadsheet does', () => {
    const text = 'case_id,activity,timestamp\n1,Receive,2024-06-03 09:00\n1,Send,yesterday\n';
    expect(readError(text)).toBe('Row 3: "yesterday" in column "timestamp" is not a date and time Flowgate can read. Write it like 2024-06-03T09:15:00Z, 2024-06-03 09:15 or Unix time in seconds or milliseconds.');
    // A value with a line break takes two lines of the file: the row after it is line 4.
    expect(readError('case_id,activity,timestamp\n1,"Two\nlines",2024-06-03 09:00\n1,Send,03/06/2024\n')).toMatch(/^Row 4: "03\/06\/2024" in column "timestamp"/);
    expect(readError('case_id,activity,timestamp\n1,Receive,2024-02-30 09:00\n')).toMatch(/^Row 2: "2024-02-30 09:00"/);
  });

  it('guesses the columns from common names, in any case and spelling, and takes named ones', () => {
    const xesNames = readCsvLog('Resource,time:timestamp,concept:name,case:concept:name\nDana,2024-06-03 09:00,Receive,c1\n');
    expect(xesNames.fields).toEqual({ caseId: 'case:concept:name', activity: 'concept:name', time: 'time:timestamp', resource: 'Resource' });
    expect(xesNames.events[0]).toEqual({ caseId: 'c1', activity: 'Receive', time: T('2024-06-03T09:00:00Z'), resource: 'Dana' });
    const spaced = readCsvLog('Case ID,Activity Name,Complete Timestamp,Outcome\nc1,Approve,2024-06-03 09:00,Approved\n');
    expect(spaced.events[0]).toMatchObject({ caseId: 'c1', activity: 'Approve', outcome: 'Approved' });
    const named = readCsvLog('Ticket,What,When,Who\nT-1,Receive,2024-06-03 09:00,Dana\n', { columns: { caseId: 'Ticket', activity: 'what', time: 'When' } });
    expect(named.events[0]).toEqual({ caseId: 'T-1', activity: 'Receive', time: T('2024-06-03T09:00:00Z') });
  });

  it('says which column it cannot find, and which flag names it', () => {
    expect(readError('Number,What,When\nT-1,Receive,2024-06-03 09:00\n')).toBe(
      'Cannot tell which column holds the case id: name it with --case-column NAME. The log\'s columns are "Number", "What", "When".',
    );
    expect(readError('Ticket,What,When\nT-1,Receive,2024-06-03 09:00\n')).toMatch(/^Cannot tell which column holds the activity: name it with --activity-column NAME/);
    expect(readError('case_id,activity,timestamp\n1,A,2024-06-03\n', { columns: { resource: 'Agent' } })).toMatch(/^The log has no column "Agent" \(given with --resource-column\)/);
  });

  it('guesses a semicolon or tab delimiter from the header row', () => {
    expect(guessDelimiter('case;activity;"time, UTC"\n1,2,3')).toBe(';');
    expect(guessDelimiter('case\tactivity\ttimestamp')).toBe('\t');
    expect(guessDelimiter('just one column')).toBe(',');
    const log = readCsvLog('case;activity;timestamp\n1;"Reply, short";2024-06-03 09:00\n');
    expect(log.events[0].activity).toBe('Reply, short');
  });

  it('refuses rows with a different number of values, unclosed quotes and empty ids, naming the row', () => {
    expect(readError('case_id,activity,timestamp\n1,Receive,2024-06-03 09:00\n1,Send, reply,2024-06-03 09:01\n')).toMatch(/^Row 3: this row has a different number of values \(4\) than the header row/);
    expect(readError('case_id,activity,timestamp\n1,"Receive,2024-06-03 09:00\n')).toMatch(/a value opened with a double quote is never closed/);
    expect(readError('case_id,activity,timestamp\n1,Receive,2024-06-03 09:00\n,Send,2024-06-03 09:01\n')).toBe('Row 3: the case id (column "case_id") is empty.');
    expect(readError('case_id,activity,timestamp\n')).toBe('The log has a header row but no events.');
    expect(readError('')).toBe('The log is empty: it has no header row and no events.');
  });

  it('pairs start and complete events of a lifecycle column, and counts the others it leaves out', () => {
    const log = readCsvLog(
      'case,activity,timestamp,lifecycle:transition\n' +
        '1,Review,2024-06-03 09:00,start\n1,Review,2024-06-03 09:30,complete\n1,Send,2024-06-03 09:31,schedule\n1,Send,2024-06-03 09:40,complete\n2,Review,2024-06-03 10:00,start\n',
    );
    expect(log.events).toEqual([
      { caseId: '1', activity: 'Review', time: T('2024-06-03T09:30:00Z'), start: T('2024-06-03T09:00:00Z') },
      { caseId: '1', activity: 'Send', time: T('2024-06-03T09:40:00Z') },
      // A start never completed stays an event: nothing is dropped silently.
      { caseId: '2', activity: 'Review', time: T('2024-06-03T10:00:00Z') },
    ]);
    expect(log.ignoredEvents).toBe(1);
  });

  it('reads a start time column, and refuses a start after the end', () => {
    const log = readCsvLog('case,activity,start_time,end_time\n1,Review,2024-06-03 09:00,2024-06-03 09:20\n');
    expect(log.events[0]).toMatchObject({ start: T('2024-06-03T09:00:00Z'), time: T('2024-06-03T09:20:00Z') });
    expect(readError('case,activity,start_time,end_time\n1,Review,2024-06-03 10:00,2024-06-03 09:20\n')).toMatch(/^Row 2: the activity starts/);
  });

  it('gives the same log with csv-parse\'s browser build (the default) and its Node build', () => {
    const text = '\uFEFFcase_id;activity;timestamp;resource\r\n1;"A; B";2024-06-03T09:00:00+02:00;"x ""y"""\r\n2;C;1717405200;z\r\n';
    const pure = readCsvLog(text);
    expect(readCsvLog(text, { parse: nodeParse as unknown as CsvParse })).toEqual(pure);
    expect(pure.events.map((e) => e.time)).toEqual([T('2024-06-03T07:00:00Z'), 1717405200_000]);
  });
});
