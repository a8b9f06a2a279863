import { expect, type Locator, type Page } from '@playwright/test';
import type { NewUser } from './fixtures';
import type { TrpcClient } from './trpc';

/**
 * Signs the page's browser in through the API (the sign-in form has its own tests): the session
 * cookie lands in the page's cookie jar.
 */
export async function signInAs(page: Page, person: NewUser): Promise<void> {
  const response = await page.request.post('/api/trpc/auth.login', {
    data: { username: person.username, password: person.password },
  });
  expect(response.ok(), await response.text()).toBe(true);
}

/** An active, verified regular account made by the admin (`extra` for other profile fields). */
export async function regularAccount(
  admin: TrpcClient,
  person: NewUser,
  extra: Record<string, unknown> = {},
): Promise<{ id: number }> {
  return admin.mutation<{ id: number }>('admin.users.create', {
    ...person,
    accessType: 'regular',
    active: true,
    emailVerified: true,
    ...extra,
  });
}

/** `regularAccount`, and the page's browser signed in to it. */
export async function signedInAccount(
  page: Page,
  admin: TrpcClient,
  person: NewUser,
  extra: Record<string, unknown> = {},
): Promise<{ id: number }> {
  const created = await regularAccount(admin, person, extra);
  await signInAs(page, person);
  return created;
}

/**
 * Clicks a button that opens a dialog until the dialog is open: a click that lands before the
 * page has hydrated does nothing, and is tried again.
 */
export async function openDialog(page: Page, button: Locator): Promise<Locator> {
  const dialog = page.getByRole('dialog');
  await expect(async () => {
    await button.click();
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  return dialog;
}
