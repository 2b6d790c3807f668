/**
 * Secrets at rest (Slack tokens): AES-256-GCM with `node:crypto`. Each sealed value carries the id
 * of the key that sealed it, so keys can be rotated: RAPPORT_ENCRYPTION_KEY lists the current key
 * first and, during a rotation, older keys after it (comma-separated); `npm run rotate-key`
 * re-seals every row under the current key, after which the old ones can be dropped.
 *
 * A sealed value is `base64(iv | tag | ciphertext)`; `context` (the row's key, such as the team
 * id) is bound as associated data, so a sealed value copied onto another row does not open.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface EncryptionKey {
  /** The first 8 hex digits of the key's SHA-256: names the key without revealing it. */
  id: string;
  key: Buffer;
}

export interface Sealed {
  keyId: string;
  sealed: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A key from its base64 text, or a sentence saying why not (never echoing the key). */
export function parseEncryptionKey(text: string): EncryptionKey | string {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return 'is not base64';
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== 32) return `is ${key.length} bytes, not 32`;
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

/** Seals and opens with a ring of keys: seals under the first, opens under whichever sealed it. */
export class SecretBox {
  constructor(private readonly keys: readonly EncryptionKey[]) {
    if (keys.length === 0) throw new Error('SecretBox needs at least one key');
  }

  get currentKeyId(): string {
    return this.keys[0]!.id;
  }

  seal(plaintext: string, context: string): Sealed {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: id, sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
  }

  /** Throws when the key is not in the ring or the value was altered (GCM's tag). */
  open(value: Sealed, context: string): string {
    const ring = this.keys.find((k) => k.id === value.keyId);
    if (!ring) throw new Error(`no encryption key with id ${value.keyId} in RAPPORT_ENCRYPTION_KEY`);
    const bytes = Buffer.from(value.sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', ring.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  }
}
