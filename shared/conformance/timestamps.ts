// Reading the time of an event. Logs come from many systems; what they agree on is ISO 8601
// (`2024-06-03T09:15:00Z`, `2024-06-03 09:15`, with or without an offset) and Unix time. Those are
// read; anything else is refused rather than guessed (is 03/06/2024 the 3rd of June or the 6th of
// March?). Without an offset a time is read as UTC, so the same file gives the same result anywhere.

const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const UNIX = /^\d{9,13}(?:\.\d+)?$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** What an error message shows as the forms a timestamp may take. */
export const TIMESTAMP_FORMS = '2024-06-03T09:15:00Z, 2024-06-03 09:15 or Unix time in seconds or milliseconds';

/** Milliseconds since 1970 UTC, or null when the text is not a time Flowgate reads. */
export function parseTimestamp(raw: string): number | null {
  const text = raw.trim();
  const m = ISO.exec(text);
  if (m) return fromParts(m);
  if (UNIX.test(text)) {
    const n = Number(text);
    // 9–10 digits before the point: seconds (1973–2286); 11–13: milliseconds.
    return text.split('.')[0].length <= 10 ? Math.round(n * 1000) : Math.round(n);
  }
  return null;
}

function fromParts(m: RegExpExecArray): number | null {
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return null;
  if (month === 2 && day === 29 && !isLeapYear(year)) return null;
  // 24:00 is not accepted: it is the same instant as 00:00 of the next day, and rare in exports.
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offsetMinutes = m[8] === undefined ? 0 : offsetOf(m[8]);
  if (offsetMinutes === null) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

function offsetOf(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
