/**
 * Field parsers the parts of the configuration share (config.ts and its config*.ts parts): each
 * takes the sentence a wrong value gets, so every mistake names its variable.
 */
import { z } from 'zod';

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const positiveNumber = (message: string) =>
  z
    .string()
    .transform(Number)
    .refine((n) => Number.isFinite(n) && n > 0, { error: message });

/** A whole number from `min` up, with one sentence for anything else. */
export const wholeNumber = (min: number, message: string) =>
  z
    .string()
    .regex(/^\d{1,12}$/, { error: message })
    .transform(Number)
    .refine((n) => n >= min, { error: message });
