// The batch form: typed text to batch settings, each problem named at its field, and back again.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, formFromSettings, inputsOf, settingsFromForm, slaText, type BatchForm } from '../../../renderer/src/batch/form';

const form = (patch: Partial<BatchForm>): BatchForm => ({ ...DEFAULT_FORM, inputs: 'scenarios', ...patch });

describe('settingsFromForm', () => {
  it('turns the defaults into complete settings', () => {
    expect(settingsFromForm(DEFAULT_FORM)).toEqual({
      ok: true,
      settings: { runs: 1000, seed: 1, inputs: { from: 'scenarios' }, faults: { aiUnavailable: 0, aiUnsure: 0, connectorFailure: 0 }, slaMinutes: null },
    });
  });

  it('reads per cent as shares, thousands separators, a data set and an SLA', () => {
    const r = settingsFromForm(form({ runs: '100,000', seed: '-5', inputs: 'dataset:tickets', aiUnavailable: '7', aiUnsure: '2.5%', connectorFailure: '0.1', sla: '90' }));
    expect(r).toEqual({
      ok: true,
      settings: { runs: 100_000, seed: -5, inputs: { from: 'dataset', dataset: 'tickets' }, faults: { aiUnavailable: 0.07, aiUnsure: 0.025, connectorFailure: 0.001 }, slaMinutes: 90 },
    });
  });

  it("takes the workflow's SLA until the user types one; an emptied box means none", () => {
    const sla = (f: BatchForm, own: number | null) => {
      const r = settingsFromForm(f, own);
      return r.ok ? r.settings.slaMinutes : r.errors;
    };
    expect(sla(DEFAULT_FORM, 240)).toBe(240);
    expect(slaText(DEFAULT_FORM, 240)).toBe('240');
    expect(sla(DEFAULT_FORM, null)).toBeNull();
    expect(slaText(DEFAULT_FORM, null)).toBe('');
    expect(sla(form({ sla: '30' }), 240)).toBe(30);
    expect(sla(form({ sla: '' }), 240)).toBeNull();
    expect(slaText(form({ sla: '' }), 240)).toBe('');
    expect(sla(form({ sla: 'soon' }), 240)).toEqual({ sla: 'The SLA must be a number of minutes above 0, or empty for none.' });
  });

  it('names each field that cannot be used', () => {
    const r = settingsFromForm(form({ runs: '0', seed: '1.5', aiUnavailable: '101', connectorFailure: 'lots', sla: '-1' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      runs: 'Items must be a whole number from 1 to 100,000.',
      seed: 'The seed must be a whole number.',
      aiUnavailable: 'AI unavailable must be a share from 0 to 100 %.',
      connectorFailure: 'Connector failure must be a share from 0 to 100 %.',
      sla: 'The SLA must be a number of minutes above 0, or empty for none.',
    });
    expect(settingsFromForm(form({ runs: '100001' })).ok).toBe(false);
    expect(settingsFromForm(form({ runs: '' })).ok).toBe(false);
  });

  it('refuses AI faults that add up to more than every AI step', () => {
    const r = settingsFromForm(form({ aiUnavailable: '60', aiUnsure: '50' }));
    expect(r).toEqual({ ok: false, errors: { aiUnsure: 'AI unavailable and AI unsure together cannot be more than 100 %.' } });
    expect(settingsFromForm(form({ aiUnavailable: '60', aiUnsure: '40' })).ok).toBe(true);
  });

  it('takes an empty seed as 1 and empty fault rates as none', () => {
    const r = settingsFromForm(form({ seed: ' ', aiUnsure: '' }));
    expect(r.ok && r.settings.seed).toBe(1);
    expect(r.ok && r.settings.faults.aiUnsure).toBe(0);
  });
});

describe('formFromSettings', () => {
  it('gives back the form that makes the same settings', () => {
    const settings = { runs: 2500, seed: 42, inputs: inputsOf('dataset:leads'), faults: { aiUnavailable: 0.03, aiUnsure: 0.075, connectorFailure: 0.001 }, slaMinutes: 45.5 };
    const f = formFromSettings(settings);
    expect(f).toEqual({ runs: '2500', seed: '42', inputs: 'dataset:leads', aiUnavailable: '3', aiUnsure: '7.5', connectorFailure: '0.1', sla: '45.5' });
    expect(settingsFromForm(f)).toEqual({ ok: true, settings });
  });
});
