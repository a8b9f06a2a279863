import { request as playwrightRequest, type Page } from '@playwright/test';
import { ADMIN, BASE_URL } from '../support/env';
import { exactly, pageText } from '../support/catalogues';
import { expect, expectAccessible, test, uniqueUser } from '../support/fixtures';
import { openDialog, regularAccount, signedInAccount } from '../support/session';
import { anonymousClient, signInPage } from '../support/sign-in';

const KEY = /^rst_[A-Za-z0-9_-]{43}$/;
const text = (key: string) => pageText('us', `security.apiKeys.${key}`);
const stepUpText = (key: string) => pageText('us', `common.stepUp.${key}`);
const named = (key: string, name: string) => text(key).replace('{name}', name);

/**
 * `me.get` as a script would call it: a request context of its own, with no cookie, so that
 * only the key can make it work.
 */
async function meWithKey(key: string): Promise<{ status: number; username?: string }> {
  const script = await playwrightRequest.newContext({ baseURL: BASE_URL });
  try {
    const response = await script.get('/api/trpc/me.get', {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = (await response.json()) as { result?: { data: { username: string } } };
    return { status: response.status(), username: body.result?.data.username };
  } finally {
    await script.dispose();
  }
}

function apiKeysCard(page: Page) {
  return page.getByRole('region', { name: exactly(text('title')) });
}

test.describe('API keys', () => {
  // The copy button writes to the clipboard, and the test reads it back.
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('a person creates a key, sees it once, uses it, and revokes it', async ({ page, admin }) => {
    const person = uniqueUser('apikey');
    await signedInAccount(page, admin, person);
    await page.goto('/settings/security');
    const card = apiKeysCard(page);
    await expect(card.getByText(text('empty'))).toBeVisible();

    const dialog = await openDialog(page, card.getByRole('button', { name: text('createButton') }));
    await expect(dialog.getByRole('heading', { name: text('create.title') })).toBeVisible();
    const scopes = dialog.getByRole('group', { name: text('create.scopes') });
    // A regular account is offered only the scopes of its own account.
    await expect(scopes.getByRole('checkbox')).toHaveCount(2);
    await expect(scopes.getByLabel(text('scopes.meRead.label'))).toBeChecked();
    await expect(scopes.getByLabel(text('scopes.meWrite.label'))).not.toBeChecked();
    await expect(dialog.getByLabel(text('create.expiry'))).toHaveValue('30');
    await expectAccessible(page);

    // No scope at all is refused by the field, before anything is sent.
    await scopes.getByLabel(text('scopes.meRead.label')).uncheck();
    await dialog.getByLabel(text('create.name')).fill('Backup script');
    await dialog.getByLabel(stepUpText('currentPassword')).fill(person.password);
    await dialog.getByRole('button', { name: text('create.submit') }).click();
    await expect(scopes.getByText(text('create.scopesRequired'))).toBeVisible();

    // A wrong password is said by the password field, and no key is made.
    await scopes.getByLabel(text('scopes.meRead.label')).check();
    await dialog.getByLabel(stepUpText('currentPassword')).fill('Not-my-password-1');
    await dialog.getByRole('button', { name: text('create.submit') }).click();
    const password = dialog.getByLabel(stepUpText('currentPassword'));
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText('Your password is not right.')).toBeVisible();

    await password.fill(person.password);
    await dialog.getByLabel(text('create.expiry')).selectOption('90');
    await dialog.getByRole('button', { name: text('create.submit') }).click();

    // The key, this once, with the warning that it will not be shown again.
    await expect(dialog.getByRole('heading', { name: text('secret.title') })).toBeVisible();
    await expect(dialog.getByText(text('secret.warning'))).toBeVisible();
    const secret = dialog.getByLabel(text('secret.label'));
    const key = await secret.inputValue();
    expect(key).toMatch(KEY);
    await expect(secret).toHaveAttribute('readonly', '');
    await expect(dialog.getByText(`Authorization: Bearer ${key}`)).toBeVisible();
    await dialog.getByRole('button', { name: text('secret.copyLabel') }).click();
    await expect(dialog.getByRole('button', { name: text('secret.copied') })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await expectAccessible(page);

    // Closed, the list shows the key by its name and first characters, never the secret.
    await dialog.getByRole('button', { name: text('secret.done') }).click();
    await expect(dialog).toBeHidden();
    await expect(card.getByText(named('created', 'Backup script'))).toBeVisible();
    const row = card.getByTestId('api-key');
    await expect(row).toHaveCount(1);
    await expect(row.getByText('Backup script', { exact: true })).toBeVisible();
    await expect(row.getByText('me:read', { exact: true })).toBeVisible();
    await expect(row.getByText(text('list.notUsed'))).toBeVisible();
    const prefix = ((await row.locator('code').textContent()) ?? '').replace(/…$/, '');
    expect(prefix.length).toBeGreaterThan(4);
    expect(key.startsWith(prefix)).toBe(true);
    expect(prefix.length).toBeLessThan(key.length);
    expect(await page.content()).not.toContain(key);
    // Also after a reload, from the server's own rendering of the page.
    await page.reload();
    await expect(apiKeysCard(page).getByTestId('api-key')).toHaveCount(1);
    expect(await page.content()).not.toContain(key);
    await expect(page.getByTestId('security-event').first()).toContainText(
      pageText('us', 'security.activity.events.apiKeyCreated'),
    );

    // The key alone signs a script in, as its owner.
    expect(await meWithKey(key)).toEqual({ status: 200, username: person.username });
    await page.reload();
    await expect(apiKeysCard(page).getByText(text('list.notUsed'))).toHaveCount(0);

    // Revoked with one click: the list and the status say so, and the key no longer works,
    // not even beside a live session cookie (a request with a key is judged by the key alone).
    await apiKeysCard(page)
      .getByRole('button', { name: named('list.revokeLabel', 'Backup script') })
      .click();
    await expect(apiKeysCard(page).getByRole('status')).toHaveText(
      named('revoked', 'Backup script'),
    );
    await expect(apiKeysCard(page).getByTestId('api-key')).toHaveCount(0);
    await expect(apiKeysCard(page).getByText(text('empty'))).toBeVisible();
    expect((await meWithKey(key)).status).toBe(401);
    const withCookie = await page.request.get('/api/trpc/me.get', {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(withCookie.status()).toBe(401);
    await expectAccessible(page);
  });

  test('an administrator sees and revokes a user’s key on the user’s page', async ({
    page,
    admin,
  }) => {
    const person = uniqueUser('keyuser');
    const created = await regularAccount(admin, person);
    // The person makes a key from a script's point of view: through the API, signed in.
    const client = await anonymousClient();
    let key: string;
    try {
      await client.mutation('auth.login', { username: person.username, password: person.password });
      ({ key } = await client.mutation<{ key: string }>('me.apiKeys.create', {
        name: 'Nightly export',
        scopes: ['me:read', 'me:write'],
        expiresInDays: null,
        stepUp: { password: person.password },
      }));
    } finally {
      await client.dispose();
    }
    expect(key).toMatch(KEY);
    expect((await meWithKey(key)).status).toBe(200);

    await signInPage(page, ADMIN.username, ADMIN.password);
    await page.goto(`/admin/users/${String(created.id)}`);
    const card = page.getByRole('region', {
      name: exactly(pageText('us', 'admin.apiKeys.title')),
    });
    const row = card.getByTestId('api-key');
    await expect(row).toHaveCount(1);
    await expect(row.getByText('Nightly export', { exact: true })).toBeVisible();
    await expect(row.getByText('me:write', { exact: true })).toBeVisible();
    await expect(row.getByText(text('list.noExpiry'))).toBeVisible();
    expect(await page.content()).not.toContain(key);
    await expectAccessible(page);

    await row.getByRole('button', { name: named('list.revokeLabel', 'Nightly export') }).click();
    await expect(card.getByRole('status')).toHaveText(
      pageText('us', 'admin.apiKeys.revoked').replace('{name}', 'Nightly export'),
    );
    await expect(card.getByText(pageText('us', 'admin.apiKeys.empty'))).toBeVisible();
    expect((await meWithKey(key)).status).toBe(401);
    // The user's log says an administrator did it.
    await expect(page.getByTestId('admin-security-event').first()).toContainText(
      pageText('us', 'security.activity.events.adminApiKeyRevoked'),
    );

    // An administrator's own create dialog offers the administrator scopes too.
    await page.goto('/settings/security');
    const dialog = await openDialog(
      page,
      apiKeysCard(page).getByRole('button', { name: text('createButton') }),
    );
    await expect(
      dialog.getByRole('group', { name: text('create.scopes') }).getByRole('checkbox'),
    ).toHaveCount(4);
    await expect(dialog.getByLabel(text('scopes.adminWrite.label'))).not.toBeChecked();
    await dialog.getByRole('button', { name: text('create.cancel') }).click();
    await expect(dialog).toBeHidden();
  });
});
