export * from './settings';
export * from './level';
