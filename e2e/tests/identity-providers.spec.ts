import type { Page } from '@playwright/test';
import { exactly, pageText } from '../support/catalogues';
import { ADMIN, IDP } from '../support/env';
import { expect, expectAccessible, test, uniqueUser } from '../support/fixtures';
import { openDialog, signedInAccount } from '../support/session';
import { OPEN_SIGNUP, signInPage } from '../support/sign-in';
import { adminClient } from '../support/trpc';

// A real OpenID provider (oidc-provider, started beside the app by support/start-server.mjs)
// with its own login page: the browser goes there and back as it would to Keycloak.

const continueWith = pageText('us', 'auth.login.continueWith').replace('{name}', IDP.name);

test.beforeAll(async () => {
  const admin = await adminClient();
  try {
    await admin.mutation('serverSettings.update', OPEN_SIGNUP);
    const providers = await admin.query<{ slug: string }[]>('admin.identityProviders.list');
    if (!providers.some((provider) => provider.slug === IDP.slug)) {
      await admin.mutation('admin.identityProviders.create', {
        slug: IDP.slug,
        name: IDP.name,
        issuer: IDP.issuer,
        clientId: IDP.clientId,
        clientSecret: IDP.clientSecret,
      });
    }
  } finally {
    await admin.dispose();
  }
});

