// Numbers and errors in words, the same on every machine (no locale): used by the analysis, the
// simulator, the report, the command line and the app, so that "1,000 steps" reads the same
// everywhere.

/** 10000 → "10,000"; 1234.5 → "1,234.5". */
export function thousands(n: number): string {
  const [int, frac] = String(n).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

/** "1 file", "2 files", "1,200 steps"; `many` for words that do not just take an s. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${thousands(n)} ${n === 1 ? one : many}`;
}

/** What went wrong, from anything a promise may reject with or code may throw. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
