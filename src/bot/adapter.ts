/**
 * What main.ts starts and stops: a platform adapter (console, Slack, Discord) or the worker.
 * `start` resolves once the part is serving; `stop` resolves once its work in flight is done.
 */
export interface Adapter {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Whether the part can serve right now: its platform connection is up (the worker: its last
   * pass is recent). `/readyz` asks every part by its name; false before `start` and after `stop`.
   */
  ready(): boolean;
}
