// The AI settings through the API: mock by default, the key write-only (stored 0600 or with
// safeStorage, bound to the server it was saved for), FLOWGATE_AI_API_KEY, damaged files, and the
// connection test's plain answers.
import { createServer, type Server, type Socket } from 'node:net';
import { readFile, stat, writeFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeStorageSecretStore, type SafeStorageLike } from '../../electron/backend/ai/secret-store';
import { makeBackend, tempDir } from './helpers';
import { startMockOpenAi, type MockOpenAi } from './support/mock-openai-server';

const servers: MockOpenAi[] = [];
const hanging: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(hanging.splice(0).map((s) => new Promise((done) => s.close(done))));
});

async function mockServer(options: Parameters<typeof startMockOpenAi>[0] = {}) {
  const s = await startMockOpenAi(options);
  servers.push(s);
  return s;
}

const KEY = 'sk-settings-test-key-ABCDEFGH12345678';

describe('ai.getSettings and ai.updateSettings', () => {
  it('starts on the mock with no key, and keeps the key out of every answer and of the settings file', async () => {
    vi.stubEnv('FLOWGATE_AI_API_KEY', '');
    const t = await makeBackend();
    expect(await t.ok('ai.getSettings', {})).toEqual({
      provider: 'mock',
      baseUrl: 'https://api.openai.com/v1',
      model: '',
      timeoutSeconds: 30,
      maxCallsWithoutAsking: 20,
      hasKey: false,
      keyStorage: 'file',
      keyServer: null,
      baseUrlIsLocal: false,
      warnings: [],
    });
    const view = await t.ok('ai.updateSettings', { provider: 'openai-compatible', model: 'gpt-4o-mini', apiKey: KEY });
    expect(view).toMatchObject({ provider: 'openai-compatible', model: 'gpt-4o-mini', hasKey: true, keyServer: 'https://api.openai.com' });
    expect(JSON.stringify(view)).not.toContain(KEY);
    expect(JSON.stringify(await t.ok('ai.getSettings', {}))).not.toContain(KEY);

    const settingsFile = await readFile(join(t.dataDir, 'ai-settings.json'), 'utf8');
    expect(JSON.parse(settingsFile)).toMatchObject({ provider: 'openai-compatible', model: 'gpt-4o-mini', keyServer: 'https://api.openai.com' });
    expect(settingsFile).not.toContain(KEY);
    const keyFile = join(t.dataDir, 'ai-key');
    expect((await readFile(keyFile, 'utf8')).trim()).toBe(KEY);
    if (process.platform !== 'win32') expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
  });

  it('sends a stored key only to the server it was saved for', async () => {
    vi.stubEnv('FLOWGATE_AI_API_KEY', '');
    const t = await makeBackend();
    await t.ok('ai.updateSettings', { provider: 'openai-compatible', baseUrl: 'https://api.openai.com/v1', apiKey: KEY });
    const local = await t.ok('ai.updateSettings', { baseUrl: 'http://localhost:11434/v1' });
    expect(local).toMatchObject({ hasKey: false, keyServer: 'https://api.openai.com', baseUrlIsLocal: true });
    expect(await t.ok('ai.updateSettings', { baseUrl: 'https://api.openai.com/v1/' })).toMatchObject({ hasKey: true, baseUrlIsLocal: false });
  });

  it('removes the key with apiKey: null', async () => {
    vi.stubEnv('FLOWGATE_AI_API_KEY', '');
    const t = await makeBackend();
    await t.ok('ai.updateSettings', { apiKey: KEY });
    expect(await t.ok('ai.updateSettings', { apiKey: null })).toMatchObject({ hasKey: false, keyServer: null });
    expect(await readdir(t.dataDir)).not.toContain('ai-key');
  });

  it('keeps the settings and the key across a restart', async () => {
    vi.stubEnv('FLOWGATE_AI_API_KEY', '');
    const first = await makeBackend();
    await first.ok('ai.updateSettings', { provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:1234/v1', model: 'qwen', apiKey: KEY, timeoutSeconds: 12, maxCallsWithoutAsking: 5 });
    await first.backend.close();
    const again = await makeBackend({ dataDir: first.dataDir });
    expect(await again.ok('ai.getSettings', {})).toMatchObject({ provider: 'openai-compatible', model: 'qwen', hasKey: true, timeoutSeconds: 12, maxCallsWithoutAsking: 5, baseUrlIsLocal: true });
  });

  it('uses FLOWGATE_AI_API_KEY when it is set, and says so', async () => {
    vi.stubEnv('FLOWGATE_AI_API_KEY', KEY);
    const t = await makeBackend();
    expect(await t.ok('ai.getSettings', {})).toMatchObject({ hasKey: true, keyStorage: 'env', keyServer: null });
  });

  it('refuses a base URL that is not a web address, and a key with spaces, without repeating the key', async () => {
    const t = await makeBackend();
    const url = await t.call('ai.updateSettings', { baseUrl: 'file:///etc/passwd' });
    expect(url).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.baseUrl' } });
    const bad = 'sk-has a-space-SECRET-PART-987654';
    const key = await t.call('ai.updateSettings', { apiKey: bad });
    expect(key).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.apiKey' } });
    expect(JSON.stringify(key)).not.toContain('SECRET-PART');
    const sneaky = await t.call('ai.getSettings', { apiKey: 'x' } as never);
    expect(sneaky.ok).toBe(false);
  });

  it('sets a damaged settings file aside, starts on the mock and says where the old file is', async () => {
    const dataDir = join(await tempDir(), 'data');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'ai-settings.json'), '{"provider": "openai-compat');
    const t = await makeBackend({ dataDir });
    const view = await t.ok('ai.getSettings', {});
    expect(view.provider).toBe('mock');
    expect(view.warnings[0]).toMatch(/were damaged .* kept as .*ai-settings\.corrupt-.*\.json/);
    expect((await t.ok('app.info', {})).warnings.join('\n')).toContain('AI settings were damaged');
    const aside = (await readdir(dataDir)).find((f) => f.startsWith('ai-settings.corrupt-'))!;
    expect(await readFile(join(dataDir, aside), 'utf8')).toBe('{"provider": "openai-compat');
  });
});

