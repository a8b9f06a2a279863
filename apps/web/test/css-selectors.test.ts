import fs from 'node:fs';
import path from 'node:path';
import postcss, { AtRule, type Node } from 'postcss';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../src');

interface Stylesheet {
  file: string;
  css: string;
}

function stylesheetsUnder(dir: string): Stylesheet[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.css'))
    .sort()
    .map((name) => ({
      file: name.split(path.sep).join('/'),
      css: fs.readFileSync(path.join(dir, name), 'utf8'),
    }));
}

/** `@media (max-width: 700px)` and the like, outermost first: where a rule applies. */
function contextOf(node: Node): string {
  const chain: string[] = [];
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent instanceof AtRule) {
      chain.unshift(`@${parent.name} ${parent.params}`.replace(/\s+/g, ' ').trim());
    }
  }
  return chain.join(' › ');
}

/** Spelling that does not change what a selector matches. */
function normalise(selector: string): string {
  return selector.replace(/\s+/g, ' ').replace(/"/g, "'").trim();
}

/**
 * Each selector (and each `@keyframes` name) that more than one file defines in the same at-rule
 * context, with the places. Within one file, a rule shared by `h1, h2` beside one for `h1` alone
 * is a choice its reader sees; across files, two rules for one selector fight over the order in
 * which the pages happen to load them. Steps inside a keyframes block are that block's business.
 */
function definedTwice(sheets: readonly Stylesheet[]): string[] {
  const places = new Map<string, { file: string; line: number }[]>();
  const record = (node: Node, selector: string, file: string) => {
    const key = [contextOf(node), selector].filter(Boolean).join(' ');
    places.set(key, [...(places.get(key) ?? []), { file, line: node.source?.start?.line ?? 0 }]);
  };
  for (const { file, css } of sheets) {
    const root = postcss.parse(css, { from: file });
    root.walkAtRules(/keyframes$/i, (rule) => {
      record(rule, `@keyframes ${rule.params}`, file);
    });
    root.walkRules((rule) => {
      if (rule.parent instanceof AtRule && /keyframes$/i.test(rule.parent.name)) return;
      for (const selector of rule.selectors) record(rule, normalise(selector), file);
    });
  }
  return [...places]
    .filter(([, where]) => new Set(where.map((place) => place.file)).size > 1)
    .map(
      ([selector, where]) =>
        `${selector} in ${where.map((place) => `${place.file}:${place.line}`).join(', ')}`,
    );
}

describe('every CSS selector is defined once', () => {
  it('in the stylesheets of apps/web/src', () => {
    const sheets = stylesheetsUnder(SRC);
    expect(sheets.map((sheet) => sheet.file)).toContain('app/globals.css');
    expect(definedTwice(sheets)).toEqual([]);
  });

  it('finds a selector that two files define, however it is spelt', () => {
    expect(
      definedTwice([
        { file: 'a.css', css: '.list, .other { margin: 0; }' },
        { file: 'b.css', css: '.list  li,\n.list { margin: 1rem; }\n.one {} .one[x="y"] {}' },
        { file: 'c.css', css: ".one[x='y'] { color: red; }" },
      ]),
    ).toEqual(['.list in a.css:1, b.css:1', ".one[x='y'] in b.css:3, c.css:1"]);
  });

  it('leaves a file its own grouping: shared declarations, then one selector alone', () => {
    expect(
      definedTwice([{ file: 'a.css', css: 'h1, h2 { margin: 0; }\nh1 { font-size: 2rem; }' }]),
    ).toEqual([]);
  });

  it('tells at-rule contexts apart, and keyframe steps from selectors', () => {
    const sheets = [
      { file: 'a.css', css: '.grid { gap: 1rem; } @keyframes spin { to { rotate: 1turn; } }' },
      {
        file: 'b.css',
        css: '@media (max-width: 600px) { .grid { gap: 0; } } @keyframes fade { to { opacity: 0; } }',
      },
    ];
    expect(definedTwice(sheets)).toEqual([]);
    expect(
      definedTwice([...sheets, { file: 'c.css', css: '@media (max-width:  600px) { .grid {} }' }]),
    ).toEqual(['@media (max-width: 600px) .grid in b.css:1, c.css:1']);
    expect(
      definedTwice([...sheets, { file: 'c.css', css: '@keyframes spin { from { opacity: 1; } }' }]),
    ).toEqual(['@keyframes spin in a.css:1, c.css:1']);
  });
});
