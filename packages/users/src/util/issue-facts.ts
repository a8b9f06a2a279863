import type { core } from 'zod';

/**
 * The facts of a validation issue without its English message, so that a client words it in its
 * own language: where, which check, and the bound or format it names. The API sends these as
 * `error.data.issues`; the web app turns its own browser-side issues into the same shape.
 */
export interface IssueFacts {
  path: string;
  code: string;
  origin?: string;
  expected?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  keys?: string[];
}

export function issueFacts(issue: core.$ZodIssue): IssueFacts {
  const facts: IssueFacts = { path: issue.path.map(String).join('.'), code: issue.code };
  if ('origin' in issue && typeof issue.origin === 'string') facts.origin = issue.origin;
  if ('expected' in issue && typeof issue.expected === 'string') facts.expected = issue.expected;
  if ('format' in issue && typeof issue.format === 'string') facts.format = issue.format;
  if ('minimum' in issue) facts.minimum = Number(issue.minimum);
  if ('maximum' in issue) facts.maximum = Number(issue.maximum);
  if (issue.code === 'unrecognized_keys') facts.keys = issue.keys;
  return facts;
}
