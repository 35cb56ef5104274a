// Reading an XES event log (IEEE 1849) with fast-xml-parser. A <trace> is a case (its `concept:name`
// is the case id), an <event> an activity (`concept:name`), done at `time:timestamp`, by `org:resource`;
// `lifecycle:transition` start/complete pairs become one event with its start time; an outcome is read
// from an attribute with a common outcome name (`outcome`, `result`, `decision`). Lists, containers,
// globals, classifiers and extensions are not needed for conformance and are passed over.
import { XMLParser } from 'fast-xml-parser';
import { isFieldName } from './fields';
import { pairLifecycle, type RawEvent } from './lifecycle';
import { LogReadError, type EventLog } from './log';
import { parseTimestamp, TIMESTAMP_FORMS } from './timestamps';

/** One element as fast-xml-parser gives it with `preserveOrder`: `{ tag: children, ':@': attributes }`. */
type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const ATTRIBUTE_TAGS = new Set(['string', 'date', 'int', 'float', 'boolean', 'id']);
const LOG_END = /<\/(?:[\w.-]+:)?log\s*>(?:\s|<!--[\s\S]*?-->)*$/;

function tagOf(node: OrderedNode): string | null {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return null;
}

/** `xes:trace` and `trace` are the same element: files sometimes carry the namespace as a prefix. */
function localName(tag: string): string {
  const colon = tag.indexOf(':');
  return colon === -1 ? tag : tag.slice(colon + 1);
}

function children(node: OrderedNode, tag: string): OrderedNode[] {
  const value = node[tag];
  return Array.isArray(value) ? (value as OrderedNode[]) : [];
}

/** The key → value of the attribute elements directly inside an element. */
function attributesOf(node: OrderedNode, tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const child of children(node, tag)) {
    const childTag = tagOf(child);
    if (childTag === null || !ATTRIBUTE_TAGS.has(localName(childTag))) continue;
    const attrs = child[':@'];
    if (attrs && typeof attrs.key === 'string' && typeof attrs.value === 'string' && !out.has(attrs.key)) out.set(attrs.key, attrs.value);
  }
  return out;
}

function parseXml(text: string): OrderedNode[] {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  try {
    return parser.parse(text) as OrderedNode[];
  } catch (e) {
    // The parser's message may quote the file at length; its first sentence says what and where.
    const what = (e as Error).message.split(/\.\s|\n/)[0];
    throw new LogReadError(`The file is not valid XML (it may be cut short or damaged): ${what}.`);
  }
}

/** Reads an XES log. Throws LogReadError naming the trace and event. */
export function readXesLog(text: string): EventLog {
  const top = parseXml(text);
  const log = top.find((n) => {
    const tag = tagOf(n);
    return tag !== null && localName(tag) === 'log';
  });
  if (!log) throw new LogReadError('The file is not an XES log: it has no <log> element.');
  // The parser is lenient with a file cut short; a whole log ends with the root's closing tag.
  if (!LOG_END.test(text.slice(-4096))) throw new LogReadError('The file ends before the log does (no closing </log>): it may have been cut short.');
  const logTag = tagOf(log)!;
  const raw: RawEvent[] = [];
  let traceNumber = 0;
  let outcomeKey: string | undefined;
  for (const trace of children(log, logTag)) {
    const traceTag = tagOf(trace);
    if (traceTag === null || localName(traceTag) !== 'trace') continue;
    traceNumber++;
    const caseId = attributesOf(trace, traceTag).get('concept:name')?.trim();
    if (!caseId) throw new LogReadError(`Trace ${traceNumber} has no "concept:name": the case id is missing.`);
    let eventNumber = 0;
    for (const event of children(trace, traceTag)) {
      const eventTag = tagOf(event);
      if (eventTag === null || localName(eventTag) !== 'event') continue;
      eventNumber++;
      const where = `Trace ${traceNumber} (case "${caseId}"), event ${eventNumber}`;
      const attrs = attributesOf(event, eventTag);
      const activity = attrs.get('concept:name')?.trim();
      if (!activity) throw new LogReadError(`${where} has no "concept:name": the activity is missing.`);
      const stamp = attrs.get('time:timestamp');
      if (stamp === undefined) throw new LogReadError(`${where} has no "time:timestamp".`);
      const time = parseTimestamp(stamp);
      if (time === null) throw new LogReadError(`${where}: "${stamp}" is not a date and time Flowgate can read. Write it like ${TIMESTAMP_FORMS}.`);
      const e: RawEvent = { caseId, activity, time };
      const resource = attrs.get('org:resource')?.trim();
      if (resource) e.resource = resource;
      for (const [key, value] of attrs) {
        if (value.trim() && isFieldName('outcome', key)) {
          e.outcome = value.trim();
          outcomeKey ??= key;
          break;
        }
      }
      const lifecycle = attrs.get('lifecycle:transition');
      if (lifecycle !== undefined) e.lifecycle = lifecycle;
      raw.push(e);
    }
  }
  if (!raw.length) throw new LogReadError(traceNumber ? 'The log has traces but no events.' : 'The log has no traces.');
  const { events, ignored } = pairLifecycle(raw);
  const fields: EventLog['fields'] = { caseId: 'concept:name (trace)', activity: 'concept:name', time: 'time:timestamp' };
  if (events.some((e) => e.resource !== undefined)) fields.resource = 'org:resource';
  if (outcomeKey !== undefined) fields.outcome = outcomeKey;
  if (events.some((e) => e.start !== undefined)) fields.start = 'lifecycle:transition start';
  return { format: 'xes', events, fields, ignoredEvents: ignored };
}
