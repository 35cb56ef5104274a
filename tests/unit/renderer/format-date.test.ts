// The one date format of the app (restore dialog, run history, a reopened run's title).
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../renderer/src/app/format-date';

describe('formatDateTime', () => {
  // Built from local date parts, so the expected text holds in any time zone.
  const moment = new Date(2024, 5, 3, 9, 5, 42);

  it('shows the date and the time to the minute, in the given locale', () => {
    expect(formatDateTime(moment.toISOString(), 'en-GB')).toBe('3 Jun 2024, 09:05');
  });

  it('reads epoch milliseconds like the ISO text of the same moment', () => {
    expect(formatDateTime(moment.getTime(), 'en-GB')).toBe(formatDateTime(moment.toISOString(), 'en-GB'));
  });

  it('shows text that is not a date as it is', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDateTime('')).toBe('');
  });
});
