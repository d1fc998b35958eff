import { expect, it } from 'vitest';
import { collectGarbageSoon } from '../../../../electron/node/memory';

it('collects garbage shortly after it is asked to, with no command-line flag', async () => {
  // An object nothing refers to any more, in a heap under no pressure: V8 would keep it.
  let ref: WeakRef<object> | undefined;
  (() => {
    ref = new WeakRef({ payload: 'x'.repeat(1024) });
  })();
  await new Promise((r) => setTimeout(r, 0)); // A WeakRef's target lives at least until the task ends.
  collectGarbageSoon();
  collectGarbageSoon(); // Calls meanwhile fold into one collection.
  await new Promise((r) => setTimeout(r, 400));
  expect(ref?.deref()).toBeUndefined();
});
