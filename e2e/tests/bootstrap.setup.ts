import fs from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { ADMIN, SERVER_LOG } from '../support/env';
import { expectAccessible } from '../support/fixtures';

// The server starts on an empty data directory: no users, no INITIAL_ADMIN_*, so it prints a
// one-time setup code and every page leads to /setup.
test('the first administrator is created through /setup with the printed code', async ({
  page,
}) => {
  const log = await fs.readFile(SERVER_LOG, 'utf8');
  const code = /setup code:\s+([A-Z0-9-]{14})/.exec(log)?.[1];
  expect(code, 'the setup code in the server log').toBeTruthy();

  await page.goto('/login');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Create the first administrator' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Setup code').fill('WRNG-CODE-0000');
  await page.getByLabel('Full name').fill(ADMIN.name);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByText('This setup code is not right')).toBeVisible();

  await page.getByLabel('Setup code').fill(code ?? '');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page).toHaveURL(/\/settings\/profile$/);
  await expect(page.getByTestId('header-user-name')).toHaveText(ADMIN.name);
  await expect(page.getByText('Administrator', { exact: true })).toBeVisible();

  // The code is used up.
  await page.goto('/setup');
  await expect(page.getByText('This server already has an administrator.')).toBeVisible();
});
