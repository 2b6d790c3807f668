/**
 * Discord's signature on an interaction sent over HTTP: Ed25519 over the `X-Signature-Timestamp`
 * header followed by the raw body, by the application's key, in `X-Signature-Ed25519` (hex).
 * Checked with node:crypto alone. Discord sends badly signed requests on purpose when the
 * Interactions Endpoint URL is saved, and refuses the URL unless they are answered 401.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { timestampProblem } from '../http/signedRequests.js';

/** The DER header of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const SIGNATURE = /^[0-9a-fA-F]{128}$/;
const TIMESTAMP = /^\d{1,12}$/;

/** The application's public key (64 hex characters, as config.ts checked it) as a key object. */
export function discordPublicKey(hex: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/** Why the headers alone refuse a request, or null when they may carry a valid signature. */
export function headerProblem(
  signature: string | undefined,
  timestamp: string | undefined,
  nowMs: number,
): string | null {
  if (!signature || !timestamp || !SIGNATURE.test(signature) || !TIMESTAMP.test(timestamp))
    return 'missing or malformed signature headers';
  return timestampProblem(timestamp, nowMs);
}

/** Whether `signature` (hex) signs `timestamp` + `body` under `key`. */
export function isSignedBy(key: KeyObject, signature: string, timestamp: string, body: Buffer): boolean {
  try {
    return verify(
      null,
      Buffer.concat([Buffer.from(timestamp, 'utf8'), body]),
      key,
      Buffer.from(signature, 'hex'),
    );
  } catch {
    return false;
  }
}
