import { describe, expect, it } from 'vitest';
import type { AiDocument, AiRequest } from '../../../shared/simulation/ai-provider';
import { classify, mockAi } from '../../../shared/simulation/mock-ai';
import { extractFields } from '../../../shared/simulation/extract';
import { firstSentences, hasKeyword } from '../../../shared/simulation/text';

const labels = [
  { name: 'billing', keywords: ['refund', 'invoice', 'charge'] },
  { name: 'technical', keywords: ['error', 'crash'] },
  { name: 'other', keywords: [] },
];

const request = (over: Partial<AiRequest>): AiRequest => ({
  nodeId: 'a',
  task: 'classify',
  prompt: '',
  material: '',
  values: {},
  item: {},
  labels: [],
  fields: [],
  documents: [],
  signature: 'Support lead',
  ...over,
});

describe('classify', () => {
  it('picks the label with the most keywords; confidence grows with the matches', () => {
    expect(classify(labels, 'Please refund me')).toMatchObject({ output: 'billing', confidence: 0.7 });
    expect(classify(labels, 'Refund the invoice')).toMatchObject({ output: 'billing', confidence: 0.85 });
    expect(classify(labels, 'Refund the invoice charge')).toMatchObject({ output: 'billing', confidence: 0.98 });
  });

  it('is less sure when another label matches too, and unsure on a tie', () => {
    const close = classify(labels, 'The refund page shows an error after the invoice');
    expect(close).toMatchObject({ output: 'billing', confidence: 0.74 });
    const tie = classify(labels, 'refund error');
    expect(tie).toMatchObject({ output: 'billing', confidence: 0.53 });
  });

  it('falls back on a label without keywords, unsure, when nothing matches', () => {
    expect(classify(labels, 'Hello there')).toMatchObject({ output: 'other', confidence: 0.35 });
    expect(classify(labels.slice(0, 2), 'Hello there')).toMatchObject({ output: 'billing', confidence: 0.35 });
  });

  it('fails without labels', () => {
    expect(classify([], 'x')).toEqual({ ok: false, error: 'the step has no labels to choose from' });
  });

  it('matches keywords at the start of words, in any case', () => {
    expect(hasKeyword('we were refunded', 'refund')).toBe(true);
    expect(hasKeyword('prefunded', 'refund')).toBe(false);
    expect(classify(labels, 'CRASHED again')).toMatchObject({ output: 'technical' });
  });
});

describe('extract', () => {
  it('takes a value of the same name, then "Label: value", then a pattern the name suggests', () => {
    const text = 'Invoice INV-2041 from Acme.\nVendor: Acme Supplies Ltd\nTotal due: €1,240.00\nDue date: 2024-07-01\nContact billing@acme.example or +44 20 7946 0958';
    expect(extractFields(['vendor', 'total', 'dueDate', 'email', 'phone', 'invoiceNumber', 'customer', 'poNumber'], text, { customer: 'Bright Dental' })).toEqual({
      vendor: 'Acme Supplies Ltd',
      total: 1240,
      dueDate: '2024-07-01',
      email: 'billing@acme.example',
      phone: '+44 20 7946 0958',
      invoiceNumber: 'INV-2041',
      customer: 'Bright Dental',
      poNumber: null,
    });
  });

  it('is sure in proportion to the fields it found', () => {
    const answer = mockAi.run(request({ task: 'extract', fields: ['email', 'amount'], material: 'Write to a@b.example' }));
    expect(answer).toMatchObject({ ok: true, output: { email: 'a@b.example', amount: null }, confidence: 0.69, note: 'not found: amount' });
  });
});

describe('summarize, draft, retrieve', () => {
  it('summarize keeps the first two sentences after the subject, and is unsure with nothing to read', () => {
    const values = { subject: 'Export broken', body: "Exports fail. Click 'Export now?' on the page does nothing. Third sentence." };
    expect(mockAi.run(request({ task: 'summarize', values, material: 'x' }))).toMatchObject({
      output: "Export broken: Exports fail. Click 'Export now?' on the page does nothing.",
      confidence: 0.9,
    });
    expect(mockAi.run(request({ task: 'summarize' }))).toMatchObject({ output: '', confidence: 0.2 });
  });

  it('draft answers the customer by first name and quotes the best article', () => {
    const doc: AiDocument = { id: 'KB-1', kind: 'article', title: 'Reset your password', text: 'Click Forgot password. The link works for an hour. More.', score: 3 };
    const answer = mockAi.run(request({ task: 'draft', values: { subject: 'Locked out', body: 'Help me' }, item: { customerName: 'Ana Ruiz' }, material: 'Locked out\nHelp me', documents: [doc] }));
    expect(answer.ok && answer.output).toBe(
      [
        'Hello Ana,',
        '',
        'Thank you for getting in touch about "Locked out".',
        '',
        '"Reset your password" (KB-1) explains this: Click Forgot password. The link works for an hour.',
        '',
        'If anything is unclear, just reply to this message.',
        '',
        'Best regards,',
        'Support lead',
      ].join('\n'),
    );
  });

  it("draft fills the step's template when it has one", () => {
    expect(mockAi.run(request({ task: 'draft', material: 'x', template: 'Dear Ana, done.' }))).toMatchObject({ output: 'Dear Ana, done.', confidence: 0.92 });
  });

  it('retrieve holds the ids of the articles found, sure in proportion to the best match', () => {
    const docs: AiDocument[] = [
      { id: 'KB-2', kind: 'article', title: 'B', text: '', score: 3 },
      { id: 'KB-1', kind: 'article', title: 'A', text: '', score: 1 },
      { id: 'C-1', kind: 'record', title: 'Ana', text: '', score: 0 },
    ];
    expect(mockAi.run(request({ task: 'retrieve', documents: docs }))).toMatchObject({ output: ['KB-2', 'KB-1'], confidence: 0.8 });
    expect(mockAi.run(request({ task: 'retrieve' }))).toMatchObject({ output: [], confidence: 0.2 });
  });
});

describe('text helpers', () => {
  it('splits sentences where a capital follows, not inside quotes', () => {
    expect(firstSentences("Click 'Forgot password?' on the page. Then wait. Done.", 2)).toBe("Click 'Forgot password?' on the page. Then wait.");
    expect(firstSentences('No full stop here', 1)).toBe('No full stop here');
  });
});
