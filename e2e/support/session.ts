import { expect, type Page } from '@playwright/test';
import type { NewUser } from './fixtures';

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
