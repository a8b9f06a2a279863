'use client';

import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { TRPCClientError } from '@trpc/client';
import { useSyncExternalStore } from 'react';
import type { ErrorText } from '@/lib/errors';

/** Whether this browser can use passkeys at all; null while the page renders on the server. */
export function useWebAuthnSupport(): boolean | null {
  return useSyncExternalStore(noChanges, browserSupportsWebAuthn, unknownOnServer);
}

function noChanges(): () => void {
  return () => undefined;
}

function unknownOnServer(): null {
  return null;
}

/**
 * The API's options as `@simplewebauthn/browser` takes them. They are that very JSON; only the
 * type is lost on the way: tRPC's serialised output types turn the `BufferSource`s of the
 * extensions (which JSON cannot carry, and this server never sets) into plain objects.
 */
export function requestOptions(options: {
  challenge: string;
}): PublicKeyCredentialRequestOptionsJSON {
  // Every other member is optional: the object as it came is the options.
  return options;
}

/** The same for the options that make a passkey. */
export function creationOptions(options: {
  challenge: string;
}): PublicKeyCredentialCreationOptionsJSON {
  return options as PublicKeyCredentialCreationOptionsJSON;
}

/** The browser's ceremony was stopped by the page itself (another one started, or we cancelled). */
export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * What went wrong in the browser's part of a passkey request, by the error's `name`; null for a
 * failed call to the API (worded by its rosterCode instead).
 * - `cancelled`: the person closed the browser's dialog (or it timed out), or the page stopped it;
 * - `alreadyRegistered`: this authenticator already holds a passkey for the account;
 * - `browser`: anything else the browser refused (no authenticator, a wrong domain, …).
 */
export function passkeyProblem(
  error: unknown,
): 'cancelled' | 'alreadyRegistered' | 'browser' | null {
  if (error instanceof TRPCClientError) return null;
  if (!(error instanceof Error)) return 'browser';
  if (error.name === 'NotAllowedError' || error.name === 'AbortError') return 'cancelled';
  if (error.name === 'InvalidStateError') return 'alreadyRegistered';
  return 'browser';
}

/** A passkey request's outcome as the page shows it: calm for a cancel, an error otherwise. */
export interface PasskeyNotice {
  tone: 'error' | 'info';
  text: string;
}

/** The caller's words for the browser's failures, in its own namespace. */
export interface PasskeyWords {
  cancelled: string;
  browser: string;
  /** Only registration meets it; without it, such a failure is worded as `browser`. */
  alreadyRegistered?: string;
}

/** Words a failed passkey request: the browser's failures by `words`, the API's by its code. */
export function passkeyNotice(
  error: unknown,
  errorText: ErrorText,
  words: PasskeyWords,
): PasskeyNotice {
  const problem = passkeyProblem(error);
  if (problem === null) return { tone: 'error', text: errorText.message(error) };
  if (problem === 'cancelled') return { tone: 'info', text: words.cancelled };
  if (problem === 'alreadyRegistered' && words.alreadyRegistered) {
    return { tone: 'error', text: words.alreadyRegistered };
  }
  return { tone: 'error', text: words.browser };
}
