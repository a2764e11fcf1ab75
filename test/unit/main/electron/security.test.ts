import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../../../main/electron/security';

const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe('Content-Security-Policy', () => {
  it('renderer/index.html carries the same policy as the session header (less frame-ancestors)', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  });

  it('allows no remote source, no inline script, no eval', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    for (const values of d.values()) {
      for (const v of values) {
        expect(v).not.toMatch(/unsafe-inline|unsafe-eval|^https?:|^\*$|^http:|^https:$/);
      }
    }
    // Only the two hashed one-line styles react-dsfr injects, besides our own files.
    expect(d.get('style-src')!.filter((v) => v !== "'self'").every((v) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(v))).toBe(true);
  });
});
