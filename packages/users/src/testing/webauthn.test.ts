// The soft authenticator against the real @simplewebauthn/server verifiers.
//
// How @simplewebauthn/server 14.0.3 reports failures (all by throwing a plain Error, except a bad
// signature, which resolves { verified: false }):
//   wrong origin      → 'Unexpected registration response origin "<got>", expected "<want>"'
//                       'Unexpected authentication response origin "<got>", expected "<want>"'
//   wrong challenge   → 'Unexpected registration response challenge "<got>", expected "<want>"'
//                       'Unexpected authentication response challenge "<got>", expected "<want>"'
//   wrong type        → 'Unexpected registration response type: <got>' (resp. authentication)
//   wrong RP id hash  → 'Unexpected RP ID hash' (error.name 'UnexpectedRPIDHash')
//   no UV flag        → 'User verification was required, but user could not be verified' (registration)
//                       'User verification required, but user could not be verified' (authentication)
//   counter not above the stored one (when either is non-zero), equal included →
//                       'Response counter value <got> was lower than expected <stored>'
//   signature by another key → resolves { verified: false } (no throw)
// An IP address as RP id ('127.0.0.1') is accepted by both generate*Options and verify*Response:
// the library only hashes the string, it does not validate it as a domain (browsers would refuse).
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import { isoUint8Array } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { SoftAuthenticator } from './webauthn';

const RP_ID = 'roster.test';
const ORIGIN = 'http://roster.test';

async function registrationOptions(rpID = RP_ID, userName = 'ada') {
  return generateRegistrationOptions({
    rpName: 'Roster',
    rpID,
    userName,
    userID: isoUint8Array.fromUTF8String(`user-${userName}`),
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
}

/** Registers one passkey and returns what the server would store. */
async function enrol(soft: SoftAuthenticator, rpID = RP_ID, origin = ORIGIN) {
  const options = await registrationOptions(rpID);
  const response = await soft.register(options, origin);
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
  });
  if (!result.verified) throw new Error('registration not verified');
  const { id, publicKey, counter } = result.registrationInfo.credential;
  const credential: WebAuthnCredential = { id, publicKey, counter };
  return { options, response, result, credential };
}

async function verifyLogin(
  soft: SoftAuthenticator,
  credential: WebAuthnCredential,
  overrides: Parameters<SoftAuthenticator['authenticate']>[2] = {},
  origin = ORIGIN,
) {
  const options = await generateAuthenticationOptions({
    rpID: RP_ID,
    userVerification: 'required',
  });
  const response = await soft.authenticate(options, origin, overrides);
  return verifyAuthenticationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    credential,
    requireUserVerification: true,
  });
}

