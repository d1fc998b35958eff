import { test as base, expect } from '@playwright/test';
import { startServedConsole, type ServedConsole } from './startServedConsole';

export { startServedConsole, type ServedConsole };

/** A test with its own served console, stopped and its data dir removed after. */
export const test = base.extend<{ served: ServedConsole }>({
  served: async ({}, use) => {
    const served = await startServedConsole();
    await use(served);
    await served.stop();
  },
});

export { expect };
