// Settings: the theme (stored by the backend, applied at once), the AI provider, and facts about this install.
import { THEMES } from '../../../shared/api/contract';
import { useApp, useUi } from '../app/context';
import type { Theme } from '../store/theme';
import { AiSettings } from './AiSettings';
import { Dialog } from './Dialog';

const THEME_TEXT: Record<Theme, { label: string; hint: string }> = {
  light: { label: 'Light', hint: 'Dark text on light panels.' },
  dark: { label: 'Dark', hint: 'Light text on dark panels; easier at night.' },
  system: { label: 'Same as the system', hint: 'Follows your operating system’s light or dark setting.' },
};

export function SettingsDialog({ resolve }: { resolve(v: null): void }) {
  const app = useApp();
  const theme = useUi((s) => s.theme);
  const info = app.info;
  return (
    <Dialog
      title="Settings"
      testId="dialog-settings"
      wide
      onDismiss={() => resolve(null)}
      footer={
        <button type="button" className="btn btn-primary" onClick={() => resolve(null)} data-testid="settings-done">
          Done
        </button>
      }
    >
      <fieldset className="radio-group">
        <legend className="field-label">Theme</legend>
        {THEMES.map((t) => (
          <label key={t} className={`radio-card${theme === t ? ' is-checked' : ''}`}>
            <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => void app.setTheme(t)} data-testid={`settings-theme-${t}`} />
            <span>
              <span className="radio-label">{THEME_TEXT[t].label}</span>
              <span className="muted small">{THEME_TEXT[t].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <AiSettings onSaved={(ai) => app.setAiLocal(ai.provider === 'openai-compatible' && ai.baseUrlIsLocal)} />
      {info && (
        <dl className="about">
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Mode</dt>
          <dd>{info.mode === 'desktop' ? 'Desktop app' : 'Browser mode'}</dd>
          <dt>Workflows folder</dt>
          <dd>
            <code>{info.workspaceDir}</code>
          </dd>
        </dl>
      )}
    </Dialog>
  );
}
