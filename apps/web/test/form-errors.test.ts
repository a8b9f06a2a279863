import { TRPCClientError } from '@trpc/client';
import { createFormatter, createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UsersSignup } from '@roster/users/schemas';
import { errorText, rosterCode, type ErrorTranslator } from '../src/lib/errors';
import { placeMessages } from '../src/lib/use-form';
import english from '../messages/us/errors.json';
import german from '../messages/de/errors.json';

/** A failure as the API sends it (docs/api.md). */
function failure(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32600, data } });
}

function wording(locale: string, messages: object) {
  const t = createTranslator({ locale, messages: { errors: messages }, namespace: 'errors' });
  return errorText(t as unknown as ErrorTranslator, createFormatter({ locale, timeZone: 'UTC' }));
}

const en = wording('en-US', english);

describe('a failed call in the page language', () => {
  it('words each refused field from its facts, naming the field, not from the English', () => {
    const error = failure('Name is required.', {
      rosterCode: 'INVALID_INPUT',
      field: 'name',
      issues: [
        { path: 'name', code: 'too_small', origin: 'string', minimum: 1 },
        { path: 'email', code: 'invalid_format', origin: 'string', format: 'email' },
        { path: 'height', code: 'too_big', origin: 'number', maximum: 300 },
      ],
    });
    expect(en.formErrors(error)).toEqual({
      fields: {
        name: 'Name is required.',
        email: 'Enter a valid email address.',
        height: 'Height must be between 1 and 300 cm.',
      },
      form: null,
      retryAfterSeconds: null,
    });
    expect(rosterCode(error)).toBe('INVALID_INPUT');
  });

  it('translates a domain refusal from its rosterCode, by the field it names', () => {
    const error = failure('Your password is not right.', {
      rosterCode: 'STEP_UP_FAILED',
      field: 'stepUp.password',
    });
    expect(en.formErrors(error).fields).toEqual({
      'stepUp.password': 'Your password is not right.',
    });
    const code = failure('x', { rosterCode: 'STEP_UP_FAILED', field: 'stepUp.code' });
    expect(en.formErrors(code).fields['stepUp.code']).toMatch(/That code is not right/);
  });

  it('words a step-up refusal by the part the server names: a session too old to stand for one', () => {
    const error = failure('Sign in again…', {
      rosterCode: 'STEP_UP_REQUIRED',
      field: 'stepUp',
      details: { part: 'sign_in' },
    });
    expect(en.formErrors(error).fields.stepUp).toMatch(
      /^Sign in again through your identity provider/,
    );
    const inGerman = wording('de', german).formErrors(error).fields.stepUp;
    expect(inGerman).toBeTruthy();
    expect(inGerman).not.toBe(en.formErrors(error).fields.stepUp);
    const code = failure('x', {
      rosterCode: 'STEP_UP_REQUIRED',
      field: 'stepUp.code',
      details: { part: 'code' },
    });
    expect(en.formErrors(code).fields['stepUp.code']).toMatch(/^Enter a code/);
  });

  it('keeps a message about no field for the whole form, with the wait it asks for', () => {
    const error = failure('Too many attempts.', {
      rosterCode: 'ACCOUNT_LOCKED',
      field: null,
      retryAfterSeconds: 900,
    });
    expect(en.formErrors(error)).toEqual({
      fields: {},
      form: 'Too many attempts. Try again in 15 minutes.',
      retryAfterSeconds: 900,
    });
    expect(wording('de', german).formErrors(error).form).toContain('15 Minuten');
  });

  it('lists what a password lacks from the policy details', () => {
    const error = failure('Password needs…', {
      rosterCode: 'PASSWORD_POLICY',
      field: 'password',
      details: { minLength: 12, missing: 'length,digit,symbol' },
    });
    expect(en.formErrors(error).fields.password).toBe(
      'Password needs at least 12 characters, a digit, and a symbol.',
    );
  });

  it('says which change the last administrator cannot have', () => {
    const error = failure('…', { rosterCode: 'LAST_ADMIN', details: { action: 'delete' } });
    expect(en.message(error)).toMatch(/before deleting this one\.$/);
  });

  it('names the bound an account has reached: API keys, passkeys', () => {
    const keys = failure('…', { rosterCode: 'API_KEY_LIMIT', details: { max: 100 } });
    expect(en.formErrors(keys).form).toMatch(/^An account can hold at most 100 API keys\./);
    const passkeys = failure('…', { rosterCode: 'PASSKEY_LIMIT', details: { max: 50 } });
    expect(wording('de', german).message(passkeys)).toMatch(/höchstens 50 Passkeys/);
  });

  it('falls back to the server’s words for a code newer than the page', () => {
    const error = failure('A brand new refusal.', { rosterCode: 'SOMETHING_NEW' });
    expect(en.message(error)).toBe('A brand new refusal.');
  });

  it('says the server was not reached when there is no answer at all', () => {
    const offline = new TypeError('Failed to fetch');
    expect(en.formErrors(offline).form).toMatch(/Could not reach the server/);
    expect(en.message(offline)).toMatch(/Could not reach the server/);
    expect(rosterCode(offline)).toBeUndefined();
  });
});

describe('the browser’s own check in the page language', () => {
  it('names the field as the form shows it and uses the field’s own format rule', () => {
    const parsed = UsersSignup.safeParse({
      name: '',
      username: 'not valid!',
      email: 'nope',
      password: 'x',
    });
    expect(parsed.success).toBe(false);
    const fields = en.issues(parsed.error?.issues ?? [], { password: 'Choose a password' });
    expect(fields).toMatchObject({
      name: 'Name is required.',
      username: 'Username may contain only letters, digits and dots.',
      email: 'Enter a valid email address.',
    });
    const de = wording('de', german).issues(parsed.error?.issues ?? []);
    expect(de.name).not.toBe(fields.name);
  });

  it('words numbers, whole numbers, ranges in the field’s own words, and choices', () => {
    const schema = z.object({
      height: z.number().int(),
      maxHeartRate: z.number().min(30),
      pageNumber: z.number().min(1),
      gender: z.enum(['female', 'male']),
    });
    const parsed = schema.safeParse({ height: 1.5, maxHeartRate: 10, pageNumber: 0, gender: 'x' });
    expect(en.issues(parsed.error?.issues ?? [])).toEqual({
      height: 'Height must be a whole number.',
      maxHeartRate: 'Maximum heart rate must be between 30 and 250.',
      pageNumber: 'Page must be at least 1.',
      gender: 'Choose one of the options for Gender.',
    });
  });
});

describe('messages placed by the inputs that show them', () => {
  it('renames server fields to the inputs of the form', () => {
    expect(
      placeMessages({ 'stepUp.password': 'Your password is not right.' }, null, {
        rename: { 'stepUp.password': 'password' },
      }),
    ).toEqual({ fields: { password: 'Your password is not right.' }, formError: null });
  });

  it('turns a message about an input the form does not show into the form message', () => {
    expect(
      placeMessages({ token: 'This link was already used.', code: 'Wrong code.' }, null, {
        fields: ['code'],
      }),
    ).toEqual({ fields: { code: 'Wrong code.' }, formError: 'This link was already used.' });
    expect(placeMessages({ id: 'Which session?' }, 'Not allowed.', { fields: [] })).toEqual({
      fields: {},
      formError: 'Not allowed.',
    });
  });
});
