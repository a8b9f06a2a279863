import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No text a person reads is written in a component: it comes from the message catalogues. The
 * test walks the syntax of every component, page and UI helper and reports text in JSX, string
 * values of attributes a person sees or hears, and prose in strings anywhere else.
 */
const SRC = path.resolve(import.meta.dirname, '../src');
const SCANNED = ['app', 'components', 'lib'];
/** Server-only code: no page text there. */
const SKIPPED = new Set(['lib/trpc.ts']);

/** Attributes that never reach the screen or a screen reader. */
const INVISIBLE_ATTRIBUTES = new Set([
  'className',
  'fieldClassName',
  'href',
  'type',
  'name',
  'id',
  'htmlFor',
  'autoComplete',
  'autoCapitalize',
  'inputMode',
  'enterKeyHint',
  'variant',
  'tone',
  'size',
  'rel',
  'target',
  'method',
  'role',
  'key',
  'lang',
  'accept',
  'section',
  'src',
  'pattern',
  'value',
  'defaultValue',
  'data-testid',
  'aria-live',
  'aria-current',
  'aria-controls',
  'aria-describedby',
  'aria-labelledby',
  'aria-hidden',
  'dateTime',
  'encType',
  'form',
  'min',
  'max',
  'step',
  'dir',
  'scope',
  'accessType',
  'aria-disabled',
  'aria-invalid',
  'aria-busy',
  'aria-expanded',
  'aria-haspopup',
  'aria-sort',
  'loading',
  'decoding',
  'spellCheck',
  'capture',
]);

/** Calls whose string arguments are keys or developer-facing text, not page text. */
const KEY_CALLS = new Set([
  't',
  'useTranslations',
  'getTranslations',
  'has',
  'rich',
  'markup',
  'raw',
  'Error',
  'get',
  'getAll',
  'has',
  'set',
  'append',
  'formText',
  'querySelector',
  'querySelectorAll',
  'redirect',
  'replace',
  'push',
  'startsWith',
  'endsWith',
  'includes',
  'split',
  'join',
  'setAttribute',
  'getAttribute',
  'addEventListener',
  'removeEventListener',
  'matchMedia',
  'encodeURIComponent',
  // The console is for developers.
  'log',
  'info',
  'warn',
  'error',
  'debug',
]);

/** Properties whose string values are shown (option labels, titles). */
const VISIBLE_PROPERTIES = /^(label|title|lede|description|message|hint|placeholder|text|heading)$/;

/** Two words or more, or a sentence: prose, not an identifier, a path or a CSS value. */
const PROSE = /\p{L}{2,}[\s\u00a0]+\p{L}{2,}|\p{L}[.!?…:]$/u;
const HAS_LETTERS = /\p{L}/u;
/** Class lists and kebab-case tokens (`avatar avatar-lg`), and catalogue keys (`profile`). */
const CODE_LIKE = /^([a-z0-9]+(-[a-z0-9]+)+|[a-z][a-zA-Z0-9]*)( ([a-z0-9]+(-[a-z0-9]+)*))*$/;

interface Finding {
  file: string;
  line: number;
  text: string;
}

function calleeName(node: ts.CallExpression | ts.NewExpression): string {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}

function isExempt(node: ts.Node): boolean {
  // The root's parent is undefined, whatever the compiler's types say.
  let current: ts.Node = node;
  for (
    let parent = current.parent as ts.Node | undefined;
    parent;
    current = parent, parent = parent.parent as ts.Node | undefined
  ) {
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return true;
    if (ts.isExpressionStatement(parent) && ts.isStringLiteral(current)) return true; // 'use client'
    if (
      (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
      current !== parent.expression
    ) {
      if (KEY_CALLS.has(calleeName(parent))) return true;
    }
    if (ts.isJsxAttribute(parent)) return INVISIBLE_ATTRIBUTES.has(parent.name.getText());
    if (ts.isLiteralTypeNode(parent) || ts.isTypeReferenceNode(parent)) return true;
    if (ts.isElementAccessExpression(parent) && current === parent.argumentExpression) return true;
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (
        op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken
      ) {
        return true;
      }
    }
    if (ts.isCaseClause(parent)) return true;
  }
  return false;
}

function visibleProperty(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ts.isPropertyAssignment(parent) &&
    parent.initializer === node &&
    VISIBLE_PROPERTIES.test(parent.name.getText())
  );
}

function findings(file: string): Finding[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Finding[] = [];
  const report = (node: ts.Node, value: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push({ file: path.relative(SRC, file), line: line + 1, text: value.trim() });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (HAS_LETTERS.test(node.text)) report(node, node.text);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const value = node.text;
      const inJsxAttribute = ts.isJsxAttribute(node.parent);
      const shown = inJsxAttribute || visibleProperty(node);
      const candidate =
        (shown ? HAS_LETTERS.test(value) : PROSE.test(value)) &&
        !(CODE_LIKE.test(value) && !inJsxAttribute) &&
        !isExempt(node);
      if (candidate) report(node, value);
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      if (PROSE.test(parts.join(' ')) && !isExempt(node)) report(node, parts.join('…'));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(): string[] {
  return SCANNED.flatMap((dir) =>
    fs
      .readdirSync(path.join(SRC, dir), { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
      .map((name) => path.join(SRC, dir, name))
      .filter((file) => !SKIPPED.has(path.relative(SRC, file).split(path.sep).join('/'))),
  );
}

describe('visible text comes from the catalogues', () => {
  it('finds text written in the code when there is some', () => {
    const probe = path.join(import.meta.dirname, 'fixtures', 'hard-coded.tsx');
    expect(findings(probe).map((finding) => finding.text)).toEqual([
      'Pick one',
      'Hello there',
      'Your name',
      'Save changes now',
    ]);
  });

  it('leaves none in the components, pages and UI helpers', () => {
    const all = sourceFiles().flatMap(findings);
    expect(all.map((f) => `${f.file}:${f.line} ${JSON.stringify(f.text)}`)).toEqual([]);
  });
});
