// One way to show a moment the app recorded (a run's start, a kept copy's last change): the user's
// locale, with the date and the time to the minute, "3 Jun 2024, 09:05". Every dialog and panel that
// shows such a moment uses it, so the same moment always reads the same.

const FORMAT: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/** An ISO 8601 text (or epoch milliseconds) in the user's locale; text that is not a date is shown as it is. */
export function formatDateTime(value: string | number, locale?: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleString(locale, FORMAT);
}
