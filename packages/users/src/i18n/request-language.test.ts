import { describe, expect, it } from 'vitest';
import { requestLanguage } from './request-language';

describe('the language of a request', () => {
  it.each([
    [{ link: 'es', cookie: 'fr', acceptLanguage: 'de' }, 'es'],
    [{ link: 'toString', cookie: 'fr', acceptLanguage: 'de' }, 'fr'],
    [{ cookie: 'fr', acceptLanguage: 'de' }, 'fr'],
    [{ cookie: 'klingon', acceptLanguage: 'de' }, 'de'],
    [{ acceptLanguage: 'de-CH,de;q=0.9,en;q=0.8' }, 'de'],
    [{ acceptLanguage: 'en-GB,en;q=0.9' }, 'us'],
    [{ acceptLanguage: 'pt-BR' }, 'pt'],
    [{ acceptLanguage: 'zh-TW' }, 'tw'],
    [{ acceptLanguage: 'zh-HK' }, 'tw'],
    [{ acceptLanguage: 'zh-Hant' }, 'tw'],
    [{ acceptLanguage: 'zh-CN' }, 'cn'],
    [{ acceptLanguage: 'zh' }, 'cn'],
    [{ acceptLanguage: 'ca-ES' }, 'ca'],
    [{ acceptLanguage: 'gl' }, 'gl'],
    [{ acceptLanguage: 'sl-SI' }, 'sl'],
    [{ acceptLanguage: 'ja, fr;q=0.5' }, 'fr'],
    [{ acceptLanguage: 'ja' }, 'us'],
    [{ acceptLanguage: '*' }, 'us'],
    [{ acceptLanguage: '@@@;q=x' }, 'us'],
    [{}, 'us'],
  ])('%o → %s', (request, expected) => {
    expect(requestLanguage(request)).toBe(expected);
  });
});
