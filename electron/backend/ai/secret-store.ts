// Where the AI provider's API key is kept, behind one small interface: encrypted with Electron's
// safeStorage in the desktop app (electron/main passes that store in), or a file only the user can
// read in browser mode. The key goes in and is read back only by the backend; nothing returns it to
// the renderer.
import { chmod, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { isNotFound } from '../errors';

/** How the key is kept, as Settings says it: `env` when FLOWGATE_AI_API_KEY provides it. */
export type KeyStorage = 'safeStorage' | 'plaintext-fallback' | 'file' | 'env';

export interface SecretStore {
  /** How this store keeps the key (asked each time: safeStorage knows its backend only once the app is ready). */
  kind(): Exclude<KeyStorage, 'env'>;
  read(): Promise<string | null>;
  write(secret: string): Promise<void>;
  remove(): Promise<void>;
}

export const KEY_FILE = 'ai-key';
export const ENCRYPTED_KEY_FILE = 'ai-key.enc';
export const KEY_ENV = 'FLOWGATE_AI_API_KEY';

/**
 * Writes a file readable and writable by its owner only (0600), atomically: a temp file created
 * with that mode, then renamed over the target, so no other user ever sees a readable copy.
 */
export async function writePrivateFile(file: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, 0o600);
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}

async function readPrivateFile(file: string): Promise<Buffer | null> {
  try {
    const info = await stat(file);
    // A copy restored from a backup may have come back readable by others: close it again.
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) await chmod(file, 0o600).catch(() => undefined);
    return await readFile(file);
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

async function removeFile(file: string): Promise<void> {
  await unlink(file).catch((e: unknown) => {
    if (!isNotFound(e)) throw e;
  });
}

/** Browser mode: the key in `<dataDir>/ai-key`, mode 0600. */
export function fileSecretStore(dataDir: string): SecretStore {
  const file = join(dataDir, KEY_FILE);
  return {
    kind: () => 'file',
    async read() {
      const data = await readPrivateFile(file);
      const key = data?.toString('utf8').trim();
      return key ? key : null;
    },
    write: (secret) => writePrivateFile(file, secret),
    remove: () => removeFile(file),
  };
}

/** The part of Electron's `safeStorage` the store uses (so tests can pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: `basic_text` means no keyring was found and "encryption" uses a fixed password. */
  getSelectedStorageBackend?(): string;
}

/**
 * Desktop: the key encrypted with safeStorage in `<dataDir>/ai-key.enc` (also 0600). `safeStorage`
 * is passed as a function so that nothing touches Electron before the store is used.
 */
export function safeStorageSecretStore(safeStorage: () => SafeStorageLike, dataDir: string, platform: NodeJS.Platform = process.platform): SecretStore {
  const file = join(dataDir, ENCRYPTED_KEY_FILE);
  return {
    kind() {
      if (platform !== 'linux') return 'safeStorage';
      try {
        return safeStorage().getSelectedStorageBackend?.() === 'basic_text' ? 'plaintext-fallback' : 'safeStorage';
      } catch {
        return 'safeStorage';
      }
    },
    async read() {
      const data = await readPrivateFile(file);
      if (!data) return null;
      const storage = safeStorage();
      if (!storage.isEncryptionAvailable()) throw new Error('The system’s encryption is not available, so the stored API key cannot be read.');
      const key = storage.decryptString(Buffer.from(data.toString('utf8').trim(), 'base64')).trim();
      return key || null;
    },
    async write(secret) {
      const storage = safeStorage();
      if (!storage.isEncryptionAvailable()) {
        throw new Error(`The system’s encryption is not available, so Flowgate will not store the key. Set ${KEY_ENV} before starting Flowgate instead.`);
      }
      await writePrivateFile(file, storage.encryptString(secret).toString('base64'));
    },
    remove: () => removeFile(file),
  };
}
