import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLifecycle, exitOnSignals } from '../../../src/bot/shutdown.js';

function recorder() {
  const lines: string[] = [];
  const logger = {
    info: (_obj: object, msg: string) => lines.push(`info ${msg}`),
    warn: (_obj: object, msg: string) => lines.push(`warn ${msg}`),
    error: (_obj: object, msg: string) => lines.push(`error ${msg}`),
  };
  return { lines, logger };
}

describe('createLifecycle', () => {
  it('when shutting down, then steps run in reverse order of registration and the exit code is 0', async () => {
    const { logger } = recorder();
    const order: string[] = [];
    const exits: number[] = [];
    const lifecycle = createLifecycle({ logger, exit: (code) => exits.push(code) });
    for (const name of ['database', 'http', 'console']) {
      lifecycle.onShutdown(name, async () => {
        order.push(name);
      });
    }
    await lifecycle.shutdown('SIGTERM');
    expect(order).toEqual(['console', 'http', 'database']);
    expect(exits).toEqual([0]);
  });

  it('when a step waits on work in flight, then the next step starts only after it', async () => {
    const { logger } = recorder();
    const order: string[] = [];
    const lifecycle = createLifecycle({ logger, exit: () => {} });
    lifecycle.onShutdown('database', async () => {
      order.push('database closed');
    });
    let finishWork!: () => void;
    const inFlight = new Promise<void>((resolve) => (finishWork = resolve));
    lifecycle.onShutdown('adapter', async () => {
      await inFlight;
      order.push('adapter drained');
    });
    const done = lifecycle.shutdown('SIGINT');
    await Promise.resolve();
    expect(order).toEqual([]);
    finishWork();
    await done;
    expect(order).toEqual(['adapter drained', 'database closed']);
  });

  it('when a step fails, then the others still run and the exit code is 1', async () => {
    const { lines, logger } = recorder();
    const order: string[] = [];
    const exits: number[] = [];
    const lifecycle = createLifecycle({ logger, exit: (code) => exits.push(code) });
    lifecycle.onShutdown('database', async () => {
      order.push('database');
    });
    lifecycle.onShutdown('http', async () => {
      throw new Error('close failed');
    });
    await lifecycle.shutdown('SIGTERM');
    expect(order).toEqual(['database']);
    expect(exits).toEqual([1]);
    expect(lines).toContain('error http failed to stop');
  });

  it('when a step hangs, then it is abandoned after its time and the rest go on', async () => {
    const { lines, logger } = recorder();
    const order: string[] = [];
    const lifecycle = createLifecycle({ logger, stepTimeoutMs: 50, exit: () => {} });
    lifecycle.onShutdown('database', async () => {
      order.push('database');
    });
    lifecycle.onShutdown('stuck', () => new Promise<void>(() => {}));
    await lifecycle.shutdown('SIGTERM');
    expect(order).toEqual(['database']);
    expect(lines).toContain('warn stuck did not finish within 50 ms');
  });

  it('when shutdown is asked twice, then the steps run once and exit is called once', async () => {
    const { logger } = recorder();
    let runs = 0;
    const exits: number[] = [];
    const lifecycle = createLifecycle({ logger, exit: (code) => exits.push(code) });
    lifecycle.onShutdown('database', async () => {
      runs++;
    });
    expect(lifecycle.shuttingDown).toBe(false);
    await Promise.all([lifecycle.shutdown('end of input'), lifecycle.shutdown('SIGTERM')]);
    expect(lifecycle.shuttingDown).toBe(true);
    expect(runs).toBe(1);
    expect(exits).toEqual([0]);
  });

  it('when asked to exit with 1 (a failure), then that code is kept', async () => {
    const { logger } = recorder();
    const exits: number[] = [];
    const lifecycle = createLifecycle({ logger, exit: (code) => exits.push(code) });
    await lifecycle.shutdown('uncaught exception', 1);
    expect(exits).toEqual([1]);
  });
});

describe('exitOnSignals', () => {
  it('when SIGTERM arrives, then the shutdown starts; a second signal exits at once with 1', async () => {
    const { logger } = recorder();
    const exits: string[] = [];
    const target = new EventEmitter();
    let release!: () => void;
    const lifecycle = createLifecycle({ logger, exit: (code) => exits.push(`lifecycle ${code}`) });
    lifecycle.onShutdown('slow', () => new Promise<void>((resolve) => (release = resolve)));
    const remove = exitOnSignals(lifecycle, target as unknown as NodeJS.Process, (code) =>
      exits.push(`forced ${code}`),
    );
    target.emit('SIGTERM', 'SIGTERM');
    expect(lifecycle.shuttingDown).toBe(true);
    target.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual(['forced 1']);
    await expect.poll(() => typeof release).toBe('function');
    release();
    await lifecycle.shutdown('again');
    expect(exits).toEqual(['forced 1', 'lifecycle 0']);
    remove();
    expect(target.listenerCount('SIGTERM')).toBe(0);
    expect(target.listenerCount('SIGINT')).toBe(0);
  });
});
