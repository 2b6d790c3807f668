/**
 * What `npm start` and `npm run worker` both serve on PORT for the people who run them: the
 * probes (ready when the database answers with every migration applied, and every part added
 * with `addReadinessCheck` is ready) and `/metrics`, with the outbox gauges read at scrape time.
 */
import type { Config } from '../../config.js';
import { COMMANDS } from '../../core/commands/index.js';
import type { Database } from '../../db/engine.js';
import { outboxBacklog } from '../../db/outboxBacklog.js';
import { schemaIsCurrent } from '../../db/schemaVersion.js';
import { createHttpServer, type HttpLogger, type HttpServer } from './httpServer.js';
import { mountMetrics } from './metricsEndpoint.js';
import { createRapportMetrics, type RapportMetrics } from './rapportMetrics.js';

export interface Operations {
  http: HttpServer;
  metrics: RapportMetrics;
}

export function createOperations(input: {
  config: Pick<Config, 'metricsToken'>;
  database: Database;
  logger: HttpLogger;
  /** Holds PORT with a front door (for Discord over HTTP; see frontDoor.ts). */
  front?: boolean;
}): Operations {
  const { config, database, logger } = input;
  const metrics = createRapportMetrics({ commandNames: COMMANDS.map((command) => command.name) });
  metrics.watchOutbox(() => outboxBacklog(database.db));
  const http = createHttpServer({
    health: () => schemaIsCurrent(database.db),
    logger,
    ...(input.front ? { front: true } : {}),
  });
  mountMetrics(http, { registry: metrics.registry, token: config.metricsToken });
  return { http, metrics };
}

/** Listens on `port`; resolves with the port taken, or the sentence that says why it could not. */
export async function listenOn(
  http: HttpServer,
  port: number,
): Promise<{ ok: true; port: number } | { ok: false; code: string | undefined; sentence: string }> {
  try {
    return { ok: true, port: await http.listen(port) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const sentence =
      code === 'EADDRINUSE'
        ? `PORT ${port} is already in use; set PORT to a free port (0 picks any).`
        : `Could not listen on PORT ${port}: ${(error as Error).message}.`;
    return { ok: false, code, sentence };
  }
}
