import {
  isArgumentElement,
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isTimeElement,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';

/**
 * The checks every message catalogue passes, for the web pages and the emails alike: the same
 * keys as the reference (US English), no empty text, every message valid ICU with the same
 * placeholders and tags as the reference (the parser itself refuses a plural without `other`).
 */
export type Catalogue = { readonly [key: string]: string | Catalogue };

/** `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }`; a value that is neither text nor a section is kept as is. */
export function flatten(catalogue: Catalogue, prefix = ''): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalogue) as [string, unknown][]) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, text] of flatten(value as Catalogue, path)) flat.set(inner, text);
    } else {
      flat.set(path, value);
    }
  }
  return flat;
}

interface Shape {
  arguments: Set<string>;
  tags: Set<string>;
}

function shapeOf(elements: MessageFormatElement[], shape: Shape): Shape {
  for (const element of elements) {
    if (
      isArgumentElement(element) ||
      isNumberElement(element) ||
      isDateElement(element) ||
      isTimeElement(element) ||
      isSelectElement(element) ||
      isPluralElement(element)
    ) {
      shape.arguments.add(element.value);
    }
    if (isSelectElement(element) || isPluralElement(element)) {
      for (const option of Object.values(element.options)) shapeOf(option.value, shape);
    }
    if (isTagElement(element)) {
      shape.tags.add(element.value);
      shapeOf(element.children, shape);
    }
  }
  return shape;
}

function parse(text: string, locale: string, tags: boolean): Shape {
  const format = new IntlMessageFormat(text, locale, undefined, { ignoreTag: !tags });
  return shapeOf(format.getAst(), { arguments: new Set(), tags: new Set() });
}

const sameSet = (a: Set<string>, b: Set<string>) =>
  a.size === b.size && [...a].every((item) => b.has(item));
const list = (set: Set<string>) => [...set].sort().join(', ') || 'none';

export interface CatalogueCheck {
  reference: Catalogue;
  referenceLocale: string;
  catalogue: Catalogue;
  locale: string;
  /** Whether messages may hold rich-text tags (`<link>…</link>`); emails use none. */
  tags: boolean;
}

/** Everything wrong with one catalogue against the reference, one line each; empty when sound. */
export function catalogueProblems(check: CatalogueCheck): string[] {
  const problems: string[] = [];
  const reference = flatten(check.reference);
  const catalogue = flatten(check.catalogue);
  for (const key of reference.keys()) if (!catalogue.has(key)) problems.push(`${key}: missing`);
  for (const key of catalogue.keys())
    if (!reference.has(key)) problems.push(`${key}: not in the reference`);
  for (const [key, value] of catalogue) {
    const original = reference.get(key);
    if (typeof original !== 'string') continue;
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`${key}: empty`);
      continue;
    }
    let shape: Shape;
    try {
      shape = parse(value, check.locale, check.tags);
    } catch (error) {
      problems.push(
        `${key}: not valid ICU (${error instanceof Error ? error.message : String(error)})`,
      );
      continue;
    }
    const expected = parse(original, check.referenceLocale, check.tags);
    if (!sameSet(shape.arguments, expected.arguments)) {
      problems.push(
        `${key}: placeholders ${list(shape.arguments)}, expected ${list(expected.arguments)}`,
      );
    }
    if (!sameSet(shape.tags, expected.tags)) {
      problems.push(`${key}: tags ${list(shape.tags)}, expected ${list(expected.tags)}`);
    }
  }
  return problems;
}

/** The share of texts left exactly as in the reference: a catalogue copied, not translated. */
export function untranslatedShare(reference: Catalogue, catalogue: Catalogue): number {
  const original = flatten(reference);
  const translated = flatten(catalogue);
  let same = 0;
  for (const [key, value] of original) if (translated.get(key) === value) same += 1;
  return original.size === 0 ? 0 : same / original.size;
}
