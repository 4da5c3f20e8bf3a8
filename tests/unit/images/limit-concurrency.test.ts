import { describe, expect, it } from 'vitest';
import { createConcurrencyLimit } from '../../../src/images/limit-concurrency.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createConcurrencyLimit', () => {
  it('runs at most two tasks at once and starts waiting ones in arrival order', async () => {
    const limit = createConcurrencyLimit(2);
    const gates = [deferred(), deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    let running = 0;
    let mostAtOnce = 0;

    const results = gates.map((gate, i) =>
      limit(async () => {
        started.push(i);
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        await gate.promise;
        running -= 1;
        return i * 10;
      }),
    );

    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await results[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();

    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40]);
    expect(mostAtOnce).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('frees the slot of a task that fails', async () => {
    const limit = createConcurrencyLimit(1);
    const failed = limit(async () => {
      throw new Error('broken image');
    });
    const next = limit(async () => 'next one ran');

    await expect(failed).rejects.toThrow('broken image');
    expect(await next).toBe('next one ran');
  });

  it('refuses a limit below one', () => {
    expect(() => createConcurrencyLimit(0)).toThrow(RangeError);
  });
});
