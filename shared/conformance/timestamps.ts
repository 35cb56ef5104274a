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
  const fast = fastIso(raw);
  if (fast !== null) return fast;
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
  // Milliseconds from the fraction's first three digits, rounded by the fourth — as the fast path does,
  // and without the floating point of Number("0.5005") * 1000, which is 500.49999999999994.
  const f = m[7];
  const ms = f === undefined ? 0 : Number(`${f}00`.slice(0, 3)) + (f.length > 3 && f.charCodeAt(3) >= 53 ? 1 : 0);
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
  const hhmm = zone.slice(1).replace(':', '');
  const hours = Number(hhmm.slice(0, 2));
  const minutes = hhmm.length > 2 ? Number(hhmm.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The forms exports write most — `2024-06-03T09:15:00Z`, `2024-06-03 09:15:00.123`, with or without
 * seconds, fraction and `Z` — read digit by digit, without the regular expression's substrings: a
 * 100,000-event log spends much of its reading time here. Anything else (offsets, odd spacing) returns
 * null and takes the general path, which gives the same answer for these forms.
 */
function fastIso(t: string): number | null {
  const n = t.length;
  if (n < 16 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(13) !== 58) return null;
  const sep = t.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return null;
  let end = n;
  if (t.charCodeAt(n - 1) === 90) end--; // Z
  const year = digits(t, 0, 4);
  const month = digits(t, 5, 2);
  const day = digits(t, 8, 2);
  const hour = digits(t, 11, 2);
  const minute = digits(t, 14, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return null;
  let second = 0;
  let ms = 0;
  if (end > 16) {
    if (end < 19 || t.charCodeAt(16) !== 58) return null;
    second = digits(t, 17, 2);
    if (second < 0) return null;
    if (end > 19) {
      const dot = t.charCodeAt(19);
      if ((dot !== 46 && dot !== 44) || end === 20) return null;
      // Milliseconds from the first three digits of the fraction, rounded by the fourth.
      let fraction = 0;
      let scale = 100;
      for (let i = 20; i < end; i++) {
        const d = t.charCodeAt(i) - 48;
        if (d < 0 || d > 9) return null;
        if (scale >= 1) fraction += d * scale;
        else if (scale === 0.1 && d >= 5) fraction += 1;
        scale /= 10;
      }
      ms = fraction;
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return null;
  if (month === 2 && day === 29 && !isLeapYear(year)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** The whole number written by `count` digits from `at`, or -1 when one is not a digit. */
function digits(t: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
