import { expect, test } from './servedConsole';

// Keyboard shortcuts for the frequent actions: note, next step, switch terminal.
test('N focuses the note, R walks to the next step without running it, Alt+2 switches terminal', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Runbooks' }).getByRole('button', { name: /Linux host triage/i }).click();
  await page.getByRole('button', { name: 'New incident' }).click();
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Laptop is slow');
  await dialog.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Laptop is slow' })).toBeVisible();

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