describe('SoftAuthenticator registration', () => {
  it('produces a "none" attestation the library verifies', async () => {
    const soft = new SoftAuthenticator();
    const { options, response, result } = await enrol(soft);
    expect(result.verified).toBe(true);
    const info = result.registrationInfo;
    expect(info.fmt).toBe('none');
    expect(info.userVerified).toBe(true);
    expect(info.credentialDeviceType).toBe('singleDevice');
    expect(info.credentialBackedUp).toBe(false);
    expect(info.rpID).toBe(RP_ID);
    expect(info.origin).toBe(ORIGIN);
    expect(info.credential.id).toBe(response.id);
    expect(info.credential.counter).toBe(0);
    expect(soft.credentials).toHaveLength(1);
    expect(soft.credentials[0]?.userHandle).toBe(options.user.id);
    expect(soft.credentials[0]?.rpId).toBe(RP_ID);
  });

  it('sets BE/BS when backup eligible, and omits UV when asked to', async () => {
    const synced = await enrol(new SoftAuthenticator({ backupEligible: true }));
    expect(synced.result.registrationInfo.credentialDeviceType).toBe('multiDevice');
    expect(synced.result.registrationInfo.credentialBackedUp).toBe(true);

    const options = await registrationOptions();
    const response = await new SoftAuthenticator({ userVerification: false }).register(
      options,
      ORIGIN,
    );
    const verify = (requireUserVerification: boolean) =>
      verifyRegistrationResponse({
        response,
        expectedChallenge: options.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        requireUserVerification,
      });
    await expect(verify(true)).rejects.toThrow(
      'User verification was required, but user could not be verified',
    );
    expect((await verify(false)).verified).toBe(true);
  });

  it('is rejected for a wrong origin, RP id, challenge or type', async () => {
    const soft = new SoftAuthenticator();
    const options = await registrationOptions();
    const verify = async (
      origin: string,
      overrides: Parameters<SoftAuthenticator['register']>[2],
    ) =>
      verifyRegistrationResponse({
        response: await soft.register(options, origin, overrides),
        expectedChallenge: options.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
      });

    await expect(verify('http://evil.test', {})).rejects.toThrow(
      'Unexpected registration response origin "http://evil.test", expected "http://roster.test"',
    );
    await expect(verify(ORIGIN, { rpId: 'evil.test' })).rejects.toThrow('Unexpected RP ID hash');
    await expect(verify(ORIGIN, { challenge: 'Zm9yZWlnbg' })).rejects.toThrow(
      `Unexpected registration response challenge "Zm9yZWlnbg", expected "${options.challenge}"`,
    );
    await expect(verify(ORIGIN, { type: 'webauthn.get' })).rejects.toThrow(
      'Unexpected registration response type: webauthn.get',
    );
  });

  it('refuses excluded credentials and replaces one for the same user', async () => {
    const soft = new SoftAuthenticator();
    const first = await enrol(soft);
    const again = await generateRegistrationOptions({
      rpName: 'Roster',
      rpID: RP_ID,
      userName: 'ada',
      userID: isoUint8Array.fromUTF8String('user-ada'),
      excludeCredentials: [{ id: first.credential.id }],
    });
    await expect(soft.register(again, ORIGIN)).rejects.toMatchObject({ name: 'InvalidStateError' });

    await enrol(soft); // same user handle, no exclusions: overwrites
    expect(soft.credentials).toHaveLength(1);
    expect(soft.credentials[0]?.id).not.toBe(first.credential.id);
  });
});

