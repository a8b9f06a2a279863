import { ADMIN } from '../support/env';
import { expect, expectAccessible, test, uniqueUser } from '../support/fixtures';
import { linkIn, waitForMail } from '../support/mailbox';
import { OPEN_SIGNUP, signInPage } from '../support/sign-in';

test.describe('sign-up with verification and approval', () => {
  test.beforeEach(async ({ admin }) => {
    await admin.mutation('serverSettings.update', {
      signupEnabled: true,
      signupRequireEmailVerification: true,
      signupRequireAdminApproval: true,
    });
  });
  test.afterEach(async ({ admin }) => {
    await admin.mutation('serverSettings.update', OPEN_SIGNUP);
  });

  test('a person signs up, confirms the address, is approved by an admin in the browser and signs in', async ({
    page,
    browser,
  }) => {
    const person = uniqueUser('appr');

    await page.goto('/signup');
    await expect(
      page.getByText(
        'After signing up you will confirm your email address, then wait for an administrator to approve your account.',
      ),
    ).toBeVisible();
    await page.getByLabel('Full name').fill(person.name);
    await page.getByLabel('Username').fill(person.username);
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText(`We sent a link to ${person.email}.`)).toBeVisible();

    const mail = await waitForMail(person.email, /^Confirm your email address$/);
    await page.goto(linkIn(mail, '/verify-email'));
    await expect(page.getByText('Your email address is confirmed.')).toBeVisible();
    await expect(page.getByText('An administrator will now review your account.')).toBeVisible();
    await expectAccessible(page);

    await page.goto('/login');
    await page.getByLabel('Username or email').fill(person.username);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('form [role=alert]')).toHaveText(
      'Your account is waiting for an administrator to approve it.',
    );

    // The admin, in a browser of their own, finds the sign-up and approves it.
    const adminContext = await browser.newContext();
    try {
      const adminPage = await adminContext.newPage();
      await signInPage(adminPage, ADMIN.username, ADMIN.password);
      await adminPage.goto('/admin/users');
      await expect(
        adminPage
          .getByRole('navigation', { name: 'Show' })
          .getByRole('link', { name: /^Pending approval/ }),
      ).toHaveAttribute('aria-current', 'true');
      // Typing and clicking at once: the pending search must not pull the page back afterwards.
      await adminPage.getByLabel('Search users').fill(person.username);
      await adminPage.getByRole('link', { name: person.name }).click();
      await expect(adminPage).toHaveURL(/\/admin\/users\/\d+$/);
      const approval = adminPage.getByRole('region', { name: 'Waiting for approval' });
      await expect(approval).toContainText('confirmed their email address');
      await expectAccessible(adminPage);
      await approval.getByRole('button', { name: 'Approve' }).click();
      await expect(
        adminPage.getByText(`Approved. ${person.name} can sign in now; we told them by email.`),
      ).toBeVisible();
      await expect(
        adminPage.getByRole('list', { name: 'Status' }).getByText('Pending approval'),
      ).toHaveCount(0);
    } finally {
      await adminContext.close();
    }
    await waitForMail(person.email, /^Your account was approved$/);

    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/profile$/);
    await expect(page.getByTestId('header-user-name')).toHaveText(person.name);
  });
});
