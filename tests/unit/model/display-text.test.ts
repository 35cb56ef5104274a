import { describe, expect, it } from 'vitest';
import { MAX_DISPLAY_CHARS, displayText } from '../../../shared/model/display-text';

describe('displayText', () => {
  it('leaves ordinary names alone', () => {
    expect(displayText('Support ticket triage')).toBe('Support ticket triage');
    expect(displayText('Rückerstattung — 返金 🧾')).toBe('Rückerstattung — 返金 🧾');
  });

  it('turns line breaks, tabs and other control characters into single spaces', () => {
    expect(displayText('line one\r\nline two\u0000\u0007three\u2028four\t\tfive')).toBe('line one line two three four five');
    expect(displayText('  padded  ')).toBe('padded');
  });

  it('drops bidirectional overrides that would make the rest display backwards', () => {
    expect(displayText('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    expect(displayText('a\u2066b\u2069c')).toBe('abc');
  });

  it(`cuts long text at ${MAX_DISPLAY_CHARS} characters with an ellipsis, never inside an emoji`, () => {
    const long = displayText('word '.repeat(1000));
    expect(Array.from(long)).toHaveLength(MAX_DISPLAY_CHARS);
    expect(long.endsWith('word…')).toBe(true);
    const emoji = displayText('🧾'.repeat(20), 10);
    expect(emoji).toBe(`${'🧾'.repeat(9)}…`);
    expect(displayText('x'.repeat(10), 10)).toBe('x'.repeat(10));
  });

  it('gives the fallback for text with nothing to show', () => {
    expect(displayText('', 80, 'Untitled workflow')).toBe('Untitled workflow');
    expect(displayText('\u0000\n \u202E', 80, 'Untitled workflow')).toBe('Untitled workflow');
  });
});