describe('SoftAuthenticator authentication', () => {
  it('produces an assertion the library verifies, counter rising', async () => {
    const soft = new SoftAuthenticator();
    const { options: regOptions, credential } = await enrol(soft);

    const options = await generateAuthenticationOptions({
      rpID: RP_ID,
      userVerification: 'required',
    });
    const response = await soft.authenticate(options, ORIGIN);
    expect(response.response.userHandle).toBe(regOptions.user.id);
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: options.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential,
      requireUserVerification: true,
    });
    expect(result.verified).toBe(true);
    expect(result.authenticationInfo.newCounter).toBe(1);
    expect(result.authenticationInfo.userVerified).toBe(true);
    expect(result.authenticationInfo.rpID).toBe(RP_ID);

    const second = await verifyLogin(soft, { ...credential, counter: 1 });
    expect(second.verified).toBe(true);
    expect(second.authenticationInfo.newCounter).toBe(2);
  });

  it('honours allowCredentials and rejects when it holds none of them', async () => {
    const soft = new SoftAuthenticator();
    const { credential } = await enrol(soft);
    const options = await generateAuthenticationOptions({
      rpID: RP_ID,
      allowCredentials: [{ id: 'bm90LWhlbGQ' }, { id: credential.id }],
    });
    expect((await soft.authenticate(options, ORIGIN)).id).toBe(credential.id);

    const foreign = await generateAuthenticationOptions({
      rpID: RP_ID,
      allowCredentials: [{ id: 'bm90LWhlbGQ' }],
    });
    await expect(soft.authenticate(foreign, ORIGIN)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    const otherRp = await generateAuthenticationOptions({ rpID: 'elsewhere.test' });
    await expect(soft.authenticate(otherRp, 'http://elsewhere.test')).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });

  it('is rejected for a wrong origin', async () => {
    const soft = new SoftAuthenticator();
    const { credential } = await enrol(soft);
    await expect(verifyLogin(soft, credential, {}, 'http://evil.test')).rejects.toThrow(
      'Unexpected authentication response origin "http://evil.test", expected "http://roster.test"',
    );
  });

  it('is rejected for a wrong RP id', async () => {
    const soft = new SoftAuthenticator();
    const { credential } = await enrol(soft);
    await expect(verifyLogin(soft, credential, { rpId: 'evil.test' })).rejects.toThrow(
      'Unexpected RP ID hash',
    );
  });

  it('is rejected for a replayed challenge', async () => {
    const soft = new SoftAuthenticator();
    const { credential } = await enrol(soft);
    await expect(
      verifyLogin(soft, credential, { challenge: 'b2xkLWNoYWxsZW5nZQ' }),
    ).rejects.toThrow(
      /^Unexpected authentication response challenge "b2xkLWNoYWxsZW5nZQ", expected "/,
    );
  });

  it('is rejected (thrown, not verified:false) for a counter that does not rise', async () => {
    const soft = new SoftAuthenticator();
    const { credential } = await enrol(soft);
    const stored = { ...credential, counter: 5 };
    await expect(verifyLogin(soft, stored, { counter: 3 })).rejects.toThrow(
      'Response counter value 3 was lower than expected 5',
    );
    // Equal counts as "lower" too (same message).
    await expect(verifyLogin(soft, stored, { counter: 5 })).rejects.toThrow(
      'Response counter value 5 was lower than expected 5',
    );
    // The override does not touch the stored counter: the next real assertion sends 1.
    expect(soft.credentials[0]?.counter).toBe(0);
    expect((await verifyLogin(soft, stored, { counter: 6 })).verified).toBe(true);
  });

  it('is rejected for a missing UV flag', async () => {
    const soft = new SoftAuthenticator({ userVerification: false });
    const options = await registrationOptions();
    const reg = await verifyRegistrationResponse({
      response: await soft.register(options, ORIGIN),
      expectedChallenge: options.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      requireUserVerification: false,
    });
    if (!reg.verified) throw new Error('registration not verified');
    const { id, publicKey, counter } = reg.registrationInfo.credential;
    await expect(verifyLogin(soft, { id, publicKey, counter })).rejects.toThrow(
      'User verification required, but user could not be verified',
    );
  });

  it('resolves verified:false for a signature by another key', async () => {
    const soft = new SoftAuthenticator();
    const ada = await enrol(soft);
    const options = await registrationOptions(RP_ID, 'bob');
    await soft.register(options, ORIGIN);
    const bob = soft.credentials.find((c) => c.userHandle === options.user.id);
    if (!bob) throw new Error('no bob');
    const options2 = await generateAuthenticationOptions({ rpID: RP_ID });
    const response = await soft.authenticate(options2, ORIGIN, { credentialId: bob.id });
    const result = await verifyAuthenticationResponse({
      response: { ...response, id: ada.credential.id, rawId: ada.credential.id },
      expectedChallenge: options2.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential: ada.credential,
    });
    expect(result.verified).toBe(false);
  });
});

describe('an IP address as RP id', () => {
  it('is accepted by the library for registration and authentication', async () => {
    const rpID = '127.0.0.1';
    const origin = 'http://127.0.0.1:3000';
    const soft = new SoftAuthenticator();
    const { result, credential } = await enrol(soft, rpID, origin);
    expect(result.registrationInfo.rpID).toBe(rpID);

    const options = await generateAuthenticationOptions({ rpID, userVerification: 'required' });
    const auth = await verifyAuthenticationResponse({
      response: await soft.authenticate(options, origin),
      expectedChallenge: options.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential,
    });
    expect(auth.verified).toBe(true);
    expect(auth.authenticationInfo.rpID).toBe(rpID);
  });
});