describe('safeStorage key store (desktop)', () => {
  /** A stand-in for Electron's safeStorage: reversible, but the file never holds the key as is. */
  function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
    return {
      isEncryptionAvailable: () => available,
      encryptString: (s) => Buffer.from([...Buffer.from(s, 'utf8')].map((b) => b ^ 0x5a)),
      decryptString: (b) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString('utf8'),
      getSelectedStorageBackend: () => backend,
    };
  }

  it('stores the key encrypted, 0600, and reports safeStorage', async () => {
    vi.stubEnv('FLOWGATE_AI_API_KEY', '');
    const dataDir = join(await tempDir(), 'data');
    const t = await makeBackend({ mode: 'desktop', dataDir, secretStore: safeStorageSecretStore(() => fakeSafeStorage(), dataDir, 'linux') });
    expect(await t.ok('ai.updateSettings', { apiKey: KEY })).toMatchObject({ hasKey: true, keyStorage: 'safeStorage' });
    const file = join(dataDir, 'ai-key.enc');
    const stored = await readFile(file, 'utf8');
    expect(stored).not.toContain(KEY);
    expect(Buffer.from(stored, 'base64').toString('utf8')).not.toContain(KEY);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dataDir)).not.toContain('ai-key');
    await t.backend.close();
    const again = await makeBackend({ mode: 'desktop', dataDir, secretStore: safeStorageSecretStore(() => fakeSafeStorage(), dataDir, 'linux') });
    expect(await again.ok('ai.getSettings', {})).toMatchObject({ hasKey: true });
  });

  it('reports the plain-text fallback when Linux has no keyring (basic_text)', async () => {
    vi.stubEnv('FLOWGATE_AI_API_KEY', '');
    const dataDir = join(await tempDir(), 'data');
    const t = await makeBackend({ mode: 'desktop', dataDir, secretStore: safeStorageSecretStore(() => fakeSafeStorage('basic_text'), dataDir, 'linux') });
    expect((await t.ok('ai.getSettings', {})).keyStorage).toBe('plaintext-fallback');
    const mac = await makeBackend({ mode: 'desktop', secretStore: safeStorageSecretStore(() => fakeSafeStorage('basic_text'), dataDir, 'darwin') });
    expect((await mac.ok('ai.getSettings', {})).keyStorage).toBe('safeStorage');
  });

  it('refuses to store a key when encryption is unavailable, and changes nothing else', async () => {
    vi.stubEnv('FLOWGATE_AI_API_KEY', '');
    const dataDir = join(await tempDir(), 'data');
    const t = await makeBackend({ mode: 'desktop', dataDir, secretStore: safeStorageSecretStore(() => fakeSafeStorage('kwallet', false), dataDir, 'linux') });
    const r = await t.call('ai.updateSettings', { model: 'gpt-4o', apiKey: KEY });
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(!r.ok && r.error.message).toContain('FLOWGATE_AI_API_KEY');
    expect(await t.ok('ai.getSettings', {})).toMatchObject({ model: '', hasKey: false });
  });
});

