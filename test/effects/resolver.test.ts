import { describe, expect, it } from 'vitest';
import { createHostMapResolver } from '../../src/effects/resolver.ts';
import { isNetFailure } from '../../src/effects/net-failure.ts';

describe('createHostMapResolver', () => {
  const resolver = createHostMapResolver({ 'ocs.lab.test': '127.0.0.1', 'xmpp.lab.test': '::1' });

  it('maps names case-insensitively, with or without the root dot', async () => {
    expect(await resolver('OCS.Lab.Test.')).toBe('127.0.0.1');
    expect(await resolver('xmpp.lab.test')).toBe('::1');
  });

  it('passes addresses through unchanged', async () => {
    expect(await resolver('127.0.0.1')).toBe('127.0.0.1');
  });

  it('throws a dns NetFailure for an unknown name', () => {
    let thrown: unknown;
    try {
      resolver('other.lab.test');
    } catch (error) {
      thrown = error;
    }
    expect(isNetFailure(thrown) && thrown.kind).toBe('dns');
  });

  it('asks the fallback for unknown names only', async () => {
    const asked: string[] = [];
    const withFallback = createHostMapResolver({ 'ocs.lab.test': '127.0.0.1' }, { fallback: (host) => (asked.push(host), '127.0.0.2') });
    expect(await withFallback('ocs.lab.test')).toBe('127.0.0.1');
    expect(await withFallback('cti.lab.test')).toBe('127.0.0.2');
    expect(asked).toEqual(['cti.lab.test']);
  });

  it('refuses a map entry that is not an IP address', () => {
    expect(() => createHostMapResolver({ 'ocs.lab.test': 'localhost' })).toThrow(TypeError);
  });
});
