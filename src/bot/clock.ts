import type { Clock } from '../core/clock.js';

/** The real clock; tests and `worker --once --now` pass their own. */
export const systemClock: Clock = {
  now: () => new Date(),
};
