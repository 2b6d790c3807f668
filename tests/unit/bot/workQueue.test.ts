import { describe, expect, it } from 'vitest';
import { createWorkQueue } from '../../../src/bot/workQueue.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('the work queue', () => {
  it('when more tasks arrive than its bound, then the extra ones wait and run in order', async () => {
    const queue = createWorkQueue(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const done = gates.map((gate, i) =>
      queue.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(queue.waiting).toBe(2);
    gates[1]!.resolve();
    await done[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3]);
    expect(queue.running).toBe(0);
  });

  it('when a task fails, then its slot is freed and the error reaches its caller', async () => {
    const queue = createWorkQueue(1);
    await expect(queue.run(async () => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    expect(await queue.run(async () => 'next')).toBe('next');
  });

  it('when work is in flight, then idle resolves only after the last task', async () => {
    const queue = createWorkQueue(1);
    const gate = deferred();
    const order: string[] = [];
    void queue.run(async () => {
      await gate.promise;
      order.push('task');
    });
    const idle = queue.idle().then(() => order.push('idle'));
    gate.resolve();
    await idle;
    expect(order).toEqual(['task', 'idle']);
  });

  it('when every slot is taken, then tryRun refuses at once and runs nothing; a freed slot takes the next', async () => {
    const queue = createWorkQueue(1);
    const gate = deferred();
    const first = queue.tryRun(() => gate.promise);
    expect(first).toBeDefined();
    let ran = false;
    expect(
      queue.tryRun(async () => {
        ran = true;
      }),
    ).toBeUndefined();
    expect([ran, queue.waiting]).toEqual([false, 0]);
    gate.resolve();
    await first;
    expect(await queue.tryRun(async () => 'next')).toBe('next');
  });
});