describe('ai.testConnection', () => {
  it('lists the server’s models and confirms the chosen one', async () => {
    const server = await mockServer({ models: ['llama3.2', 'qwen2.5'] });
    const t = await makeBackend();
    expect(await t.ok('ai.testConnection', { baseUrl: server.url, model: 'qwen2.5' })).toEqual({
      ok: true,
      models: ['llama3.2', 'qwen2.5'],
      message: `Connected to ${server.url}: the model "qwen2.5" is ready.`,
    });
  });

  it('says the model is missing, and which ones there are', async () => {
    const server = await mockServer({ models: ['llama3.2'] });
    const t = await makeBackend();
    expect(await t.ok('ai.testConnection', { baseUrl: server.url, model: 'gpt-4o' })).toMatchObject({
      ok: false,
      problem: 'model-not-found',
      models: ['llama3.2'],
      message: expect.stringContaining('has no model "gpt-4o". Its models: llama3.2.'),
    });
  });

  it('says the key was refused (401), using the stored key only for its own server', async () => {
    vi.stubEnv('FLOWGATE_AI_API_KEY', '');
    const server = await mockServer({ apiKey: KEY });
    const t = await makeBackend();
    const refused = await t.ok('ai.testConnection', { baseUrl: server.url, model: 'test-model', apiKey: 'sk-wrong-key-0000000000000000' });
    expect(refused).toMatchObject({ ok: false, problem: 'unauthorized' });
    expect(refused.message).not.toContain('sk-wrong-key-0000000000000000');
    await t.ok('ai.updateSettings', { baseUrl: server.url, apiKey: KEY });
    expect(await t.ok('ai.testConnection', {})).toMatchObject({ ok: true });
    expect(server.requests.at(-1)!.authorization).toBe(`Bearer ${KEY}`);
    // Another server does not get the stored key.
    const other = await mockServer();
    await t.ok('ai.testConnection', { baseUrl: other.url });
    expect(other.requests[0].authorization).toBe('Bearer no-key-set');
  });

  it('says an address without /v1 has no model list there', async () => {
    const server = await mockServer();
    const t = await makeBackend();
    const r = await t.ok('ai.testConnection', { baseUrl: server.url.replace(/\/v1$/, '') });
    expect(r).toMatchObject({ ok: false, problem: 'other' });
    expect(r.message).toContain('usually end in /v1');
  });

  it('says unreachable when nothing listens, and timeout when the server never answers', async () => {
    const t = await makeBackend();
    const silent = createServer((socket) => sockets.push(socket)); // accepts connections, never answers
    hanging.push(silent);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const port = (silent.address() as { port: number }).port;
    await t.ok('ai.updateSettings', { timeoutSeconds: 1 });
    const slow = await t.ok('ai.testConnection', { baseUrl: `http://127.0.0.1:${port}/v1` });
    expect(slow).toMatchObject({ ok: false, problem: 'timeout', message: expect.stringContaining('did not answer within 1 s') });

    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise((done) => closed.close(done));
    const gone = await t.ok('ai.testConnection', { baseUrl: `http://127.0.0.1:${closedPort}/v1` });
    expect(gone).toMatchObject({ ok: false, problem: 'unreachable', message: expect.stringContaining('nothing is listening there') });
  });
});
