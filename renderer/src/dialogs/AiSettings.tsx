// Settings → AI: the offline mock (default) or an OpenAI-compatible model (OpenAI, or a local Ollama or
// LM Studio server). The API key is write-only here: it is sent to the backend once and never comes
// back; the section shows only whether a key is stored, how, and for which server.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './ai-settings.css';
import { useEffect, useId, useState } from 'react';
import type { Result } from '../../../shared/api/contract';
import { useApp } from '../app/context';
import { AI_PRESETS, choosePreset, modelPlaceholder } from './ai-presets';

export { AI_PRESETS } from './ai-presets';

type View = Result<'ai.getSettings'>;
type TestResult = Result<'ai.testConnection'>;

const STORAGE_TEXT: Record<View['keyStorage'], string> = {
  safeStorage: 'Stored encrypted by your system’s keychain, on this computer only.',
  'plaintext-fallback':
    'This system has no keychain Flowgate can use, so the key is stored without real encryption: anyone who can read your files can read it. Setting FLOWGATE_AI_API_KEY before starting Flowgate avoids storing it.',
  file: 'Stored in a file in Flowgate’s data folder that only your user account can read.',
  env: 'The key comes from the FLOWGATE_AI_API_KEY environment variable; it is used for every server.',
};

interface Form {
  provider: View['provider'];
  baseUrl: string;
  model: string;
  timeoutSeconds: string;
  maxCallsWithoutAsking: string;
}

function formOf(view: View): Form {
  return {
    provider: view.provider,
    baseUrl: view.baseUrl,
    model: view.model,
    timeoutSeconds: String(view.timeoutSeconds),
    maxCallsWithoutAsking: String(view.maxCallsWithoutAsking),
  };
}

