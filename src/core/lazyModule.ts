/**
 * A dependency loaded the first time it is used rather than at start: for a large library only
 * some processes need (the calendar, the chart renderer, the pretty log printer), so that the
 * others never pay its memory. The returned function loads it once and hands back the same module.
 */
import { createRequire } from 'node:module';

export function lazyModule<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= createRequire(import.meta.url)(specifier) as T;
    return loaded;
  };
}
