import { describe, expect, it } from 'vitest';
import { checkPassword, passwordIndex } from '../../src/lab/xsi-server/user-directory.ts';

describe('lab CTI/XSI password check', () => {
  it('matches the user id case-insensitively, answers the canonical id, and refuses a wrong password or an unknown user', () => {
    const index = passwordIndex({ 'Ann@Lab.test': 'pw-a', 'bob@lab.test': 'pw-b', 'ann@lab.test': 'later' });
    expect(checkPassword(index, 'ann@lab.test', 'pw-a')).toBe('Ann@Lab.test');
    expect(checkPassword(index, 'ANN@LAB.TEST', 'later')).toBeNull(); // the first id of a case-twin counts
    expect(checkPassword(index, 'bob@lab.test', 'pw-')).toBeNull();
    expect(checkPassword(index, 'cy@lab.test', 'pw-b')).toBeNull();
  });

  it('checks against 20,000 users from the index', () => {
    const passwords = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`u${i}@lab.test`, `pw-${i}`]));
    const index = passwordIndex(passwords);
    expect(index.size).toBe(20_000);
    expect(checkPassword(index, 'U19999@lab.test', 'pw-19999')).toBe('u19999@lab.test');
  });
});
