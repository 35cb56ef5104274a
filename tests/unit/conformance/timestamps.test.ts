import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../shared/conformance/timestamps';

describe('timestamps', () => {
  it('reads ISO 8601 with and without an offset (UTC), fractions, and dates alone', () => {
    expect(parseTimestamp('2024-06-03T09:15:00Z')).toBe(Date.UTC(2024, 5, 3, 9, 15));
    expect(parseTimestamp('2024-06-03 09:15')).toBe(Date.UTC(2024, 5, 3, 9, 15));
    expect(parseTimestamp(' 2024-06-03T09:15:30.25 ')).toBe(Date.UTC(2024, 5, 3, 9, 15, 30, 250));
    expect(parseTimestamp('2024-06-03T11:15:00+02:00')).toBe(Date.UTC(2024, 5, 3, 9, 15));
    expect(parseTimestamp('2024-06-03T04:15:00-0500')).toBe(Date.UTC(2024, 5, 3, 9, 15));
    expect(parseTimestamp('2024/06/03')).toBe(Date.UTC(2024, 5, 3));
    expect(parseTimestamp('2024-02-29 12:00')).toBe(Date.UTC(2024, 1, 29, 12));
    // Half a millisecond rounds up on both paths (the general one once lost it to floating point).
    expect(parseTimestamp('1970-01-01T00:00:00.5005')).toBe(501);
    expect(parseTimestamp('1970-01-01T00:00:00.5005 ')).toBe(501);
    expect(parseTimestamp('1970-01-01T00:00:00.50049 ')).toBe(500);
  });

  it('reads Unix time in seconds and in milliseconds', () => {
    expect(parseTimestamp('1717406100')).toBe(Date.UTC(2024, 5, 3, 9, 15));
    expect(parseTimestamp('1717406100000')).toBe(Date.UTC(2024, 5, 3, 9, 15));
    expect(parseTimestamp('1717406100.5')).toBe(Date.UTC(2024, 5, 3, 9, 15) + 500);
  });

  it('refuses what it would have to guess, and dates that do not exist', () => {
    for (const text of ['03/06/2024', '3 June 2024', 'yesterday', '', '2023-02-29', '2024-13-01', '2024-06-31', '2024-06-03 24:00', '2024-06-03T09:15:00+15:00', '12345']) {
      expect(parseTimestamp(text), text).toBeNull();
    }
  });

  it('reads the common forms digit by digit exactly as the general reader does', () => {
    // A trailing space sends a text down the general path (the regular expression after trim).
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 1970, max: 2100 }),
          month: fc.integer({ min: 0, max: 13 }),
          day: fc.integer({ min: 0, max: 32 }),
          hour: fc.integer({ min: 0, max: 24 }),
          minute: fc.integer({ min: 0, max: 60 }),
          second: fc.option(fc.integer({ min: 0, max: 60 })),
          fraction: fc.option(fc.stringMatching(/^[0-9]{1,7}$/)),
          sep: fc.constantFrom('T', ' '),
          zone: fc.constantFrom('', 'Z'),
        }),
        ({ year, month, day, hour, minute, second, fraction, sep, zone }) => {
          let text = `${year}-${pad(month, 2)}-${pad(day, 2)}${sep}${pad(hour, 2)}:${pad(minute, 2)}`;
          if (second !== null) text += `:${pad(second, 2)}${fraction !== null ? `.${fraction}` : ''}`;
          text += zone;
          expect(parseTimestamp(text)).toBe(parseTimestamp(`${text} `));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
