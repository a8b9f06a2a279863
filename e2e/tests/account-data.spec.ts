import fs from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';
import { exactly, pageText } from '../support/catalogues';
import { expect, expectAccessible, test, uniqueUser } from '../support/fixtures';
import { signedInAccount } from '../support/session';
import { anonymousClient } from '../support/sign-in';
import { TrpcClient } from '../support/trpc';

const text = (key: string) => pageText('us', `profile.${key}`);

/** Every property name in a JSON document, however deep. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
  }
  return [];
}

/**
 * Clicks until the browser starts a download: a click that lands before the page has hydrated
 * does nothing, and is tried again.
 */
async function downloadFrom(page: Page, button: Locator): Promise<Download> {
  let download: Download | undefined;
  await expect(async () => {
    const started = page.waitForEvent('download', { timeout: 3_000 });
    await button.click();
    download = await started;
  }).toPass({ timeout: 20_000 });
  if (!download) throw new Error('no download started');
  return download;
}

test.describe('owning one’s data', () => {
  test('a person downloads everything Roster holds about them, without a secret', async ({
    page,
    admin,
  }) => {
    const person = uniqueUser('export');
    await signedInAccount(page, admin, person, { city: 'Lisbon' });
    // A key, so that the file holds one (its name, never the key).
    const { key } = await new TrpcClient(page.request).mutation<{ key: string }>(
      'me.apiKeys.create',
      {
        name: 'Sync',
        scopes: ['me:read'],
        expiresInDays: 30,
        stepUp: { password: person.password },
      },
    );

    await page.goto('/settings/privacy');
    const card = page.getByRole('region', { name: exactly(text('accountData.title')) });
    await expect(card.getByText(text('accountData.description'))).toBeVisible();
    await expectAccessible(page);

    const download = await downloadFrom(
      page,
      card.getByRole('button', { name: text('accountData.download') }),
    );
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^roster-${person.username}-\\d{4}-\\d{2}-\\d{2}\\.json$`),
    );
    const file = await fs.readFile(await download.path(), 'utf8');
    const data = JSON.parse(file) as {
      format: string;
      profile: { username: string; email: string; city: string | null };
      sessions: unknown[];
      securityEvents: unknown[];
      apiKeys: { name: string; prefix: string }[];
    };
    expect(data.format).toBe('roster-account-export/1');
    expect(data.profile).toMatchObject({
      username: person.username,
      email: person.email,
      city: 'Lisbon',
    });
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.securityEvents.length).toBeGreaterThan(0);
    expect(data.apiKeys.map((apiKey) => apiKey.name)).toEqual(['Sync']);
    // Nothing in it opens the account: no hash, token, secret, nor the password or key itself.
    const names = keysOf(data).map((name) => name.toLowerCase());
    for (const secret of [
      'passwordhash',
      'token',
      'tokenhash',
      'secret',
      'totpsecret',
      'keyhash',
    ]) {
      expect(names, `a "${secret}" property`).not.toContain(secret);
    }
    expect(file).not.toContain(person.password);
    expect(file).not.toContain(key);
  });

  test('a person deletes their account: the username must match, then it is gone', async ({
    page,
    admin,
  }) => {
    const person = uniqueUser('leaver');
    await signedInAccount(page, admin, person);
    await page.goto('/settings/privacy');
    const card = page.getByRole('region', { name: exactly(text('deleteAccount.title')) });
    for (const item of ['profile', 'sessions', 'activity', 'signIn']) {
      await expect(card.getByText(text(`deleteAccount.lost.${item}`))).toBeVisible();
    }
    await expectAccessible(page);

    const password = card.getByLabel(pageText('us', 'common.stepUp.currentPassword'));
    const username = card.getByLabel(
      text('deleteAccount.username').replace('<strong>{username}</strong>', person.username),
      { exact: true },
    );
    const submit = card.getByRole('button', { name: text('deleteAccount.submit') });
    // The label names the username to type.
    await expect(card.locator('label strong')).toHaveText(person.username);

    // A wrong username is said by its field, and nothing is deleted.
    await password.fill(person.password);
    await username.fill(`${person.username}x`);
    await submit.click();
    await expect(username).toHaveAttribute('aria-invalid', 'true');
    await expect(username).toBeFocused();
    const usernameError = card.locator('.field-error');
    await expect(usernameError).toHaveText(pageText('us', 'errors.codes.USERNAME_MISMATCH'));
    await expect(username).toHaveAttribute(
      'aria-describedby',
      (await usernameError.getAttribute('id')) ?? 'missing',
    );
    await expectAccessible(page);
    const me = await page.request.get('/api/trpc/me.get');
    expect(me.status()).toBe(200);

    // The right one: signed out, on the sign-in page, which says the account is gone.
    await username.fill(person.username);
    await submit.click();
    await expect(page).toHaveURL(/\/login\?deleted=1$/);
    await expect(
      page.getByRole('status').filter({ hasText: pageText('us', 'auth.login.deleted') }),
    ).toBeVisible();
    await expectAccessible(page);
    expect((await page.request.get('/api/trpc/me.get')).status()).toBe(401);

    // Signing in again fails, in the form as for anyone unknown.
    await page.getByLabel(pageText('us', 'auth.login.usernameOrEmail')).fill(person.username);
    await page
      .getByLabel(pageText('us', 'auth.login.password'), { exact: true })
      .fill(person.password);
    await page
      .getByRole('button', { name: pageText('us', 'auth.login.submit'), exact: true })
      .click();
    await expect(page.getByText(pageText('us', 'errors.codes.INVALID_CREDENTIALS'))).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    const again = await anonymousClient();
    try {
      await expect(
        again.mutation('auth.login', { username: person.username, password: person.password }),
      ).rejects.toThrow(/401/);
    } finally {
      await again.dispose();
    }
  });
});
