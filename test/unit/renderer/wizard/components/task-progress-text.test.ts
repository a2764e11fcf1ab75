import { describe, expect, it } from 'vitest';
import { progressText } from '../../../../../renderer/wizard/components/task-progress-text';

const MIB = 1024 * 1024;

describe('the progress line of main’s long work', () => {
  it('says in French where rendering and signing stand, megabytes written the French way', () => {
    expect(progressText({ task: 'render', phase: 'layout', done: 0, total: 0 }, 'fr')).toBe('Mise en page…');
    expect(progressText({ task: 'render', phase: 'draw', done: 37, total: 106 }, 'fr')).toBe('Mise en page : page 37 sur 106');
    expect(progressText({ task: 'sign', phase: 'hash', done: 32 * MIB, total: 50 * MIB }, 'fr')).toBe('Signature : 32\u00a0Mo sur 50\u00a0Mo');
    expect(progressText({ task: 'sign', phase: 'hash', done: 1.5 * MIB, total: 50 * MIB }, 'fr')).toBe('Signature : 1,5\u00a0Mo sur 50\u00a0Mo');
    expect(progressText({ task: 'sign', phase: 'sign', done: 0, total: 1 }, 'fr')).toBe('Signature : calcul de la signature…');
    expect(progressText({ task: 'sign', phase: 'write', done: 0, total: 1 }, 'fr')).toBe('Signature : écriture du fichier…');
  });

  it('and in English when the interface is', () => {
    expect(progressText({ task: 'render', phase: 'draw', done: 37, total: 106 }, 'en')).toBe('Layout: page 37 of 106');
    expect(progressText({ task: 'sign', phase: 'hash', done: 1.5 * MIB, total: 50 * MIB }, 'en')).toBe('Signing: 1.5\u00a0MB of 50\u00a0MB');
  });
});
