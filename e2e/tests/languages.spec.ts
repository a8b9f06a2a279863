import { exactly, mailText, pageText } from '../support/catalogues';
import { expect, expectAccessible, test, uniqueUser } from '../support/fixtures';
import { linkIn, waitForMail } from '../support/mailbox';
import { signedInAccount } from '../support/session';
import { OPEN_SIGNUP } from '../support/sign-in';

// The expected words come from the catalogues that ship, so these tests check that each page is
// wired to its language, not a copy of the translations.

test.describe('a visitor whose browser asks for German', () => {
  test.use({ locale: 'de-DE' });

  test('gets the sign-in page in German, marked as German', async ({ page }) => {
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(
      page.getByRole('heading', { name: exactly(pageText('de', 'auth.login.title')) }),
    ).toBeVisible();
    await expect(page.getByLabel(pageText('de', 'auth.login.usernameOrEmail'))).toBeVisible();
    await expect(
      page.getByRole('button', { name: exactly(pageText('de', 'auth.login.submit')) }),
    ).toBeVisible();
    await expect(page.getByLabel(pageText('de', 'common.languageMenu.label'))).toHaveValue('de');
    await expectAccessible(page);
  });

  test('a wrong password is explained in German', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel(pageText('de', 'auth.login.usernameOrEmail')).fill('nobody-here');
    await page.getByLabel(pageText('de', 'auth.login.password'), { exact: true }).fill('wrong');
    await page.getByRole('button', { name: exactly(pageText('de', 'auth.login.submit')) }).click();
    await expect(page.locator('form [role=alert]')).toHaveText(
      pageText('de', 'errors.codes.INVALID_CREDENTIALS'),
    );
  });
});

test.describe('a visitor whose browser asks for Traditional Chinese', () => {
  test.use({ locale: 'zh-TW' });

  test('gets the sign-in and reset pages in Traditional Chinese, accessible', async ({ page }) => {
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
    await expect(
      page.getByRole('heading', { name: exactly(pageText('tw', 'auth.login.title')) }),
    ).toBeVisible();
    await expectAccessible(page);
    await page.goto('/forgot-password');
    await expect(
      page.getByRole('heading', { name: exactly(pageText('tw', 'auth.forgotPassword.heading')) }),
    ).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe('the language menu', () => {
  test.beforeEach(async ({ admin }) => {
    await admin.mutation('serverSettings.update', {
      ...OPEN_SIGNUP,
      signupRequireEmailVerification: true,
    });
  });
  test.afterEach(async ({ admin }) => {
    await admin.mutation('serverSettings.update', OPEN_SIGNUP);
  });

  test('switches sign-up to French, keeps it on reload, and the French sign-up gets French mail', async ({
    page,
    admin,
    browser,
  }) => {
    await page.goto('/signup');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
    await page.getByLabel(pageText('us', 'common.languageMenu.label')).selectOption('fr');
    await expect(
      page.getByRole('heading', { name: exactly(pageText('fr', 'auth.signup.title')) }),
    ).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

    await page.reload();
    await expect(
      page.getByRole('heading', { name: exactly(pageText('fr', 'auth.signup.title')) }),
    ).toBeVisible();
    await expect(page.getByLabel(pageText('fr', 'common.languageMenu.label'))).toHaveValue('fr');
    await expectAccessible(page);

    const person = uniqueUser('french');
    await page.getByLabel(pageText('fr', 'auth.accountFields.name')).fill(person.name);
    await page.getByLabel(pageText('fr', 'auth.accountFields.username')).fill(person.username);
    await page.getByLabel(pageText('fr', 'auth.accountFields.email')).fill(person.email);
    await page
      .getByLabel(pageText('fr', 'auth.passwordField.label'), { exact: true })
      .fill(person.password);
    await page.getByRole('button', { name: exactly(pageText('fr', 'auth.signup.submit')) }).click();
    await expect(page.getByText(pageText('fr', 'auth.signup.thanks'))).toBeVisible();

    // The account speaks the language it signed up in, and so does its mail.
    const users = await admin.query<{ records: { username: string; preferredLanguage: string }[] }>(
      'admin.users.list',
      { pageNumber: 1, numRecords: 5, search: person.username, filter: 'all' },
    );
    expect(users.records.map((user) => user.preferredLanguage)).toEqual(['fr']);
    const mail = await waitForMail(person.email, exactly(mailText('fr', 'verifyEmail.subject')));
    expect(mail.text).toContain(mailText('fr', 'verifyEmail.action'));

    // Opened on another device whose browser asks for English: the link names French.
    const link = linkIn(mail, '/verify-email');
    expect(new URL(link).searchParams.get('lang')).toBe('fr');
    const elsewhere = await browser.newContext({ locale: 'en-US' });
    const phone = await elsewhere.newPage();
    await phone.goto(link);
    await expect(phone.getByText(pageText('fr', 'auth.verifyEmail.confirmed'))).toBeVisible();
    await expect(phone.locator('html')).toHaveAttribute('lang', 'fr');
    await expectAccessible(phone);
    // …and the sign-in page it leads to stays French.
    await phone.getByRole('link', { name: pageText('fr', 'auth.verifyEmail.continue') }).click();
    await expect(
      phone.getByRole('heading', { name: exactly(pageText('fr', 'auth.login.title')) }),
    ).toBeVisible();
    await elsewhere.close();
  });
});

test.describe('a signed-in person', () => {
  test('sees the settings in their own language, whatever the browser asks for', async ({
    page,
    admin,
  }) => {
    const person = uniqueUser('spanish');
    await signedInAccount(page, admin, person, { preferredLanguage: 'es' });

    await page.goto('/settings/profile');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(
      page.getByRole('heading', { level: 1, name: exactly(pageText('es', 'profile.page.title')) }),
    ).toBeVisible();
    await expectAccessible(page);

    await page.goto('/settings/security');
    await expect(
      page.getByRole('heading', { level: 1, name: exactly(pageText('es', 'security.page.title')) }),
    ).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(pageText('es', 'security.page.title')));
    await expectAccessible(page);
  });

  test('who changes the language in the profile sees the page switch at once', async ({
    page,
    admin,
  }) => {
    const person = uniqueUser('switcher');
    await signedInAccount(page, admin, person);
    await page.goto('/settings/profile');
    await page.getByLabel(pageText('us', 'profile.fields.language')).selectOption('cn');
    await page
      .getByRole('button', { name: exactly(pageText('us', 'profile.form.submit')) })
      .click();

    await expect(
      page.getByRole('heading', { level: 1, name: exactly(pageText('cn', 'profile.page.title')) }),
    ).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByLabel(pageText('cn', 'profile.fields.language'))).toHaveValue('cn');
    await expect(page).toHaveTitle(new RegExp(pageText('cn', 'profile.page.title')));
    await expectAccessible(page);

    // Kept: a new page load is Chinese too.
    await page.goto('/settings/privacy');
    await expect(
      page.getByRole('heading', {
        level: 1,
        name: exactly(pageText('cn', 'profile.privacyPage.title')),
      }),
    ).toBeVisible();
  });
});
