import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// electron-builder's own JSON schema for its configuration, from the installed version. ajv and
// js-yaml come with electron-builder (transitive dependencies), so nothing extra is installed.
const require = createRequire(import.meta.url);
const { load } = require('js-yaml') as { load(text: string): unknown };
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

function validate(value: unknown) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(schema);
  const ok = check(value);
  return { ok, errors: (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`) };
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder\'s configuration schema', () => {
    const { ok, errors } = validate(config);
    expect(errors).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check can fail: a misspelt key is refused', () => {
    // Guards the test above against a schema that accepts anything.
    expect(validate({ ...config, asr: true }).ok).toBe(false);
    expect(validate({ ...config, linux: { target: 42 } }).ok).toBe(false);
  });

  it('packs Linux AppImage + deb, Windows nsis, macOS dmg, in an asar, with the fuse hook', () => {
    const targets = (platform: string) => (config[platform] as { target: string[] }).target;
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
    expect(config.asar).toBe(true);
    expect(config.afterPack).toBe('./scripts/after-pack.mjs');
  });

  it('ships the built app, not the sources', () => {
    const files = config.files as string[];
    expect(files).toContain('out/**/*');
    expect(files.some((f) => /^(main|renderer|shared|test)\//.test(f))).toBe(false);
  });
});
