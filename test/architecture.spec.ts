// The pure core stays pure: policy folders run without NestJS, TypeORM, a database or a clock of their own.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
// What policy code may load at run time besides its own folder: pure libraries only (specs may add fast-check);
// @leadgate/common/format is the one formatter for instants and money, itself pure (checked below).
const ALLOWED_PACKAGES = ['luxon', '@leadgate/common/format'];
const ALLOWED_IN_SPECS = ['fast-check'];

function policyFiles(): string[] {
  const libs = join(ROOT, 'libs');
  return readdirSync(libs).flatMap((lib) => {
    const folder = join(libs, lib, 'src', 'policy');
    try {
      return readdirSync(folder).filter((name) => name.endsWith('.ts')).map((name) => join(folder, name));
    } catch {
      return [];
    }
  });
}

/** Every import or require of the file that is loaded at run time (type-only imports are erased). */
function runtimeImports(source: string): string[] {
  const imports = [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
  const bare = [...source.matchAll(/^import\s+'([^']+)'/gm)].map((m) => m[1]);
  const requires = [...source.matchAll(/require\('([^']+)'\)/g)].map((m) => m[1]);
  return [...imports, ...bare, ...requires];
}

describe('architecture', () => {
  it('finds the policy folders', () => {
    const folders = new Set(policyFiles().map((file) => relative(ROOT, file).split('/src/policy/')[0]));
    expect([...folders].sort()).toEqual(['libs/allocation', 'libs/compliance', 'libs/deals', 'libs/lifecycle', 'libs/partners', 'libs/webhooks']);
  });

  it('keeps policy code free of frameworks, databases and other libraries at run time', () => {
    const offending = policyFiles().flatMap((file) => {
      const allowed = file.endsWith('.spec.ts') ? [...ALLOWED_PACKAGES, ...ALLOWED_IN_SPECS] : ALLOWED_PACKAGES;
      return runtimeImports(readFileSync(file, 'utf8'))
        .filter((target) => !target.startsWith('./') && !allowed.includes(target))
        .map((target) => `${relative(ROOT, file)} imports ${target}`);
    });
    expect(offending).toEqual([]);
  });

  it('keeps the shared formatter pure, so policy may use it', () => {
    const imports = runtimeImports(readFileSync(join(ROOT, 'libs/common/src/format.ts'), 'utf8'));
    expect(imports.filter((target) => target !== 'luxon')).toEqual([]);
  });

  it('lets libraries and apps reach another library only through its @leadgate/ name (its index)', () => {
    const walk = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? walk(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
      );
    const offending = ['apps', 'libs'].flatMap((top) => walk(join(ROOT, top))).flatMap((file) => {
      const own = relative(ROOT, file).split('/').slice(0, 2).join('/');
      return [...readFileSync(file, 'utf8').matchAll(/from '(\.[^']*)'/g)]
        .map((m) => relative(ROOT, join(file, '..', m[1])).split('/').slice(0, 2).join('/'))
        .filter((target) => target !== own)
        .map((target) => `${relative(ROOT, file)} reaches into ${target}`);
    });
    expect(offending).toEqual([]);
  });

  it('reads the time from its callers, never from the system clock', () => {
    const offending = policyFiles()
      .filter((file) => !file.endsWith('.spec.ts'))
      .filter((file) => /Date\.now\(\)|new Date\(\)|DateTime\.now\(\)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offending).toEqual([]);
  });
});
