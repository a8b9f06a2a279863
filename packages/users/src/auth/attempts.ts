import { logSecurityEvent } from '../audit/log';
import { Throttled } from '../errors';
import type { RequestMeta, Services } from '../services';
import {
  releaseReservation,
  type Reservation,
  reserveSignInAttempt,
  type SignInKeys,
} from '../throttle/throttle';

/**
 * Takes the slots of one sign-in attempt, logging a refusal. Every path that judges a password or
 * a code for signing in (or for a step-up) goes through here first.
 */
export async function reserveAttempt(
  s: Services,
  meta: RequestMeta,
  keys: SignInKeys,
  userId: number | null,
): Promise<Reservation> {
  try {
    return await reserveSignInAttempt(s, keys);
  } catch (error) {
    if (error instanceof Throttled) {
      await logSecurityEvent(s, {
        event: 'login_throttled',
        userId,
        ...meta,
        details: { reason: error.code },
      });
    }
    throw error;
  }
}

/**
 * Runs a judgement that holds a reservation: a judgement that could not run (the hash queue is
 * full, the database failed) gives its slots back, since only judged attempts count.
 */
export async function judge<T>(
  s: Services,
  reservation: Reservation,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await releaseReservation(s, reservation);
    throw error;
  }
}
