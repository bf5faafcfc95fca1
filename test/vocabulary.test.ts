import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildASTSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isObjectType,
  isNonNullType,
  Kind,
  NoDeprecatedCustomRule,
  parse,
  specifiedRules,
  validate,
  LoneAnonymousOperationRule,
  UniqueOperationNamesRule,
  type GraphQLSchema,
  type DocumentNode,
} from 'graphql';
import { SUPERGRAPH_PATH } from '@pioneer/gateway';
import { GRAPHIQL_EXAMPLES } from '../gateway/src/graphiql.js';
import { ALIASES_REMOVED_IN } from '@pioneer/shared/graphql';

/**
 * One language in the schema (issue 15 item 6): one word per concept, one `input` per mutation,
 * the 0.1 names kept as deprecated aliases for one release, listed in the README's changelog, and
 * none of our own examples using them. The web app's operations are checked the same way in
 * web/src/university.test.ts.
 */
const root = join(import.meta.dirname, '..');
const schema: GraphQLSchema = buildASTSchema(parse(readFileSync(SUPERGRAPH_PATH, 'utf8')), { assumeValidSDL: true });
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Every name in the public schema with its deprecation, federation's own machinery left out. */
function schemaNames(): { path: string; name: string; deprecated: string | null; kind: 'type' | 'field' | 'argument' | 'input field' | 'enum value' }[] {
  const out: ReturnType<typeof schemaNames> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || /^(join|link|requiresScopes)__/.test(type.name)) continue;
    out.push({ path: type.name, name: type.name, deprecated: null, kind: 'type' });
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        out.push({ path: `${type.name}.${field.name}`, name: field.name, deprecated: field.deprecationReason ?? null, kind: 'field' });
        for (const arg of field.args) out.push({ path: `${type.name}.${field.name}(${arg.name})`, name: arg.name, deprecated: arg.deprecationReason ?? field.deprecationReason ?? null, kind: 'argument' });
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) out.push({ path: `${type.name}.${field.name}`, name: field.name, deprecated: field.deprecationReason ?? null, kind: 'input field' });
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) out.push({ path: `${type.name}.${value.name}`, name: value.name, deprecated: value.deprecationReason ?? null, kind: 'enum value' });
    }
  }
  return out;
}

/** Input types reachable only from deprecated fields and arguments: the 0.1 shapes, kept with them. */
function legacyInputTypes(): Set<string> {
  const used = new Map<string, boolean>();
  const mark = (typeName: string, live: boolean) => used.set(typeName, (used.get(typeName) ?? false) || live);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args) mark(getNamedType(arg.type).name, !field.deprecationReason && !arg.deprecationReason);
    }
  }
  // Nested input types are as live as the inputs that hold them.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, live] of [...used]) {
      const type = schema.getType(name);
      if (!isInputObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const inner = getNamedType(field.type).name;
        const before = used.get(inner);
        mark(inner, live && !field.deprecationReason);
        if (used.get(inner) !== before) changed = true;
      }
    }
  }
  return new Set([...used].filter(([, live]) => !live).map(([name]) => name));
}

/** The ```graphql blocks of the README and docs/ that are operations (not SDL excerpts). */
function documentedOperations(): { where: string; text: string }[] {
  const files = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];
  const out: { where: string; text: string }[] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const match of text.matchAll(/```graphql\n([\s\S]*?)```/g)) {
      const body = match[1]!;
      const line = text.slice(0, match.index).split('\n').length + 1;
      if (/^\s*(#[^\n]*\n\s*)*(\{|query\b|mutation\b|fragment\b)/.test(body)) out.push({ where: `${file}:${line}`, text: body });
    }
  }
  return out;
}

const RULES = specifiedRules.filter((r) => r !== LoneAnonymousOperationRule && r !== UniqueOperationNamesRule);

function problems(document: DocumentNode): string[] {
  return validate(schema, document, [...RULES, NoDeprecatedCustomRule]).map((e) => e.message);
}

describe('one language in the schema', () => {
  it('uses "course" and "examination" (not "module", "component"), and the thesis score is `score` both ways, outside the deprecated aliases', () => {
    const legacy = legacyInputTypes();
    const offending = schemaNames().filter(
      (n) => !n.deprecated && !legacy.has(n.path.split('.')[0]!) && /component|module|jointScore/i.test(n.name),
    );
    expect(offending.map((n) => n.path)).toEqual([]);
  });

  it('every mutation that is not deprecated takes one argument, `input:`, and an input object, except id-only ones', () => {
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter((f) => !f.deprecationReason);
    expect(mutations.length).toBeGreaterThan(30);
    const offending = mutations.filter((f) => f.args.length !== 1 || f.args[0]!.name !== 'input' || !isNonNullType(f.args[0]!.type) || !isInputObjectType(getNamedType(f.args[0]!.type)));
    expect(offending.map((f) => `${f.name}(${f.args.map((a) => a.name).join(', ')})`)).toEqual([]);
  });

  it(`every deprecated name says what to use instead and that it goes in ${ALIASES_REMOVED_IN}`, () => {
    const deprecated = schemaNames().filter((n) => n.deprecated && n.kind !== 'argument');
    expect(deprecated.length).toBeGreaterThan(20);
    for (const n of deprecated) expect(n.deprecated, n.path).toMatch(new RegExp(`^Use \\S.*; removed in ${ALIASES_REMOVED_IN.replace('.', '\\.')}$`));
  });

  it('the README changelog lists every deprecated field and argument by its old name', () => {
    const changelog = readme.slice(readme.indexOf('## Changelog'));
    expect(changelog.length).toBeLessThan(readme.length);
    const own = schemaNames().filter((n) => n.deprecated && (n.kind !== 'argument' || n.deprecated !== schemaNames().find((f) => f.path === n.path.replace(/\(.*\)$/, ''))?.deprecated));
    // Root fields named per university are listed once, as `<u>Name`; other fields as `Type.field`; arguments as `(name:`.
    const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const listed = (n: { path: string; name: string; kind: string }) => {
      const [type] = n.path.split('.');
      if (n.kind === 'argument') return changelog.includes(`(${n.name}:`);
      if (type !== 'Query' && type !== 'Mutation') return changelog.includes(`\`${type}.${n.name}\``);
      const perUniversity = n.name.replace(/^(leuven|muenster|ttu)(?=[A-Z])/, '<u>');
      return [n.name, perUniversity].some((name) => new RegExp(`\`${escape(name)}[(\`,]`).test(changelog));
    };
    expect(own.filter((n) => !listed(n)).map((n) => n.path)).toEqual([]);
  });

  it('the README and docs GraphQL examples are valid against the supergraph and use no deprecated name', () => {
    const examples = documentedOperations();
    expect(examples.length).toBeGreaterThanOrEqual(8);
    for (const { where, text } of examples) expect(problems(parse(text)), where).toEqual([]);
  });

  it("GraphiQL's example operations are valid and use no deprecated name", () => {
    expect(GRAPHIQL_EXAMPLES.length).toBeGreaterThanOrEqual(4);
    for (const { role, query } of GRAPHIQL_EXAMPLES) expect(problems(parse(query)), role).toEqual([]);
  });

  it('the check itself finds a deprecated name in use', () => {
    const old = parse(`{ muensterModules { code components { key } } }`);
    expect(problems(old)).toEqual([
      'The field Query.muensterModules is deprecated. Use muensterCourses; removed in 0.3',
      'The field Course.components is deprecated. Use examinations; removed in 0.3',
    ]);
    expect(old.definitions[0]!.kind).toBe(Kind.OPERATION_DEFINITION);
  });
});
