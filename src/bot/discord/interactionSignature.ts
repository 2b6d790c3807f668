/**
 * Discord's signature on an interaction sent over HTTP: Ed25519 over the `X-Signature-Timestamp`
 * header followed by the raw body, by the application's key, in `X-Signature-Ed25519` (hex).
 * Checked with node:crypto alone. Discord sends badly signed requests on purpose when the
 * Interactions Endpoint URL is saved, and refuses the URL unless they are answered 401.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { header, Refusal, readBody, timestampProblem } from '../http/signedRequests.js';

export const INTERACTIONS_PATH = '/discord/interactions';

/** Discord's interaction bodies are a few kilobytes; nothing legitimate comes near this. */
export const MAX_INTERACTION_BYTES = 1024 * 1024;

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

/**
 * An interaction request's body, once everything about it is checked, in the cheapest order: the
 * signature headers and the timestamp's window (401) and the declared length (413) before any of
 * the body is read; a free reading slot (503 at once); the body read up to 1 MB (413 past it,
 * and reading stops); its Ed25519 signature (401). Throws the Refusal.
 */
export async function readSignedBody(
  req: IncomingMessage,
  checks: {
    key: KeyObject;
    nowMs: number;
    /** The reading slots (a work queue of MAX_CONCURRENT_READS). */
    reading: { tryRun<T>(task: () => Promise<T>): Promise<T> | undefined };
  },
): Promise<Buffer> {
  const signature = header(req, 'x-signature-ed25519');
  const timestamp = header(req, 'x-signature-timestamp');
  const problem = headerProblem(signature, timestamp, checks.nowMs);
  if (problem) throw new Refusal(401, problem);
  const declared = Number(header(req, 'content-length'));
  if (declared > MAX_INTERACTION_BYTES) throw new Refusal(413, `declared body of ${declared} bytes`);
  const read = checks.reading.tryRun(() => readBody(req, MAX_INTERACTION_BYTES));
  if (!read) throw new Refusal(503, 'too many request bodies being read at once');
  const raw = await read;
  if (!isSignedBy(checks.key, signature!, timestamp!, raw)) throw new Refusal(401, 'signature mismatch');
  return raw;
}
