import ipaddr from 'ipaddr.js';
import { HOUR, MINUTE, SECOND } from '../clock';

/** The numbers of README › How it behaves, in one table. */
export const LIMITS = {
  /** Failed sign-ins, second-factor codes and step-ups against one account. */
  account: { max: 5, windowMs: 15 * MINUTE, firstLockMs: 30 * SECOND, maxLockMs: 15 * MINUTE },
  /** Failed sign-ins from one client network, across every account (password spraying). */
  ip: { max: 50, windowMs: 15 * MINUTE },
  signup: { max: 30, windowMs: 5 * MINUTE },
  mailAddress: { max: 5, windowMs: HOUR },
  mailIp: { max: 20, windowMs: HOUR },
  /** Sign-ins started at identity providers from one client network (each one stores a flow). */
  providerStart: { max: 30, windowMs: 5 * MINUTE },
  /**
   * Passkey sign-ins offered to one client network (each one stores a challenge). Every sign-in
   * page asks for one, for the browser's autofill, so this stays well above the sign-in pages the
   * people behind one address open.
   */
  passkeyOptions: { max: 100, windowMs: 5 * MINUTE },
} as const;

export type ThrottleScope =
  'account' | 'ip' | 'signup' | 'mail_address' | 'mail_ip' | 'provider_start' | 'passkey_options';

/** The longest window: older attempts count for nothing and are cleaned up. */
export const LONGEST_WINDOW_MS = HOUR;

/**
 * Milliseconds until one more attempt may be judged, given the other attempts' times (newest
 * first), or 0 when it may be now. An account locks after 5 failures within 15 minutes for 30 s
 * from the last one, doubling with each further failure, never longer than 15 minutes.
 */
export function accountWaitMs(times: number[], now: number): number {
  const { max, firstLockMs, maxLockMs } = LIMITS.account;
  const [last] = times;
  if (last === undefined || times.length < max) return 0;
  const lockMs = Math.min(maxLockMs, firstLockMs * 2 ** (times.length - max));
  return Math.max(0, last + lockMs - now);
}

/** A sliding window of `max` attempts: the wait ends when the oldest of the last `max` leaves it. */
export function windowWaitMs(
  limit: { max: number; windowMs: number },
  times: number[],
  now: number,
): number {
  const oldest = times[limit.max - 1];
  if (oldest === undefined) return 0;
  return Math.max(0, oldest + limit.windowMs - now);
}

/** The key failures count against: the user when the login names one, else the login itself. */
export function accountKeyFor(userId: number | null, login: string): string {
  return userId === null ? `login:${login.trim().toLowerCase()}` : `user:${userId}`;
}

/**
 * The network a client IP stands for: an IPv4 address as it is (an IPv4-mapped IPv6 address is
 * that IPv4 address), an IPv6 address by its /64, which one host or home network holds whole.
 */
export function networkKeyFor(ip: string): string {
  const text = ip.trim();
  if (!ipaddr.isValid(text)) return text.toLowerCase().slice(0, 64);
  let address = ipaddr.parse(text);
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) {
      address = v6.toIPv4Address();
    } else {
      const prefix = v6.parts
        .slice(0, 4)
        .map((part) => part.toString(16))
        .join(':');
      return `${prefix}::/64`;
    }
  }
  return address.toString();
}
