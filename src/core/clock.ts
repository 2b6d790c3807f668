/** What time it is: passed in everywhere, so tests move it and core never reads the wall clock. */

export interface Clock {
  now(): Date;
}
