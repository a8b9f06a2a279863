import type { CDPSession, Page } from '@playwright/test';
import { generate } from 'otplib';
import { exactly, pageText } from '../support/catalogues';
import { expect, expectAccessible, test, uniqueUser } from '../support/fixtures';
import { openDialog, signedInAccount } from '../support/session';
import { anonymousClient } from '../support/sign-in';

// Chromium's virtual authenticator (DevTools protocol): a platform authenticator with resident
// keys and user verification, as a phone or laptop with a fingerprint reader would be.

async function virtualAuthenticator(
  page: Page,
): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/**
 * Whether the virtual authenticator answers by itself. It also answers the sign-in page's passkey
 * autofill at once (a person would first pick the passkey), so tests of the password path turn
 * it off while they type.
 */
async function presence(
  { cdp, authenticatorId }: Awaited<ReturnType<typeof virtualAuthenticator>>,
  enabled: boolean,
) {
  await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });
}

const security = (key: string) => pageText('us', `security.passkeys.${key}`);

async function addPasskey(page: Page, password: string, name: string) {
  await page.goto('/settings/security');
  const card = page.getByRole('region', { name: exactly(security('title')) });
  const dialog = await openDialog(page, card.getByRole('button', { name: security('addButton') }));
  await dialog.getByLabel(security('add.name'), { exact: true }).fill(name);
  await dialog.getByLabel(pageText('us', 'common.stepUp.currentPassword')).fill(password);
  await dialog.getByRole('button', { name: security('add.submit') }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByText(name, { exact: true })).toBeVisible();
  return card;
}

test.describe('passkeys', () => {
  test('a person adds a passkey, signs out, and signs in with it alone', async ({
    page,
    admin,
  }) => {
    const authenticator = await virtualAuthenticator(page);
    const person = uniqueUser('passkey');
    await signedInAccount(page, admin, person);
    await addPasskey(page, person.password, 'Laptop');
    await expectAccessible(page);

    // The button, not the autofill: as in a browser without passkey autofill (the virtual
    // authenticator would answer an autofill request at once, before any click).
    await page.addInitScript(() => {
      PublicKeyCredential.isConditionalMediationAvailable = () => Promise.resolve(false);
    });
    await presence(authenticator, false);
    await page
      .getByRole('button', { name: pageText('us', 'common.nav.signOut'), exact: true })
      .click();
    await expect(page).toHaveURL(/\/login/);
    // A page load of its own, so that the script above applies.
    await page.goto('/login');
    await presence(authenticator, true);
    await page.getByRole('button', { name: pageText('us', 'auth.login.passkey') }).click();
    await expect(page).toHaveURL(/\/settings\/profile$/);
    const me = (await (await page.request.get('/api/trpc/me.get')).json()) as {
      result: { data: { username: string } };
    };
    expect(me.result.data.username).toBe(person.username);
  });

  test('with two-factor authentication on, the second step takes the passkey', async ({
    page,
    admin,
  }) => {
    const authenticator = await virtualAuthenticator(page);
    const person = uniqueUser('pkmfa');
    await signedInAccount(page, admin, person);
    await addPasskey(page, person.password, 'Phone');
    // Two-factor authentication turned on from another device.
    const client = await anonymousClient();
    try {
      await client.mutation('auth.login', { username: person.username, password: person.password });
      const setup = await client.mutation<{ secret: string }>('mfa.setup');
      await client.mutation('mfa.enable', {
        code: await generate({ secret: setup.secret }),
        password: person.password,
      });
    } finally {
      await client.dispose();
    }

    await presence(authenticator, false);
    await page
      .getByRole('button', { name: pageText('us', 'common.nav.signOut'), exact: true })
      .click();
    await page.getByLabel(pageText('us', 'auth.login.usernameOrEmail')).fill(person.username);
    await page
      .getByLabel(pageText('us', 'auth.login.password'), { exact: true })
      .fill(person.password);
    await page
      .getByRole('button', { name: pageText('us', 'auth.login.submit'), exact: true })
      .click();
    await expect(page.getByLabel(pageText('us', 'auth.mfa.code'))).toBeVisible();
    await expectAccessible(page);
    await presence(authenticator, true);
    await page.getByRole('button', { name: pageText('us', 'auth.mfa.usePasskey') }).click();
    await expect(page).toHaveURL(/\/settings\/profile$/);
  });

  test('the sign-in page offers the passkey through the browser’s autofill', async ({
    page,
    admin,
  }) => {
    await virtualAuthenticator(page);
    const person = uniqueUser('pkfill');
    await signedInAccount(page, admin, person);
    await addPasskey(page, person.password, 'Tablet');
    await page
      .getByRole('button', { name: pageText('us', 'common.nav.signOut'), exact: true })
      .click();
    // The username field asks for passkeys (conditional mediation); the virtual authenticator
    // answers that request as a person picking the passkey from the autofill list would.
    await expect(page).toHaveURL(/\/settings\/profile$/);
  });
});
