import { checkEventSecret } from './secretCheck';

describe('checkEventSecret', () => {
  const secrets = [
    { header: 'authorization', secret: 'Bearer one' },
    { header: 'x-paycor-secret', secret: 'two' },
  ];

  it('accepts the secret verbatim in its header', () => {
    expect(checkEventSecret({ authorization: 'Bearer one' }, secrets)).toBe(
      'accepted',
    );
    expect(checkEventSecret({ 'x-paycor-secret': 'two' }, secrets)).toBe(
      'accepted',
    );
  });

  it('refuses a wrong value, a secret in the wrong header, or a prefix', () => {
    expect(checkEventSecret({ authorization: 'Bearer on' }, secrets)).toBe(
      'wrong',
    );
    expect(checkEventSecret({ authorization: 'two' }, secrets)).toBe('wrong');
    expect(checkEventSecret({ authorization: 'Bearer one ' }, secrets)).toBe(
      'wrong',
    );
  });

  it('tells a missing secret from a wrong one', () => {
    expect(checkEventSecret({}, secrets)).toBe('missing');
    expect(checkEventSecret({ authorization: '' }, secrets)).toBe('missing');
  });

  it('reads the first of repeated headers', () => {
    expect(
      checkEventSecret({ authorization: ['Bearer one', 'x'] }, secrets),
    ).toBe('accepted');
  });
});
