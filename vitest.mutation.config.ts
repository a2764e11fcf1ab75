import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutation` (StrykerJS, stryker.config.json) runs against each mutant of
 * the security rules: the verifier, the CMS checker, the storage checks. Unit and integration
 * tests of those modules only (no Playwright, no child-process corpus). A per-test timeout
 * makes a mutant that loops fail instead of hanging; Stryker's own timeout stops a mutant
 * that blocks the event loop.
 */
export default defineConfig({
  test: {
    include: [
      'test/unit/main/signing/crypto/cms-verify.test.ts',
      'test/unit/main/signing/crypto/cms-verify-edges.test.ts',
      'test/unit/main/signing/crypto/cms-verify-mutants.test.ts',
      'test/unit/main/signing/crypto/cms.test.ts',
      'test/unit/main/signing/crypto/chain-mutants.test.ts',
      'test/unit/main/signing/crypto/certificate-mutants.test.ts',
      'test/integration/signing/rules.test.ts',
      'test/integration/signing/attacks.test.ts',
      'test/integration/signing/whitelist.test.ts',
      'test/integration/signing/whitelist-mutants.test.ts',
      'test/integration/signing/re-signed-field.test.ts',
      'test/integration/signing/widget-kid-mutants.test.ts',
      'test/integration/signing/byterange-mutants.test.ts',
      'test/integration/signing/revision-mutants.test.ts',
      'test/integration/signing/changes-mutants.test.ts',
      'test/unit/main/signing/pdf/free-entry.test.ts',
      'test/integration/signing/weak-algorithms.test.ts',
      'test/unit/main/storage/durable-file.test.ts',
      'test/unit/main/storage/durable-file-edges.test.ts',
      'test/unit/main/storage/durable-file-mutants.test.ts',
      'test/unit/main/storage/lock.test.ts',
      'test/unit/main/storage/lock-mutants.test.ts',
      'test/unit/main/storage/records-mutants.test.ts',
      'test/unit/main/storage/store.test.ts',
      'test/integration/storage/corruption.test.ts',
    ],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { PARAPHE_MUTATION: '1' },
  },
});
