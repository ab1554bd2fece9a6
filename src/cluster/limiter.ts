// A counting semaphore: at most `max` tasks hold a slot at once, FIFO.
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** most slots ever held at once */
  peak(): number;
}

export function createLimiter(max: number): Limiter {
  let active = 0;
  let peak = 0;
  const waiting: (() => void)[] = [];

  const acquire = (): Promise<void> => {
    if (active < max) {
      active++;
      peak = Math.max(peak, active);
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) {
      // the slot passes straight to the next task: `active` is unchanged
      next();
    } else {
      active--;
    }
  };

  return {
    async run(task) {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
    peak: () => peak,
  };
}
