/**
 * Discord's side of the interaction signature, for tests and the benchmark: an Ed25519 key pair
 * made on the spot, the public key as the developer portal shows it (64 hex characters), and
 * the headers Discord puts on each request it posts.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

export interface DiscordSigner {
  /** DISCORD_PUBLIC_KEY. */
  publicKeyHex: string;
  /** The signature headers of `body` sent at `timestampSeconds`. */
  headers(body: string | Buffer, timestampSeconds: number): Record<string, string>;
}

export function discordSigner(): DiscordSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The raw key is the last 32 bytes of its SubjectPublicKeyInfo.
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return {
    publicKeyHex: spki.subarray(spki.length - 32).toString('hex'),
    headers: (body, timestampSeconds) => signatureHeaders(privateKey, body, timestampSeconds),
  };
}

function signatureHeaders(
  key: KeyObject,
  body: string | Buffer,
  timestampSeconds: number,
): Record<string, string> {
  const timestamp = String(timestampSeconds);
  const data = Buffer.concat([Buffer.from(timestamp), Buffer.isBuffer(body) ? body : Buffer.from(body)]);
  return {
    'x-signature-ed25519': sign(null, data, key).toString('hex'),
    'x-signature-timestamp': timestamp,
  };
}