/** At the provider's own login page: who to be, and sign in (or cancel). */
async function atProvider(page: Page, sub: string | null) {
  await expect(page).toHaveURL(new RegExp(`^${IDP.issuer.replace(/[.]/g, '\\.')}/`));
  if (sub === null) {
    await page.getByRole('button', { name: 'Cancel' }).click();
    return;
  }
  await page.getByLabel('Username').fill(sub);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test.describe('signing in through an identity provider', () => {
  test('“Continue with Test IdP” goes to the provider and comes back signed in', async ({
    page,
  }) => {
    await page.goto('/login?next=/settings/security');
    await expectAccessible(page);
    await page.getByRole('link', { name: continueWith }).click();
    await atProvider(page, 'idp-ines');
    await expect(page).toHaveURL(/\/settings\/security$/);
    await expect(
      page.getByRole('heading', {
        level: 1,
        name: exactly(pageText('us', 'security.page.title')),
      }),
    ).toBeVisible();
    // The new account came from the provider's claims, and lists its identity.
    const identities = page.getByRole('region', {
      name: pageText('us', 'security.identities.title'),
    });
    await expect(identities.getByText('ines@idp.test')).toBeVisible();
    await expectAccessible(page);
  });

  test('cancelling at the provider comes back to the sign-in page, which says so', async ({
    page,
  }) => {
    await page.goto('/login');
    await page.getByRole('link', { name: continueWith }).click();
    await atProvider(page, null);
    await expect(page).toHaveURL(/\/login\?error=SIGN_IN_CANCELLED$/);
    await expect(page.getByRole('alert').first()).toHaveText(
      pageText('us', 'errors.codes.SIGN_IN_CANCELLED'),
    );
    await expectAccessible(page);
  });

  test('a person links the provider from the security page, then signs in through it', async ({
    page,
    admin,
    browser,
  }) => {
    const person = uniqueUser('linker');
    await signedInAccount(page, admin, person);
    await page.goto('/settings/security');
    const identities = page.getByRole('region', {
      name: pageText('us', 'security.identities.title'),
    });
    const dialog = await openDialog(
      page,
      identities.getByRole('button', {
        name: pageText('us', 'security.identities.link').replace('{name}', IDP.name),
      }),
    );
    await dialog
      .getByLabel(pageText('us', 'security.identities.stepUp.currentPassword'))
      .fill('not-my-password');
    const submit = dialog.getByRole('button', {
      name: pageText('us', 'security.identities.linkDialog.submit').replace('{name}', IDP.name),
    });
    await submit.click();
    await expect(dialog.locator('.field-error')).toBeVisible();
    await dialog
      .getByLabel(pageText('us', 'security.identities.stepUp.currentPassword'))
      .fill(person.password);
    await submit.click();
    await atProvider(page, 'idp-jonas');
    await expect(page).toHaveURL(/\/settings\/security/);
    await expect(
      page.getByText(pageText('us', 'security.identities.linked').replace('{name}', IDP.name)),
    ).toBeVisible();
    await expect(identities.getByText('jonas@idp.test')).toBeVisible();
    await expectAccessible(page);

    // Another browser signs in as this person through the provider.
    const elsewhere = await browser.newContext();
    const other = await elsewhere.newPage();
    await other.goto('/login');
    await other.getByRole('link', { name: continueWith }).click();
    await atProvider(other, 'idp-jonas');
    await expect(other).toHaveURL(/\/settings\/profile$/);
    const me = (await (await other.request.get('/api/trpc/me.get')).json()) as {
      result: { data: { username: string } };
    };
    expect(me.result.data.username).toBe(person.username);
    await elsewhere.close();
  });
});

test.describe('the administration of identity providers', () => {
  const form = (key: string) => pageText('us', `admin.identityProviderForm.${key}`);

  test('an admin adds a provider from a preset, tests its issuer, and removes it', async ({
    page,
  }) => {
    await signInPage(page, ADMIN.username, ADMIN.password);
    await page.goto('/admin/identity-providers');
    await expect(
      page.getByRole('heading', {
        level: 1,
        name: exactly(pageText('us', 'admin.identityProvidersPage.title')),
      }),
    ).toBeVisible();
    await expect(page.getByText(IDP.name, { exact: true }).first()).toBeVisible();
    await expectAccessible(page);

    const dialog = await openDialog(
      page,
      page.getByRole('button', { name: exactly(pageText('us', 'admin.identityProviders.add')) }),
    );
    await dialog.getByLabel(form('preset')).selectOption('keycloak');
    await dialog.getByLabel(form('name'), { exact: true }).fill('Second IdP');
    await expect(dialog.getByLabel(form('slug'), { exact: true })).toHaveValue('second-idp');

    // A wrong issuer is explained next to the field; the right one is found.
    const issuer = dialog.getByLabel(form('issuer'), { exact: true });
    await issuer.fill('http://127.0.0.1:9');
    await dialog.getByRole('button', { name: form('test') }).click();
    await expect(
      dialog.getByText(pageText('us', 'admin.identityProviderForm.testProblem.unreachable')),
    ).toBeVisible();
    await issuer.fill(IDP.issuer);
    await dialog.getByRole('button', { name: form('test') }).click();
    await expect(dialog.getByText(`Found ${IDP.issuer}.`, { exact: false })).toBeVisible();
    await dialog.getByLabel(form('clientId'), { exact: true }).fill('second-client');
    await dialog.getByLabel(form('clientSecret')).fill('second-secret');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: exactly(form('submitAdd')) }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Second IdP', { exact: true }).first()).toBeVisible();

    await page.getByRole('button', { name: 'Remove Second IdP' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove Second IdP?' });
    await confirm.getByRole('button', { name: 'Remove Second IdP' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText('Second IdP', { exact: true })).toHaveCount(0);
  });

  test('with password sign-in off, the sign-in page leads with the provider', async ({
    page,
    admin,
  }) => {
    await admin.mutation('serverSettings.update', { passwordLoginEnabled: false });
    try {
      await page.goto('/login');
      await expect(page.getByRole('link', { name: continueWith })).toBeVisible();
      const username = page.getByLabel(pageText('us', 'auth.login.usernameOrEmail'));
      await expect(username).toBeHidden();
      await page.getByRole('button', { name: pageText('us', 'auth.login.showPassword') }).click();
      await expect(username).toBeVisible();
      await expectAccessible(page);
    } finally {
      await admin.mutation('serverSettings.update', { passwordLoginEnabled: true });
    }
  });
});
