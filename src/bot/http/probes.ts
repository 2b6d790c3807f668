/**
 * The probes an orchestrator asks (PRODUCT.md, "Operating it"): `/livez` answers while the process
 * runs and touches nothing else, so a slow database never gets a healthy process restarted;
 * `/readyz` answers 200 only when the database answers with every migration applied and every
 * part this process runs (a platform connection, the worker's passes) says it is ready; `/healthz`
 * is the same decision with the body it has always had.
 */
import type { ServerResponse } from 'node:http';
import { realWait, settle, within } from '../discord/deadline.js';
import type { RouteHandler } from './httpServer.js';

/** One part of the process that /readyz asks; `name` is what /readyz lists when it fails. */
export interface ReadinessCheck {
  readonly name: string;
  /** True when the part can serve now. A rejection or a hang counts as not ready. */
  ready(): boolean | Promise<boolean>;
}

/** What /readyz decided, with the names of the checks that failed. */
export interface Readiness {
  ready: boolean;
  failing: string[];
}

type Send = (res: ServerResponse, status: number, body: unknown) => void;
type Route = (method: string, path: string, handler: RouteHandler) => void;

export interface ProbeOptions {
  /** The database check: resolves true when it answers (and its schema is current). */
  health: () => Promise<boolean>;
  /** How long the checks together may take before the answer is 503. */
  timeoutMs: number;
  logger: { warn(obj: object, msg: string): void };
}

/** True when `check` answers true within `timeoutMs`; a rejection, another answer or a hang is false. */
async function readyWithin(check: ReadinessCheck, timeoutMs: number): Promise<boolean> {
  const outcome = await within(settle(Promise.resolve().then(() => check.ready())), timeoutMs, realWait);
  return outcome !== 'late' && outcome.ok && outcome.value === true;
}

/**
 * Mounts /livez, /readyz and /healthz with `route` and returns the function that adds a check.
 * Every check runs at once, each bounded by the same timeout, so one hung part cannot hide the
 * state of the others.
 */
export function mountProbes(
  route: Route,
  send: Send,
  options: ProbeOptions,
): (check: ReadinessCheck) => void {
  const checks: ReadinessCheck[] = [{ name: 'database', ready: options.health }];

  const readiness = async (): Promise<Readiness> => {
    const results = await Promise.all(checks.map((check) => readyWithin(check, options.timeoutMs)));
    const failing = checks.filter((_, index) => !results[index]).map((check) => check.name);
    return { ready: failing.length === 0, failing };
  };

  const probe = async (path: string): Promise<Readiness> => {
    const result = await readiness();
    if (!result.ready) options.logger.warn({ path, failing: result.failing }, 'Not ready');
    return result;
  };

  route('GET', '/livez', (_req, res) => send(res, 200, { status: 'ok' }));
  route('GET', '/readyz', async (_req, res) => {
    const { ready, failing } = await probe('/readyz');
    send(res, ready ? 200 : 503, ready ? { status: 'ok' } : { status: 'unavailable', failing });
  });
  route('GET', '/healthz', async (_req, res) => {
    const { ready } = await probe('/healthz');
    send(res, ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable' });
  });

  return (check) => {
    if (checks.some((known) => known.name === check.name))
      throw new Error(`A readiness check named ${check.name} is already registered.`);
    checks.push(check);
  };
}
