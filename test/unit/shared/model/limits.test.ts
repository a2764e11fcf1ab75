import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConventionSchema } from '../../../../shared/model/convention';
import { MAX_DOCUMENT_DEPTH, MAX_RUN, MAX_TITLE, nestsDeeperThan } from '../../../../shared/model/limits';
import { parseConvention } from '../../../../shared/model/migrate';
import { listTemplates, getTemplate } from '../../../../shared/templates/index';
import { SCHEMA_PATH } from '../../../../scripts/gen-schema';

/** Every string schema in a JSON Schema, with its path. */
function strings(node: unknown, path = '#', out: Array<{ path: string; node: Record<string, unknown> }> = []) {
  if (Array.isArray(node)) node.forEach((n, i) => strings(n, `${path}/${i}`, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'string') out.push({ path, node: o });
    for (const [k, v] of Object.entries(o)) strings(v, `${path}/${k}`, out);
  }
  return out;
}

describe('limits of the model', () => {
  it('every text field has a maximum length (or a pattern or fixed values), in the published JSON Schema too', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as unknown;
    const open = strings(schema).filter(({ node }) => node.maxLength === undefined && node.pattern === undefined && node.enum === undefined && node.const === undefined);
    expect(open.map((o) => o.path)).toEqual([]);
  });

  it('the templates and the worked example fit the limits', () => {
    for (const t of listTemplates()) {
      const built = getTemplate(t.id)!.build();
      expect(ConventionSchema.safeParse(built).success, t.id).toBe(true);
    }
  });

  it('a text over its limit is refused in French, at the limit accepted', () => {
    const base = getTemplate('exemple-camino-2020')!.build();
    expect(parseConvention({ ...base, title: 'T'.repeat(MAX_TITLE) }).ok).toBe(true);
    const over = parseConvention({ ...base, title: 'T'.repeat(MAX_TITLE + 1) });
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.findings[0]).toMatchObject({ path: 'title', message: expect.stringMatching(/Trop grand/) });
    const run = { kind: 'paragraph', runs: [{ text: 'x'.repeat(MAX_RUN + 1) }] };
    expect(parseConvention({ ...base, preamble: [run] }).ok).toBe(false);
  });

  it('nestsDeeperThan counts arrays and objects, without recursion', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan({ a: [1] }, 2)).toBe(false);
    expect(nestsDeeperThan({ a: [{}] }, 2)).toBe(true);
    let deep: unknown = {};
    for (let i = 0; i < 1_000_000; i += 1) deep = [deep];
    expect(nestsDeeperThan(deep, MAX_DOCUMENT_DEPTH)).toBe(true);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(nestsDeeperThan(cyclic, 3)).toBe(false);
  });
});
