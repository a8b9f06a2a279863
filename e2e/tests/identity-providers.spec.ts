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
      .getByLabel(pageText('us', 'common.stepUp.currentPassword'))
      .fill('not-my-password');
    const submit = dialog.getByRole('button', {
      name: pageText('us', 'security.identities.linkDialog.submit').replace('{name}', IDP.name),
    });
    await submit.click();
    await expect(dialog.locator('.field-error')).toBeVisible();
    await dialog.getByLabel(pageText('us', 'common.stepUp.currentPassword')).fill(person.password);
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

  test('an account without a password creates an API key with no password, then sets a first one and signs in with it', async ({
    page,
  }) => {
    const security = (key: string) => pageText('us', `security.${key}`);
    await page.goto('/login?next=/settings/security');
    await page.getByRole('link', { name: continueWith }).click();
    await atProvider(page, 'idp-ines');
    await expect(page).toHaveURL(/\/settings\/security$/);
    const me = (await (await page.request.get('/api/trpc/me.get')).json()) as {
      result: { data: { username: string; hasPassword: boolean } };
    };
    const { username, hasPassword } = me.result.data;
    expect(hasPassword).toBe(false);

    // The step-up of an account without a password is a recent sign-in at its provider: the
    // dialog asks for no password and says so.
    const apiKeys = page.getByRole('region', { name: exactly(security('apiKeys.title')) });
    const createButton = apiKeys.getByRole('button', { name: security('apiKeys.createButton') });
    let dialog = await openDialog(page, createButton);
    await expect(dialog.getByLabel(pageText('us', 'common.stepUp.currentPassword'))).toHaveCount(0);
    await expect(dialog.getByText(pageText('us', 'common.stepUp.noPassword'))).toBeVisible();
    await expectAccessible(page);

    // Ten minutes after that sign-in the server answers as below (docs/api.md §9); a browser test
    // cannot age its session, so this one answer is the server's refusal as it would send it.
    await page.route(
      (url) => url.pathname === '/api/trpc/me.apiKeys.create',
      (route) =>
        route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify([
            {
              error: {
                message: 'Sign in again through your identity provider to confirm it is you.',
                code: -32600,
                data: {
                  code: 'BAD_REQUEST',
                  httpStatus: 400,
                  path: 'me.apiKeys.create',
                  rosterCode: 'STEP_UP_REQUIRED',
                  zodError: null,
                  issues: null,
                  field: 'stepUp',
                  retryAfterSeconds: null,
                  details: { part: 'sign_in' },
                },
              },
            },
          ]),
        }),
      { times: 1 },
    );
    await dialog.getByLabel(security('apiKeys.create.name')).fill('Stale sign-in');
    await dialog.getByRole('button', { name: security('apiKeys.create.submit') }).click();
    // Said at the top of the form, with the way back through the provider to this page.
    const signInAgain = /sign_in \{([^}]*)\}/.exec(
      pageText('us', 'errors.codes.STEP_UP_REQUIRED'),
    )?.[1];
    expect(signInAgain).toBeTruthy();
    await expect(dialog.getByRole('alert')).toHaveText(signInAgain ?? '');
    const again = dialog.getByRole('link', {
      name: pageText('us', 'common.stepUp.signInAgain').replace('{name}', IDP.name),
    });
    await expect(again).toHaveAttribute(
      'href',
      `/api/auth/oidc/${IDP.slug}/start?next=%2Fsettings%2Fsecurity`,
    );
    await expectAccessible(page);
    await again.click();
    await atProvider(page, 'idp-ines');
    await expect(page).toHaveURL(/\/settings\/security$/);

    // Signed in again just now: the real server makes the key, still without a password.
    dialog = await openDialog(page, createButton);
    await expect(dialog.getByLabel(pageText('us', 'common.stepUp.currentPassword'))).toHaveCount(0);
    await dialog.getByLabel(security('apiKeys.create.name')).fill('Provider account script');
    await dialog.getByRole('button', { name: security('apiKeys.create.submit') }).click();
    await expect(
      dialog.getByRole('heading', { name: security('apiKeys.secret.title') }),
    ).toBeVisible();
    expect(await dialog.getByLabel(security('apiKeys.secret.label')).inputValue()).toMatch(
      /^rst_[A-Za-z0-9_-]{43}$/,
    );
    await dialog.getByRole('button', { name: security('apiKeys.secret.done') }).click();
    await expect(dialog).toBeHidden();
    await expect(
      apiKeys.getByTestId('api-key').getByText('Provider account script', { exact: true }),
    ).toBeVisible();

    // "Set a password": no current password to give; then it is the usual password card.
    const setCard = page.getByRole('region', {
      name: exactly(security('changePassword.setTitle')),
    });
    await expect(setCard.getByLabel(security('changePassword.currentPassword'))).toHaveCount(0);
    await expect(setCard.getByLabel(security('changePassword.revokeOtherSessions'))).toHaveCount(0);
    await expectAccessible(page);
    const password = 'Ines-first-Secret9!';
    await setCard
      .getByLabel(security('changePassword.newPassword'), { exact: true })
      .fill(password);
    await setCard.getByLabel(security('changePassword.repeatPassword')).fill(password);
    await setCard.getByRole('button', { name: security('changePassword.setSubmit') }).click();
    const passwordCard = page.getByRole('region', {
      name: exactly(security('changePassword.title')),
    });
    await expect(passwordCard.getByText(security('changePassword.set'))).toBeVisible();
    await expect(passwordCard.getByLabel(security('changePassword.currentPassword'))).toBeVisible();
    await expectAccessible(page);

    // Out, and in again with that password on the sign-in form.
    await page
      .getByRole('button', { name: pageText('us', 'common.nav.signOut'), exact: true })
      .click();
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel(pageText('us', 'auth.login.usernameOrEmail')).fill(username);
    await page.getByLabel(pageText('us', 'auth.login.password'), { exact: true }).fill(password);
    await page
      .getByRole('button', { name: pageText('us', 'auth.login.submit'), exact: true })
      .click();
    await expect(page).toHaveURL(/\/settings\/profile$/);
    const after = (await (await page.request.get('/api/trpc/me.get')).json()) as {
      result: { data: { username: string; hasPassword: boolean } };
    };
    expect(after.result.data).toMatchObject({ username, hasPassword: true });
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
