import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { errorMessage, rosterCode, toFormErrors } from '../src/lib/errors';
import { placeMessages } from '../src/lib/use-form';

/** A failure as the API sends it (API.md §1, §9). */
function failure(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32600, data } });
}

describe('a failed call as messages by field', () => {
  it('puts the named field first, then every other field the input check refused', () => {
    const error = failure('Name is required.', {
      rosterCode: 'INVALID_INPUT',
      field: 'name',
      zodError: {
        formErrors: [],
        fieldErrors: { name: ['Too small'], email: ['Enter a valid email address.'] },
      },
    });
    expect(toFormErrors(error)).toEqual({
      fields: { name: 'Name is required.', email: 'Enter a valid email address.' },
      form: null,
      retryAfterSeconds: null,
    });
    expect(rosterCode(error)).toBe('INVALID_INPUT');
  });

  it('does not repeat a nested field under its top-level name', () => {
    const error = failure('Your password is not right.', {
      field: 'stepUp.password',
      zodError: { formErrors: [], fieldErrors: { stepUp: ['Invalid input'] } },
    });
    expect(toFormErrors(error).fields).toEqual({
      'stepUp.password': 'Your password is not right.',
    });
  });

  it('keeps a message about no field for the whole form, with the wait it asks for', () => {
    const error = failure('Too many attempts.', { field: null, retryAfterSeconds: 30 });
    expect(toFormErrors(error)).toEqual({
      fields: {},
      form: 'Too many attempts.',
      retryAfterSeconds: 30,
    });
  });

  it('says the server was not reached when there is no answer at all', () => {
    const offline = new TypeError('Failed to fetch');
    expect(toFormErrors(offline).form).toMatch(/Could not reach the server/);
    expect(errorMessage(offline)).toMatch(/Could not reach the server/);
    expect(rosterCode(offline)).toBeUndefined();
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
