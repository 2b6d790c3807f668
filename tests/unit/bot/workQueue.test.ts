import { describe, expect, it } from 'vitest';
import { createWorkQueue, HELD_OVERHEAD_BYTES } from '../../../src/bot/workQueue.js';

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

describe('the work queue with bounds and people', () => {
  const held = (gate: { promise: Promise<void> }, log: string[], name: string) => async () => {
    log.push(`start ${name}`);
    await gate.promise;
    log.push(`end ${name}`);
  };

  it('when more commands are offered than it may hold, then the extra ones are refused and never run', async () => {
    const queue = createWorkQueue(1, { maxCommands: 3 });
    const gate = deferred();
    const log: string[] = [];
    const taken = ['a', 'b', 'c', 'd', 'e'].map((name) => queue.offer(name, 10, held(gate, log, name)));
    expect(taken).toEqual([true, true, true, false, false]);
    expect([queue.running, queue.waiting]).toEqual([1, 2]);
    gate.resolve();
    await queue.idle();
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    // Once drained, it takes work again.
    expect(queue.offer('f', 10, async () => {})).toBe(true);
    await queue.idle();
  });

  it('when the held bytes would pass the byte bound, then the offer is refused, and taken again once they drain', async () => {
    const queue = createWorkQueue(4, { maxBytes: 3 * (HELD_OVERHEAD_BYTES + 1000) });
    const gate = deferred();
    const log: string[] = [];
    expect(queue.offer('a', 1000, held(gate, log, 'a'))).toBe(true);
    expect(queue.offer('b', 1000, held(gate, log, 'b'))).toBe(true);
    expect(queue.offer('c', 1001, held(gate, log, 'c'))).toBe(false);
    expect(queue.offer('d', 1000, held(gate, log, 'd'))).toBe(true);
    expect(queue.heldBytes).toBe(3 * (HELD_OVERHEAD_BYTES + 1000));
    gate.resolve();
    await queue.idle();
    expect(queue.heldBytes).toBe(0);
    expect(log.filter((line) => line.startsWith('start')).sort()).toEqual(['start a', 'start b', 'start d']);
    expect(queue.offer('c', 1001, async () => {})).toBe(true);
    await queue.idle();
  });

  it("when one person's commands come together, then they run one at a time in order while another person's run beside them", async () => {
    const queue = createWorkQueue(4);
    const gates = [deferred(), deferred(), deferred()];
    const log: string[] = [];
    queue.offer('jane', 0, held(gates[0]!, log, 'jane 1'));
    queue.offer('jane', 0, held(gates[1]!, log, 'jane 2'));
    queue.offer('omar', 0, held(gates[2]!, log, 'omar 1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['start jane 1', 'start omar 1']);
    gates[2]!.resolve();
    gates[1]!.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    // Jane's second waits for her first, whatever else finishes.
    expect(log).toEqual(['start jane 1', 'start omar 1', 'end omar 1']);
    gates[0]!.resolve();
    await queue.idle();
    expect(log).toEqual([
      'start jane 1',
      'start omar 1',
      'end omar 1',
      'end jane 1',
      'start jane 2',
      'end jane 2',
    ]);
  });

  it('when an offer is taken, then its task starts only after offer has returned', async () => {
    const queue = createWorkQueue(1);
    let started = false;
    queue.offer('a', 0, async () => {
      started = true;
    });
    expect(started).toBe(false);
    await queue.idle();
    expect(started).toBe(true);
  });

  it("when an offered task throws, then onError hears it and the person's next task still runs", async () => {
    const errors: unknown[] = [];
    const queue = createWorkQueue(1, { onError: (error) => errors.push(error) });
    const log: string[] = [];
    queue.offer('a', 0, async () => {
      throw new Error('nope');
    });
    queue.offer('a', 0, async () => {
      log.push('next');
    });
    await queue.idle();
    expect(errors).toEqual([new Error('nope')]);
    expect(log).toEqual(['next']);
  });

  it('when the queue fills and drains, then onFull says so once each way', async () => {
    const changes: boolean[] = [];
    const queue = createWorkQueue(1, { maxCommands: 1, onFull: (full) => changes.push(full) });
    const gate = deferred();
    queue.offer('a', 0, () => gate.promise);
    queue.offer('b', 0, async () => {});
    queue.offer('c', 0, async () => {});
    gate.resolve();
    await queue.idle();
    queue.offer('d', 0, async () => {});
    await queue.idle();
    expect(changes).toEqual([true, false]);
  });

  it('when a slot frees under a flood, then onFull stays quiet until the queue has drained to half', async () => {
    const changes: boolean[] = [];
    const queue = createWorkQueue(1, { maxCommands: 4, onFull: (full) => changes.push(full) });
    const gates = [deferred(), deferred(), deferred(), deferred()];
    for (const [i, gate] of gates.entries()) queue.offer(`p${i}`, 0, () => gate.promise);
    expect(queue.offer('x', 0, async () => {})).toBe(false);
    gates[0]!.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    // Three held: taken, but still more than half full.
    expect(queue.offer('y', 0, () => gates[3]!.promise)).toBe(true);
    expect(queue.offer('z', 0, async () => {})).toBe(false);
    expect(changes).toEqual([true]);
    for (const gate of gates) gate.resolve();
    await queue.idle();
    expect(queue.offer('w', 0, async () => {})).toBe(true);
    expect(changes).toEqual([true, false]);
    await queue.idle();
  });
});

describe('the work queue when a task releases its slot to deliver its answer', () => {
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  /** A task whose work is done at once: it releases its slot, then delivers when `gate` opens. */
  const releasesThenDelivers =
    (gate: { promise: Promise<void> }, delivered: () => void = () => {}) =>
    async (release: () => void) => {
      release();
      await gate.promise;
      delivered();
    };

  it("when a task releases its slot, then another person's task starts while it still delivers, and idle waits for both", async () => {
    const queue = createWorkQueue(1);
    const delivering = deferred();
    const log: string[] = [];
    queue.offer('ana', 10, async (release) => {
      log.push('ana works');
      release();
      await delivering.promise;
      log.push('ana delivered');
    });
    queue.offer('ben', 10, async () => {
      log.push('ben works');
    });
    let idle = false;
    void queue.idle().then(() => {
      idle = true;
    });
    await settle();
    expect(log).toEqual(['ana works', 'ben works']);
    expect(queue.running).toBe(0);
    expect(idle).toBe(false);
    delivering.resolve();
    await settle();
    expect(log).toEqual(['ana works', 'ben works', 'ana delivered']);
    expect(idle).toBe(true);
  });

  it("when a task releases its slot, then the same person's next task still waits for its delivery", async () => {
    const queue = createWorkQueue(2);
    const delivering = deferred();
    const log: string[] = [];
    queue.offer(
      'ana',
      10,
      releasesThenDelivers(delivering, () => log.push('first answer')),
    );
    queue.offer('ana', 10, async () => {
      log.push('second command');
    });
    await settle();
    expect(log).toEqual([]);
    delivering.resolve();
    await settle();
    expect(log).toEqual(['first answer', 'second command']);
  });

  it('when a task releases its slot, then it still counts against the bounds until it has delivered', async () => {
    const queue = createWorkQueue(1, { maxCommands: 1 });
    const delivering = deferred();
    queue.offer('ana', 10, releasesThenDelivers(delivering));
    await settle();
    expect(queue.offer('ben', 10, async () => {})).toBe(false);
    delivering.resolve();
    await queue.idle();
    expect(queue.offer('ben', 10, async () => {})).toBe(true);
  });

  it('when a task releases its slot twice, then only one slot is given back', async () => {
    const queue = createWorkQueue(1);
    const gate = deferred();
    const log: string[] = [];
    queue.offer('ana', 10, async (release) => {
      release();
      release();
      await gate.promise;
    });
    for (const name of ['ben', 'cleo'])
      queue.offer(name, 10, async () => {
        log.push(`${name} starts`);
        await gate.promise;
      });
    await settle();
    expect(log).toEqual(['ben starts']);
    gate.resolve();
    await queue.idle();
    expect(log).toEqual(['ben starts', 'cleo starts']);
  });
});
