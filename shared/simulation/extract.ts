// Pattern-based extraction for the mock AI: a field is taken from a value of the same name, from a
// "Label: value" line in the text, or from a pattern its name suggests (email, amount, date, id…).
import { words } from './text';

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const PHONE = /\+?\(?\d[\d ().-]{6,}\d/g;
const AMOUNT = /(?:[$€£]\s?\d[\d,]*(?:\.\d{1,2})?|\d[\d,]*(?:\.\d{1,2})?\s?(?:USD|EUR|GBP|dollars|euros)\b)/i;
const DATE = /\b\d{4}-\d{2}-\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b|\b\d{1,2}\/\d{1,2}\/\d{4}\b/i;
const REFERENCE = /\b([A-Z]{1,5})-\d[\d-]*\b/g;
const URL = /\bhttps?:\/\/[^\s<>"')]+/;

type Finder = { find: (text: string) => string | undefined; amount?: boolean };

const first = (re: RegExp): Finder => ({ find: (text) => re.exec(text)?.[0] });

/** A phone number has eight digits or more and is not a date. */
const phone: Finder = {
  find: (text) => [...text.matchAll(PHONE)].map((m) => m[0].trim()).find((m) => m.replace(/\D/g, '').length >= 8 && !DATE.test(m)),
};

/**
 * An id or number: a reference like "PO-118" or "INV-2041". A field named after a kind of thing
 * (`poNumber`, `invoiceId`, `orderRef`) only takes a reference whose prefix fits it (PO, INV, ORD).
 */
function reference(hint: string | undefined): Finder {
  return {
    find: (text) => {
      for (const m of text.matchAll(REFERENCE)) {
        const prefix = m[1].toLowerCase();
        if (!hint || hint === prefix || hint.startsWith(prefix)) return m[0];
      }
      return undefined;
    },
  };
}

/** How a field's name says to look for it. */
function finderFor(field: string): Finder | undefined {
  const name = words(field);
  if (/\bemail\b/.test(name)) return first(EMAIL);
  if (/\b(phone|mobile|tel)\b/.test(name)) return phone;
  if (/\b(amount|total|price|cost|sum|value|budget|salary)\b/.test(name)) return { ...first(AMOUNT), amount: true };
  if (/\b(date|due|deadline|day|start)\b/.test(name)) return first(DATE);
  if (/\b(url|link|website)\b/.test(name)) return first(URL);
  const parts = name.split(' ');
  if (/^(id|number|ref|reference|no)$/.test(parts[parts.length - 1])) {
    return reference(parts.length > 1 ? parts[0] : undefined);
  }
  return undefined;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "Vendor: Acme Ltd" or "due date - 2025-04-01" on its own line or after a sentence. */
function labelled(field: string, text: string): string | undefined {
  const names = new Set([words(field), field.toLowerCase()]);
  for (const name of names) {
    const re = new RegExp(`(?:^|[\\n.;]\\s*|\\s)${escape(name).replace(/ /g, '\\s+')}\\s*[:=]\\s*([^\\n;]+)`, 'i');
    const m = re.exec(text);
    if (m) {
      const value = m[1].trim().replace(/[.,]+$/, '');
      if (value) return value;
    }
  }
  return undefined;
}

/** "$1,240.50" → 1240.5 */
export function parseAmount(text: string): number | string {
  const n = Number(text.replace(/[^\d.]/g, ''));
  return Number.isFinite(n) && /\d/.test(text) ? n : text;
}

/** The fields found in a text; a field that is nowhere is null. */
export function extractFields(fields: readonly string[], text: string, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const given = values[field];
    if (given !== undefined && given !== null && given !== '') {
      out[field] = given;
      continue;
    }
    const finder = finderFor(field);
    const line = labelled(field, text);
    const found = line !== undefined ? (finder?.find(line) ?? line) : finder?.find(text);
    out[field] = found === undefined ? null : finder?.amount ? parseAmount(found) : found;
  }
  return out;
}
