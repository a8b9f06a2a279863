import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NEXT_PATH, safeNextPath } from './safe-path';

const SITE = 'https://roster.example';

/** Where a browser would go with this value in a Location header or a router push. */
function resolvedOrigin(value: string): string {
  // Browsers drop tabs and newlines from URLs before parsing them.
  return new URL(value.replace(/[\t\n\r]/g, ''), SITE).origin;
}

describe('safeNextPath (README › Security)', () => {
  it.each([
    ['/settings/security', '/settings/security'],
    ['/admin/users?filter=pending_approval&page=2', '/admin/users?filter=pending_approval&page=2'],
    ['/u/ada#photo', '/u/ada#photo'],
    ['/caf%C3%A9', '/caf%C3%A9'],
    ['/a/./b/../c', '/a/c'],
  ])('keeps the same-site path %s', (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['missing', undefined],
    ['null', null],
    ['protocol-relative', '//evil.example/x'],
    ['a backslash after the slash', '/\\evil.example'],
    ['a backslash later', '/ok\\..\\evil'],
    ['a tab (the reported attack)', '/\t/evil.example/x'],
    ['an encoded tab', '/%09/evil.example/x'],
    ['a newline (the reported 500)', '/\n/evil.example'],
    ['an encoded newline', '/%0a/evil.example'],
    ['an encoded carriage return', '/%0D/evil.example'],
    ['a NUL', '/\u0000/x'],
    ['DEL', '/\u007f/x'],
    ['an encoded backslash', '/%5cevil.example'],
    ['an encoded slash after the first', '/%2F/evil.example'],
    ['an encoded double slash', '%2F%2Fevil.example'],
    ['an https URL', 'https://evil.example/'],
    ['a scheme-relative mix', 'http:/evil.example'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['no leading slash', 'settings/profile'],
    ['dot segments that climb to //', '/ok/../..//evil.example'],
    ['a space before //', ' //evil.example'],
    ['too long', `/${'a'.repeat(3000)}`],
  ])('refuses %s', (_label, value) => {
    expect(safeNextPath(value)).toBe(DEFAULT_NEXT_PATH);
    expect(safeNextPath(value, '/elsewhere')).toBe('/elsewhere');
  });

  it('never gives anything that leaves the site, for any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({
            unit: fc.constantFrom(
              '/',
              '\\',
              '%',
              '2',
              'f',
              '5',
              'c',
              '0',
              '9',
              'a',
              ':',
              '.',
              '\t',
              '\n',
              '@',
              '?',
              '#',
              'e',
            ),
          }),
          fc.webUrl(),
          fc.webPath(),
        ),
        (value) => {
          const result = safeNextPath(value);
          expect(result.startsWith('/')).toBe(true);
          expect(result.startsWith('//')).toBe(false);
          // eslint-disable-next-line no-control-regex -- finding control characters is the point
          expect(/[\u0000-\u001f\u007f\\]/.test(result)).toBe(false);
          expect(resolvedOrigin(result)).toBe(SITE);
          // Decoding once more must not turn it into another origin either.
          let decoded = result;
          try {
            decoded = decodeURIComponent(result);
          } catch {
            // Not decodable: nothing a later step could turn into a URL.
          }
          expect(resolvedOrigin(decoded.startsWith('/') ? decoded : `/${decoded}`)).toBe(SITE);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
