// A software WebAuthn authenticator (plus the browser's part of the ceremony) for router tests.
// It answers the JSON options that @simplewebauthn/server generates with real attestation and
// assertion objects: ES256 (P-256) keys from node:crypto, CBOR from the library's own encoder,
// attestation format "none". Nothing here talks to a browser or a network.
//
// authData layout: rpIdHash(32) | flags(1) | signCount(4, big-endian)
//                  [ | aaguid(16) | credIdLen(2, big-endian) | credId | COSE_Key ]  (when AT is set)
// An assertion signature is ECDSA/SHA-256 over authData || sha256(clientDataJSON), DER-encoded.
import crypto, { type KeyObject } from 'node:crypto';
import type {
  AuthenticationExtensionsClientInputs,
  AuthenticationExtensionsClientOutputs,
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

export interface SoftCredential {
  /** The credential id, base64url. */
  id: string;
  /** The user handle (the creation options' user.id, base64url) the credential was made for. */
  userHandle: string | null;
  /** The signature counter last used; the next assertion sends counter + 1. */
  counter: number;
  privateKey: KeyObject;
  /** The RP id the credential is scoped to (selection in authenticate() uses it). */
  rpId: string;
}

export interface SoftAuthenticatorOptions {
  /** Set the UV flag (user verified). Default true. */
  userVerification?: boolean;
  /** Set the BE and BS flags (a synced, backed-up passkey). Default false. */
  backupEligible?: boolean;
}

export interface RegisterOverrides {
  /** The RP id whose SHA-256 goes into authData (default: options.rp.id). */
  rpId?: string;
  /** The challenge written into clientDataJSON (default: options.challenge). */
  challenge?: string;
  /** clientDataJSON.type (default 'webauthn.create'). */
  type?: string;
}

export interface AuthenticateOverrides {
  /** The RP id whose SHA-256 goes into authData (default: options.rpId). Selection still uses options.rpId. */
  rpId?: string;
  /** The challenge written into clientDataJSON (default: options.challenge). */
  challenge?: string;
  /** The signCount sent in this assertion, as is; the credential's stored counter is left unchanged. */
  counter?: number;
  /** Answer with this stored credential, whatever allowCredentials says. */
  credentialId?: string;
  /** clientDataJSON.type (default 'webauthn.get'). */
  type?: string;
}

const ES256 = -7;
// An all-zero AAGUID, as "none" attestation conveys (and as the library accepts).
const AAGUID = new Uint8Array(16);
const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

type CBORValue = Parameters<typeof isoCBOR.encode>[0];

function sha256(data: Uint8Array): Buffer {
  return crypto.createHash('sha256').update(data).digest();
}

function b64url(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64url');
}

/** Mirrors the DOMException a browser rejects navigator.credentials.* with. */
function domError(
  name: 'NotAllowedError' | 'NotSupportedError' | 'InvalidStateError',
  message: string,
) {
  return new DOMException(message, name);
}

function hostOf(origin: string): string {
  return new URL(origin).hostname;
}

function clientData(type: string, challenge: string, origin: string): Buffer {
  // Key order as browsers write it.
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
}

function coseKey(privateKey: KeyObject): Uint8Array {
  const jwk = crypto.createPublicKey(privateKey).export({ format: 'jwk' });
  if (jwk.x === undefined || jwk.y === undefined) throw new Error('P-256 key without x/y');
  const map = new Map<number, CBORValue>([
    [1, 2], // kty: EC2
    [3, ES256], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, isoBase64URL.toBuffer(jwk.x)],
    [-3, isoBase64URL.toBuffer(jwk.y)],
  ]);
  return isoCBOR.encode(map);
}

function credPropsOutput(
  extensions: AuthenticationExtensionsClientInputs | undefined,
): AuthenticationExtensionsClientOutputs {
  return extensions?.credProps === true ? { credProps: { rk: true } } : {};
}

export class SoftAuthenticator {
  /** Stored (always resident) credentials, oldest first. Tests may inspect or edit them. */
  readonly credentials: SoftCredential[] = [];
  readonly #userVerification: boolean;
  readonly #backupEligible: boolean;

  constructor(options: SoftAuthenticatorOptions = {}) {
    this.#userVerification = options.userVerification ?? true;
    this.#backupEligible = options.backupEligible ?? false;
  }

  #flags(attested: boolean): number {
    let flags = FLAG_UP;
    if (this.#userVerification) flags |= FLAG_UV;
    if (this.#backupEligible) flags |= FLAG_BE | FLAG_BS;
    if (attested) flags |= FLAG_AT;
    return flags;
  }

  #authData(rpId: string, flags: number, counter: number, attested?: Uint8Array): Buffer {
    const head = Buffer.alloc(37);
    sha256(Buffer.from(rpId, 'utf8')).copy(head, 0);
    head.writeUInt8(flags, 32);
    head.writeUInt32BE(counter >>> 0, 33);
    return attested ? Buffer.concat([head, attested]) : head;
  }

