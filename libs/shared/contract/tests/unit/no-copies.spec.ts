import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { API_ROUTES, CROP_METADATA_HEADER } from '../../src';

// The wire contract is defined once, in this lib: a hand-written copy elsewhere is how copies drift.
const root = path.resolve(__dirname, '../../../../..');

/** Files that may hold a look-alike, and why it is not a copy. */
const ALLOWED: Readonly<Record<string, readonly Finding['rule'][]>> = {
  // API Gateway's own payload limit, which happens to be 10 MiB too.
  'libs/local/http-api/src/http-api-gateway.ts': ['upload cap'],
  // A static file server's MIME table, not the upload allow-list.
  'apps/local-stack/src/web/web-server.ts': ['accepted content types'],
  // The middleware that parses the body is the one place that writes it.
  'libs/http/middleware/src/json-body.ts': ['body cast'],
};

interface Finding {
  file: string;
  rule: 'upload cap' | 'route path' | 'accepted content types' | 'profile text rule' | 'caller identity' | 'body cast' | 'crop metadata';
  text: string;
}

const ROUTE_PATHS = [...new Set(Object.values(API_ROUTES).map((route) => route.path.replace(/\{.*$/, '')))];
const INPUT_ONLY_TYPES = ['image/avif', 'image/gif', 'image/tiff', 'image/heic', 'image/heif'];

const TEMPLATE_TEXT = new Set([
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
]);
const isTemplateText = (kind: ts.SyntaxKind) => TEMPLATE_TEXT.has(kind);

/** The literals of a source file (strings, templates, numbers) in order, comments left out. */
function literals(source: string): { kind: ts.SyntaxKind; text: string }[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  const tokens: { kind: ts.SyntaxKind; text: string }[] = [];
  // Open braces per template expression being scanned: its closing brace resumes the template.
  const templates: number[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken && templates.length > 0) templates[templates.length - 1]! += 1;
    if (kind === ts.SyntaxKind.CloseBraceToken && templates.length > 0) {
      if (templates[templates.length - 1] === 0) kind = scanner.reScanTemplateToken(false);
      else templates[templates.length - 1]! -= 1;
    }
    if (kind === ts.SyntaxKind.TemplateHead) templates.push(0);
    if (kind === ts.SyntaxKind.TemplateTail) templates.pop();
    const literal = kind === ts.SyntaxKind.NumericLiteral || kind === ts.SyntaxKind.StringLiteral || isTemplateText(kind);
    tokens.push({ kind, text: literal ? scanner.getTokenValue() : scanner.getTokenText() });
  }
  return tokens;
}

/**
 * What in `source` copies the contract.
 *
 * @example
 * findCopies('x.ts', "const cap = 10 * 1024 * 1024;"); // [{ rule: 'upload cap', ... }]
 */
function findCopies(file: string, source: string): Finding[] {
  const found: Finding[] = [];
  const tokens = literals(source);
  const numbers = tokens.map((t) => (t.kind === ts.SyntaxKind.NumericLiteral ? Number(t.text) : t.kind === ts.SyntaxKind.AsteriskToken ? '*' : null));
  for (let i = 0; i < numbers.length; i += 1) {
    if (numbers[i] === 10_485_760) found.push({ file, rule: 'upload cap', text: '10485760' });
    if (numbers.slice(i, i + 5).join(' ') === '10 * 1024 * 1024') found.push({ file, rule: 'upload cap', text: '10 * 1024 * 1024' });
  }
  const strings = tokens.filter((t) => t.kind === ts.SyntaxKind.StringLiteral || isTemplateText(t.kind)).map((t) => t.text);
  for (const text of strings) {
    if (ROUTE_PATHS.some((routePath) => text.includes(routePath))) found.push({ file, rule: 'route path', text });
    if (INPUT_ONLY_TYPES.includes(text)) found.push({ file, rule: 'accepted content types', text });
    if (text.toLowerCase().includes(CROP_METADATA_HEADER)) found.push({ file, rule: 'crop metadata', text });
  }
  if (/\\u202A-\\u202E/i.test(source)) found.push({ file, rule: 'profile text rule', text: 'the forbidden-character class' });
  if (/\b(?:BIO|DISPLAY_NAME)_MAX_LENGTH\s*=\s*\d/.test(source)) found.push({ file, rule: 'profile text rule', text: 'a length limit' });
  if (/\{\s*sub: string;?\s*username: string;?\s*\}/.test(source)) found.push({ file, rule: 'caller identity', text: '{ sub, username }' });
  if (/as unknown as JsonBodyEvent/.test(source)) found.push({ file, rule: 'body cast', text: 'as unknown as JsonBodyEvent' });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|cts|js|mjs|cjs)$/.test(name) ? [full] : [];
  });
}

function projectSources(): string[] {
  const roots = [
    ...readdirSync(path.join(root, 'apps')).map((app) => path.join(root, 'apps', app, 'src')),
    ...readdirSync(path.join(root, 'libs')).flatMap((group) => readdirSync(path.join(root, 'libs', group)).map((lib) => path.join(root, 'libs', group, lib, 'src'))),
    path.join(root, 'infra/src'),
  ].filter((dir) => !dir.includes(path.join('libs', 'shared', 'contract')) && !dir.includes(path.join('libs', 'shared', 'testing')));
  return roots.filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory()).flatMap(sourceFiles);
}

describe('the contract is not copied', () => {
  it('finds each kind of copy it looks for', () => {
    const copies = findCopies(
      'x.ts',
      [
        'export const MAX = 10 * 1024 * 1024;',
        "fetch(`${api}/api/profiles/${handle}`); route('/avatars/key_upload');",
        "const types = ['image/jpeg', 'image/avif'];",
        'const FORBIDDEN = /[\\u202A-\\u202E]/u; export const BIO_MAX_LENGTH = 160;',
        'interface Who { sub: string; username: string }',
        'const body = (event as unknown as JsonBodyEvent).body;',
        "headers['X-Amz-Meta-Crop'] = crop;",
      ].join('\n'),
    );
    expect(copies.map((c) => c.rule)).toEqual([
      'upload cap',
      'route path',
      'route path',
      'accepted content types',
      'crop metadata',
      'profile text rule',
      'profile text rule',
      'caller identity',
      'body cast',
    ]);
  });

  it('leaves comments and unrelated numbers alone', () => {
    expect(findCopies('x.ts', '/** `POST /avatars/key_upload`, up to 10 * 1024 * 1024 bytes */\nconst kib = 10 * 1024;')).toEqual([]);
  });

  it('finds none in the apps, the libs and infra', () => {
    const files = projectSources();
    expect(files.length).toBeGreaterThan(50);
    const copies = files.flatMap((full) => {
      const file = path.relative(root, full).split(path.sep).join('/');
      return findCopies(file, readFileSync(full, 'utf8')).filter((finding) => !(ALLOWED[file] ?? []).includes(finding.rule));
    });
    expect(copies).toEqual([]);
  });
});
