import type { Page } from '@playwright/test';
import { expect, test } from './servedConsole';

/** Opens the bundled Linux triage runbook and a new incident on it. */
async function openTriageIncident(page: Page, url: string, title: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Runbooks' }).getByRole('button', { name: /Linux host triage/i }).click();
  await page.getByRole('button', { name: 'New incident' }).click();
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

// Keyboard shortcuts for the frequent actions: note, next step, switch terminal.
test('N focuses the note, R walks to the next step without running it, Alt+2 switches terminal', async ({ page, served }) => {
  await openTriageIncident(page, served.url, 'Laptop is slow');
  // The first terminal takes the keyboard when it appears while nothing else has it: let it come first.
  await expect(page.locator('.state-dot[data-state="idle"]')).toBeVisible({ timeout: 20_000 });

  const firstStep = page.getByRole('group', { name: 'Show uptime and load averages' });
  await expect(firstStep).toBeVisible();
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('r');
  await expect(firstStep.getByRole('button', { name: 'Run' })).toBeFocused();
  await page.keyboard.press('r');
  await expect(page.getByRole('group', { name: 'Count the CPUs the load is shared between' }).getByRole('button', { name: 'Run' })).toBeFocused();
  // Nothing ran: R only moves the keyboard.
  await expect(page.getByRole('region', { name: 'Timeline' }).getByText('uptime')).toHaveCount(0);

  await page.keyboard.press('n');
  await expect(page.getByRole('textbox', { name: 'Note' })).toBeFocused();

  const terminals = page.getByRole('tablist', { name: 'Terminals' });
  await expect(terminals.getByRole('tab')).toHaveCount(1);
  await page.getByRole('button', { name: 'New terminal' }).click();
  await expect(terminals.getByRole('tab')).toHaveCount(2);
  await expect(terminals.getByRole('tab').nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Alt+1');
  await expect(terminals.getByRole('tab').nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Alt+2');
  await expect(terminals.getByRole('tab').nth(1)).toHaveAttribute('aria-selected', 'true');
});

// Keyboard-only: leave the terminal with F6, R skips steps that ran, nothing acts behind a dialog,
// the panes resize from the keyboard and the layout is remembered.
test('F6 leaves the terminal, R goes to the next step not yet run, shortcuts wait behind a dialog, splitters resize and are remembered', async ({ page, served }) => {
  await openTriageIncident(page, served.url, 'Keyboard only');
  await expect(page.locator('.state-dot[data-state="idle"]')).toBeVisible({ timeout: 20_000 });

  // Behind an open dialog the shortcuts wait: N does not reach the note box.
  await page.getByRole('button', { name: 'New incident' }).click();
  await page.getByRole('dialog', { name: 'New incident' }).getByRole('button', { name: 'Create incident' }).focus();
  await page.keyboard.press('n');
  await expect(page.getByRole('textbox', { name: 'Note' })).not.toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'New incident' })).toHaveCount(0);

  // Run the first step with the keyboard: R, Enter.
  const first = page.getByRole('group', { name: 'Show uptime and load averages' });
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('r');
  await expect(first.getByRole('button', { name: 'Run' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(first.getByRole('region', { name: 'Last run' })).toContainText(/exit 0 after \d/, { timeout: 20_000 });
  // R again from elsewhere: not the step that ran, the next one.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('r');
  await expect(page.getByRole('group', { name: 'Count the CPUs the load is shared between' }).getByRole('button', { name: 'Run' })).toBeFocused();

  // F6 walks runbook → terminal → timeline → note; the terminal does not keep the keyboard.
  await page.locator('.xterm').first().click();
  await page.keyboard.press('F6');
  await expect(page.getByRole('region', { name: 'Timeline' }).getByLabel('Timeline entries')).toBeFocused();
  await page.keyboard.press('F6');
  await expect(page.getByRole('textbox', { name: 'Note' })).toBeFocused();
  await page.keyboard.press('Shift+F6');
  await expect(page.getByRole('region', { name: 'Timeline' }).getByLabel('Timeline entries')).toBeFocused();

  // The runbook | terminal splitter moves with the arrow keys, and the width survives a reload.
  const splitter = page.getByRole('separator', { name: 'Resize runbook and terminal' });
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  await splitter.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before - 48));
  await page.reload();
  await page.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Keyboard only/ }).click();
  await expect(page.getByRole('separator', { name: 'Resize runbook and terminal' })).toHaveAttribute('aria-valuenow', String(before - 48));

  // Hide the runbook: the terminal widens; M maximizes it and the note box stays.
  const terminalWidth = async () => (await page.locator('.workspace__terminals').boundingBox())?.width ?? 0;
  const narrow = await terminalWidth();
  await page.getByRole('button', { name: 'Hide runbook' }).click();
  await expect.poll(terminalWidth).toBeGreaterThan(narrow + 200);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('m');
  await expect(page.getByRole('region', { name: 'Timeline' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Note' })).toBeVisible();
  await page.getByRole('button', { name: 'Restore terminal' }).click();
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
});

// Room for the terminal on a small laptop screen: with the runbook hidden the shell itself (tput)
// says it has 100 columns × 24 lines or more, and the note box is still on screen.
test('at 1280×720 with the runbook hidden the terminal has at least 100 columns × 24 lines and the note box stays in view', async ({ page, served }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openTriageIncident(page, served.url, 'Room for the terminal at 1280x720');
  await expect(page.locator('.state-dot[data-state="idle"]')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Hide runbook' }).click();
  await expect(page.getByRole('button', { name: 'Show runbook' })).toBeVisible();

  const screen = page.locator('.workspace__terminals .terminals__panel:not([hidden]) .xterm-rows');
  await page.locator('.workspace__terminals .terminals__panel:not([hidden]) .xterm').click();
  await page.keyboard.type('echo "size=$(tput cols)x$(tput lines)"');
  await page.keyboard.press('Enter');
  await expect(screen).toContainText(/size=\d+x\d+/, { timeout: 10_000 });
  const [, cols, lines] = /size=(\d+)x(\d+)/.exec(await screen.innerText()) ?? [];
  expect(Number(cols)).toBeGreaterThanOrEqual(100);
  expect(Number(lines)).toBeGreaterThanOrEqual(24);
  await expect(page.getByRole('textbox', { name: 'Note' })).toBeInViewport({ ratio: 1 });
  // The timeline keeps a few rows under the terminal.
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeInViewport();
});
