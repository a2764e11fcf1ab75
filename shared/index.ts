/** What shared/ offers: the convention model, its rules, and the IPC contract's building blocks. */
export * from './errors';
export * from './model/blocks';
export * from './model/convention';
export * from './model/migrate';
export * from './rules/format';
export * from './rules/words';
export * from './rules/budget';
export * from './rules/numbering';
export * from './rules/validate';
