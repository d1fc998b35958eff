import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, startServedConsole, test } from './servedConsole';
import { seedLargeIncident } from './seedStore';

const EVENTS = 50_000;

test('a timeline of 50 000 events opens at its newest entries and keeps far fewer rows than events in the DOM', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-big-'));
  const seedStart = Date.now();
  const seeded = await seedLargeIncident(dataDir, EVENTS);
  const seedMs = Date.now() - seedStart;
  const served = await startServedConsole([], dataDir);
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(served.url);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const openStart = Date.now();
    await page.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Fifty thousand events/ }).click();
    // The view follows the end: the newest entry is rendered without any scrolling.
    await expect(timeline.getByRole('listitem').filter({ hasText: new RegExp(`\\b${seeded.newestNote}(?!\\d)`) }).first()).toBeVisible();
    const firstScreenMs = Date.now() - openStart;
    // Commands pair start and finish: text and exit code on one row.
    await expect(timeline.getByRole('listitem').filter({ hasText: 'kubectl get pods -n shop' }).last()).toContainText(/exit [01]/);

    // The whole history arrives in the background; the DOM holds a window of it.
    await expect(timeline).toContainText(/[\d,]+ entries$|entries/);
    await expect(timeline.locator('.timeline__count')).not.toContainText('loading history', { timeout: 60_000 });
    const historyMs = Date.now() - openStart;
    const rowsInDom = await timeline.locator('li[data-seq]').count();
    expect(rowsInDom).toBeLessThan(200);
    const count = await timeline.locator('.timeline__count').innerText();
    expect(Number(count.replace(/\D/g, ''))).toBeGreaterThan(40_000);

    // Scroll to the top and back: the oldest and newest rows render, in a few frames each.
    const scroller = timeline.locator('.timeline__scroll');
    const jumpTop = await scroller.evaluate(async (element) => {
      const start = performance.now();
      element.scrollTop = 0;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return performance.now() - start;
    });
    await expect(timeline.getByRole('listitem').filter({ hasText: /^.*Incident opened/ })).toBeVisible();
    // A steady wheel-like scroll through 2 000 rows: frame times stay short.
    const frames = await scroller.evaluate(async (element) => {
      const times: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 120; i++) {
        element.scrollTop += 500;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      times.sort((a, b) => a - b);
      return { p50: times[60]!, p95: times[114]!, max: times[119]! };
    });
    expect(await timeline.locator('li[data-seq]').count()).toBeLessThan(200);
    // The hash chain of 50 000 events is verified by itself (sliced on the host) and passes.
    const verifyStart = Date.now();
    await expect(timeline.getByRole('button', { name: '✓ intact' })).toBeVisible({ timeout: 30_000 });
    const verifyMs = Date.now() - verifyStart;
    test.info().annotations.push({
      type: 'figures',
      description: `seed ${EVENTS} events ${seedMs} ms; newest entry visible ${firstScreenMs} ms after click; full history ${historyMs} ms; ${rowsInDom} rows in DOM; jump to top ${jumpTop.toFixed(1)} ms; chain verified in ${verifyMs} ms; scroll frame p50 ${frames.p50.toFixed(1)} ms p95 ${frames.p95.toFixed(1)} ms max ${frames.max.toFixed(1)} ms`,
    });
    console.log(test.info().annotations.at(-1)?.description);
    // Search reaches command output on the host: "READY" is only in the seeded output.
    await timeline.getByRole('searchbox', { name: 'Search timeline' }).fill('READY');
    await expect(timeline.getByRole('listitem').filter({ hasText: 'kubectl get pods -n shop' }).first()).toBeVisible();
    await expect(timeline.getByRole('listitem').filter({ hasText: /note \d+/ })).toHaveCount(0);
    // Behaviour, not a measurement: a list that re-rendered every row per frame would take
    // seconds per frame; its real frame times are a figure (printed above), not a pass mark,
    // since a 2-core machine under load stretches any frame well past 60 fps.
    expect(frames.p95).toBeLessThan(1_000);
  } finally {
    await served.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
