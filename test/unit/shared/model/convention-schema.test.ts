import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
// ajv is already in node_modules (a dependency of electron-builder's tooling): draft 2020-12 build.
import Ajv2020 from 'ajv/dist/2020';
import { ConventionSchema } from '../../../../shared/model/convention';
import { createAvenant } from '../../../../shared/templates/avenant';
import { getTemplate, listTemplates } from '../../../../shared/templates/index';
import { SCHEMA_PATH, conventionJsonSchema, conventionJsonSchemaText } from '../../../../scripts/gen-schema';
import { camino } from '../fixture';

const committed = readFileSync(SCHEMA_PATH, 'utf8');
const schema = JSON.parse(committed) as Record<string, unknown>;
const formatDoc = readFileSync(new URL('../../../../docs/format.md', import.meta.url), 'utf8');
const fixtures = new URL('../../../fixtures/json/', import.meta.url);
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

type Node = Record<string, unknown>;
/** Every object schema's properties, with a readable path: `parties[].entities[].name`. */
function properties(node: unknown, path: string, defs: Record<string, Node>, seen = new Set<string>()): Array<[string, Node]> {
  if (typeof node !== 'object' || node === null) return [];
  const n = node as Node;
  const out: Array<[string, Node]> = [];
  if (typeof n.$ref === 'string') {
    const name = n.$ref.replace('#/$defs/', '');
    if (seen.has(name)) return [];
    return properties(defs[name], path, defs, new Set([...seen, name]));
  }
  for (const [k, v] of Object.entries((n.properties as Record<string, Node>) ?? {})) {
    const p = path ? `${path}.${k}` : k;
    out.push([p, v], ...properties(v, p, defs, seen));
  }
  if (n.items) out.push(...properties(n.items, `${path}[]`, defs, seen));
  for (const alt of [...((n.anyOf as unknown[]) ?? []), ...((n.oneOf as unknown[]) ?? [])]) out.push(...properties(alt, path, defs, seen));
  return out;
}
const defs = schema.$defs as Record<string, Node>;
const allProperties = properties(schema, '', defs);

describe('docs/convention.schema.json', () => {
  it('is exactly what scripts/gen-schema.ts generates from the zod model (run it after changing shared/model)', () => {
    expect(committed).toBe(conventionJsonSchemaText());
    expect(schema).toEqual(conventionJsonSchema());
  });

  it('is a draft 2020-12 schema with named definitions', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(defs).sort()).toEqual(
      ['AccountingReference', 'Annex', 'Article', 'BaseConvention', 'Block', 'BudgetLine', 'BudgetRow', 'Budget', 'Entity', 'ListItem', 'Party', 'Presentation', 'Representative', 'Run', 'Signatory', 'TableCell', 'Visa'].sort(),
    );
    expect(schema.required).toEqual(
      ['schemaVersion', 'id', 'kind', 'title', 'shortTitle', 'place', 'date', 'originals', 'parties', 'visas', 'preamble', 'articles', 'budget', 'accounting', 'signatories', 'annexes'],
    );
  });

  it('describes every field in French', () => {
    expect(allProperties.length).toBeGreaterThan(60);
    // A field that is a named definition carries its description on the definition.
    const described = (p: Node) => typeof (typeof p.$ref === 'string' ? defs[p.$ref.replace('#/$defs/', '')]! : p).description === 'string';
    // `kind` of a block is described once, on the Block definition.
    const undocumented = allProperties.filter(([path, p]) => !described(p) && !path.endsWith('.kind')).map(([path]) => path);
    expect(undocumented).toEqual([]);
  });

  it('every field is documented in docs/format.md', () => {
    const names = new Set(allProperties.map(([path]) => path.split('.').at(-1)!.replace('[]', '')));
    const missing = [...names].filter((name) => !new RegExp(`[\`.]${name}\``).test(formatDoc));
    expect(missing).toEqual([]);
  });

  it.each(listTemplates().map((t) => t.id))('accepts the template %s', (id) => {
    const ok = validate(JSON.parse(JSON.stringify(getTemplate(id)!.build())));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('accepts an avenant and the valid fixtures, rejects the malformed ones', () => {
    let n = 0;
    expect(validate(JSON.parse(JSON.stringify(createAvenant(camino(), { number: 1, newId: () => `a${++n}` }))))).toBe(true);
    for (const name of ['exemple-camino-2020.json', 'erreurs.json', 'avertissements.json']) expect(validate(fixture(name))).toBe(true);
    for (const name of ['forme-invalide.json', 'pas-une-convention.json', 'format-futur.json']) expect(validate(fixture(name))).toBe(false);
  });

  it('agrees with zod on damaged conventions (fields removed or replaced)', () => {
    const base = JSON.parse(JSON.stringify(camino())) as unknown;
    const paths: Array<Array<string | number>> = [];
    const walk = (v: unknown, at: Array<string | number>) => {
      if (at.length) paths.push(at);
      if (Array.isArray(v)) v.slice(0, 2).forEach((x, i) => walk(x, [...at, i]));
      else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
    };
    walk(base, []);
    const replacement = fc.constantFrom<unknown>(undefined, null, '', 'texte', 0, -1, 1.5, 12, true, [], {}, [{}], '2020-02-30', 'delegant');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), replacement), { minLength: 1, maxLength: 3 }), (edits) => {
        const doc = JSON.parse(JSON.stringify(base)) as Record<string | number, unknown>;
        for (const [path, value] of edits) {
          let parent: Record<string | number, unknown> | undefined = doc;
          for (const key of path.slice(0, -1)) parent = parent?.[key] as Record<string | number, unknown> | undefined;
          if (typeof parent !== 'object' || parent === null) continue;
          const last = path.at(-1)!;
          if (value === undefined) delete parent[last];
          else parent[last] = value;
        }
        const zodOk = ConventionSchema.safeParse(doc).success;
        const schemaOk = validate(doc);
        expect({ edits, schemaOk }).toEqual({ edits, schemaOk: zodOk });
      }),
      { numRuns: 400 },
    );
  });
});