  /**
   * Answers navigator.credentials.create(). Refuses (like a browser) when ES256 is not among
   * pubKeyCredParams or when excludeCredentials names a credential this authenticator holds.
   * A new credential replaces any held for the same RP id and user handle, as CTAP2 requires.
   */
  register(
    options: PublicKeyCredentialCreationOptionsJSON,
    origin: string,
    overrides: RegisterOverrides = {},
  ): Promise<RegistrationResponseJSON> {
    const rpId = options.rp.id ?? hostOf(origin);
    if (!options.pubKeyCredParams.some((p) => p.alg === ES256)) {
      return Promise.reject(domError('NotSupportedError', 'SoftAuthenticator only supports ES256'));
    }
    const excluded = new Set((options.excludeCredentials ?? []).map((c) => c.id));
    if (this.credentials.some((c) => c.rpId === rpId && excluded.has(c.id))) {
      return Promise.reject(
        domError('InvalidStateError', 'The authenticator already holds an excluded credential'),
      );
    }

    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rawId = crypto.randomBytes(32);
    const id = rawId.toString('base64url');
    const credIdLen = Buffer.alloc(2);
    credIdLen.writeUInt16BE(rawId.length);
    const attested = Buffer.concat([AAGUID, credIdLen, rawId, coseKey(privateKey)]);
    const authData = this.#authData(overrides.rpId ?? rpId, this.#flags(true), 0, attested);

    const attestationObject = isoCBOR.encode(
      new Map<string, CBORValue>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, CBORValue>()],
        ['authData', new Uint8Array(authData)],
      ]),
    );
    const clientDataJSON = clientData(
      overrides.type ?? 'webauthn.create',
      overrides.challenge ?? options.challenge,
      origin,
    );

    const userHandle = options.user.id;
    const stored: SoftCredential = {
      id,
      userHandle,
      counter: 0,
      privateKey,
      rpId: overrides.rpId ?? rpId,
    };
    for (let i = this.credentials.length - 1; i >= 0; i--) {
      const c = this.credentials[i];
      if (c?.rpId === stored.rpId && c.userHandle === userHandle) this.credentials.splice(i, 1);
    }
    this.credentials.push(stored);

    const spki = crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    return Promise.resolve({
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: credPropsOutput(options.extensions),
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        authenticatorData: b64url(authData),
        transports: ['internal'],
        publicKeyAlgorithm: ES256,
        publicKey: b64url(spki),
      },
    });
  }

  /**
   * Answers navigator.credentials.get(). Picks `overrides.credentialId` when given, else the first
   * entry of allowCredentials this authenticator holds for options.rpId, else the newest resident
   * credential for options.rpId; rejects with a NotAllowedError when there is none.
   */
  authenticate(
    options: PublicKeyCredentialRequestOptionsJSON,
    origin: string,
    overrides: AuthenticateOverrides = {},
  ): Promise<AuthenticationResponseJSON> {
    const rpId = options.rpId ?? hostOf(origin);
    const credential = this.#pick(rpId, options, overrides.credentialId);
    if (!credential) {
      return Promise.reject(domError('NotAllowedError', `No credential available for ${rpId}`));
    }

    let counter: number;
    if (overrides.counter === undefined) {
      credential.counter += 1;
      counter = credential.counter;
    } else {
      counter = overrides.counter;
    }
    const authData = this.#authData(overrides.rpId ?? rpId, this.#flags(false), counter);
    const clientDataJSON = clientData(
      overrides.type ?? 'webauthn.get',
      overrides.challenge ?? options.challenge,
      origin,
    );
    const signature = crypto.sign(
      'sha256',
      Buffer.concat([authData, sha256(clientDataJSON)]),
      credential.privateKey,
    );

    return Promise.resolve({
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(credential.userHandle === null ? {} : { userHandle: credential.userHandle }),
      },
    });
  }

  #pick(
    rpId: string,
    options: PublicKeyCredentialRequestOptionsJSON,
    credentialId: string | undefined,
  ): SoftCredential | undefined {
    if (credentialId !== undefined) return this.credentials.find((c) => c.id === credentialId);
    const held = this.credentials.filter((c) => c.rpId === rpId);
    const allow = options.allowCredentials ?? [];
    if (allow.length > 0) {
      for (const descriptor of allow) {
        const found = held.find((c) => c.id === descriptor.id);
        if (found) return found;
      }
      return undefined;
    }
    return held.at(-1);
  }
}