function wholeNumber(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function AiSettings({ onSaved }: { onSaved?(view: View): void }) {
  const app = useApp();
  const modelsId = useId();
  const [view, setView] = useState<View | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [test, setTest] = useState<TestResult | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'danger'; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    app.api['ai.getSettings']({}).then(
      (v) => {
        if (!live) return;
        setView(v);
        setForm(formOf(v));
      },
      (e: unknown) => live && setMessage({ tone: 'danger', text: `The AI settings could not be read: ${(e as Error).message}` }),
    );
    return () => {
      live = false;
    };
  }, [app]);

  if (!view || !form) {
    return <p className="muted small">{message ? message.text : 'Reading the AI settings…'}</p>;
  }

  const set = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setMessage(null);
  };
  const external = form.provider === 'openai-compatible';
  const keyIsForOtherServer = view.keyServer !== null && view.keyStorage !== 'env' && view.keyServer !== originOf(form.baseUrl);

  async function runTest() {
    setBusy('test');
    setTest(null);
    setMessage(null);
    try {
      setTest(await app.api['ai.testConnection']({ baseUrl: form!.baseUrl, model: form!.model, ...(key.trim() ? { apiKey: key.trim() } : {}) }));
    } catch (e) {
      setTest({ ok: false, problem: 'other', message: (e as Error).message });
    } finally {
      setBusy(null);
    }
  }

  async function save(patch: { apiKey?: string | null } = {}) {
    const timeoutSeconds = wholeNumber(form!.timeoutSeconds);
    const maxCalls = wholeNumber(form!.maxCallsWithoutAsking);
    if (timeoutSeconds === null || timeoutSeconds < 1 || timeoutSeconds > 600) {
      setMessage({ tone: 'danger', text: 'The timeout must be a whole number of seconds from 1 to 600.' });
      return;
    }
    if (maxCalls === null) {
      setMessage({ tone: 'danger', text: 'The number of calls must be a whole number, 0 or more.' });
      return;
    }
    setBusy('save');
    try {
      const apiKey = patch.apiKey === null ? null : key.trim() ? key.trim() : undefined;
      const next = await app.api['ai.updateSettings']({
        provider: form!.provider,
        baseUrl: form!.baseUrl,
        model: form!.model,
        timeoutSeconds,
        maxCallsWithoutAsking: maxCalls,
        ...(apiKey !== undefined ? { apiKey } : {}),
      });
      // The typed key is not kept in the page once the backend has it.
      setKey('');
      setView(next);
      setForm(formOf(next));
      setMessage({ tone: 'ok', text: patch.apiKey === null ? 'The key was removed.' : 'Saved.' });
      onSaved?.(next);
    } catch (e) {
      setMessage({ tone: 'danger', text: (e as Error).message });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="ai-settings" aria-label="AI provider" data-testid="settings-ai">
      <label className="field">
        <span className="field-label">AI provider</span>
        <select className="input" value={form.provider} onChange={(e) => set({ provider: e.target.value as Form['provider'] })} data-testid="settings-ai-provider">
          <option value="mock">Mock (offline, no key)</option>
          <option value="openai-compatible">OpenAI-compatible model</option>
        </select>
        <span className="muted small">
          {external
            ? 'AI steps whose provider is “External provider” run on this model during rehearsals; the data those steps read is sent to it. Other AI steps stay on the mock.'
            : 'Every AI step runs on Flowgate’s built-in mock: deterministic, offline, nothing leaves this computer.'}
        </span>
      </label>

      {external && (
        <>
          <div className="field">
            <span className="field-label" id={`${modelsId}-presets`}>
              Server
            </span>
            <div className="ai-presets" role="group" aria-labelledby={`${modelsId}-presets`}>
              {AI_PRESETS.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  className={`btn small${form.baseUrl === p.baseUrl ? ' is-active' : ''}`}
                  onClick={() => set(choosePreset(form, p))}
                  data-testid={`settings-ai-preset-${p.id}`}
                >
                  {p.label}
                </button>
              ))}
            </div>
          </div>
          <label className="field">
            <span className="field-label">Base URL</span>
            <input className="input" type="url" value={form.baseUrl} spellCheck={false} onChange={(e) => set({ baseUrl: e.target.value })} data-testid="settings-ai-baseurl" />
            <span className="muted small">
              {view.baseUrlIsLocal && originOf(form.baseUrl) === originOf(view.baseUrl)
                ? 'This server runs on this computer: nothing leaves it.'
                : 'Local servers: Ollama at http://localhost:11434/v1, LM Studio at http://localhost:1234/v1.'}
            </span>
          </label>
          <label className="field">
            <span className="field-label">Model</span>
            <input className="input" value={form.model} spellCheck={false} list={modelsId} placeholder={modelPlaceholder(form.baseUrl)} onChange={(e) => set({ model: e.target.value })} data-testid="settings-ai-model" />
            <datalist id={modelsId}>{test?.models?.map((m) => <option key={m} value={m} />)}</datalist>
          </label>
          <div className="field">
            <label className="field-label" htmlFor={`${modelsId}-key`}>
              API key
            </label>
            <input
              id={`${modelsId}-key`}
              className="input"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={key}
              placeholder={view.hasKey ? 'A key is stored; type a new one to replace it' : 'Not needed for local servers'}
              onChange={(e) => setKey(e.target.value)}
              data-testid="settings-ai-key"
            />
            <span className="muted small" data-testid="settings-ai-key-status">
              {view.keyServer && !keyIsForOtherServer ? `A key is stored for ${view.keyServer}. ` : ''}
              {keyIsForOtherServer ? `A key is stored for ${view.keyServer}; it is sent there only, never to this server. ` : ''}
              {view.keyStorage === 'plaintext-fallback'
                ? ''
                : view.keyServer || view.keyStorage === 'env'
                  ? STORAGE_TEXT[view.keyStorage]
                  : 'The key stays with Flowgate’s backend: never in workflow files, exports, reports or traces.'}
            </span>
            {view.keyStorage === 'plaintext-fallback' && <span className="notice tone-warn small">{STORAGE_TEXT['plaintext-fallback']}</span>}
            {view.keyServer && view.keyStorage !== 'env' && (
              <span>
                <button type="button" className="btn small btn-danger-quiet" disabled={busy !== null} onClick={() => void save({ apiKey: null })} data-testid="settings-ai-key-remove">
                  Remove the stored key
                </button>
              </span>
            )}
          </div>
          <div className="ai-numbers">
            <label className="field">
              <span className="field-label">Timeout per request (seconds)</span>
              <input className="input" inputMode="numeric" value={form.timeoutSeconds} onChange={(e) => set({ timeoutSeconds: e.target.value })} data-testid="settings-ai-timeout" />
            </label>
            <label className="field">
              <span className="field-label">Ask before a batch makes more calls than</span>
              <input className="input" inputMode="numeric" value={form.maxCallsWithoutAsking} onChange={(e) => set({ maxCallsWithoutAsking: e.target.value })} data-testid="settings-ai-maxcalls" />
            </label>
          </div>
        </>
      )}

      <div className="ai-actions">
        {external && (
          <button type="button" className="btn" disabled={busy !== null} onClick={() => void runTest()} data-testid="settings-ai-test">
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
        )}
        <button type="button" className="btn btn-primary" disabled={busy !== null} onClick={() => void save()} data-testid="settings-ai-save">
          {busy === 'save' ? 'Saving…' : 'Save AI settings'}
        </button>
      </div>
      {test && external && (
        <p className={`notice small ${test.ok ? 'tone-ok' : 'tone-danger'}`} role="status" data-testid="settings-ai-result" data-ok={test.ok} data-problem={test.problem ?? ''}>
          {test.message}
        </p>
      )}
      {message && (
        <p className={`notice small ${message.tone === 'ok' ? 'tone-ok' : 'tone-danger'}`} role={message.tone === 'ok' ? 'status' : 'alert'} data-testid="settings-ai-message">
          {message.text}
        </p>
      )}
      {view.warnings.map((w) => (
        <p key={w} className="notice tone-warn small">
          {w}
        </p>
      ))}
    </section>
  );
}
