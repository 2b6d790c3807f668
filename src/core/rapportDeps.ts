/** What the Rapport facade is built from: the store, the clock, configuration and optional ports. */
import type { Clock } from './clock.js';
import type { CommandObserver } from './commandObserver.js';
import type { ChartRenderer } from './digest/digestPorts.js';
import type { Platform } from './domain.js';
import type { ChannelDirectory } from './notifier.js';
import type { ReferenceSyntax } from './references.js';
import type { Store } from './store.js';

/** The first coordinators, from configuration: `slack:<team>:<user>`. */
export interface CoordinatorSpec {
  platform: Platform;
  spaceId: string;
  userId: string;
}

/** The little core needs of a logger: structured fields, never what a person typed. */
export interface CoreLogger {
  error(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

export interface RapportDeps {
  store: Store;
  clock: Clock;
  /** The organization's default time zone for new organizations. */
  timezone: string;
  coordinators: readonly CoordinatorSpec[];
  logger?: CoreLogger;
  /** Renders the digest's funnel chart to PNG (src/bot/digest); without it previews have no image. */
  chart?: ChartRenderer;
  /** Looks channels up on their platform (src/bot); without it no digest channel can be set. */
  channels?: ChannelDirectory;
  /** Told how every dispatched command ended (the bot counts them for /metrics). */
  observer?: CommandObserver;
  /** Each platform's syntax for people and channels in text (src/bot/references.ts); names only without. */
  references?: Partial<Record<Platform, ReferenceSyntax>>;
}
