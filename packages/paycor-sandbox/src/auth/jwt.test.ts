import { randomBytes } from 'node:crypto';
import { decodeJwt, signJwt, verifyJwt } from './jwt';

describe('jwt', () => {
  const secret = randomBytes(32);

  it('round-trips a payload', () => {
    const token = signJwt({ sub: 'x', exp: 5 }, secret);
    expect(token.split('.')).toHaveLength(3);
    expect(verifyJwt(token, secret)).toEqual({ sub: 'x', exp: 5 });
    expect(decodeJwt(token)).toEqual({ sub: 'x', exp: 5 });
  });

  it('rejects a forged or foreign token', () => {
    const token = signJwt({ sub: 'x' }, secret);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from('{"sub":"admin"}').toString(
      'base64url',
    )}.${signature}`;
    expect(verifyJwt(forged, secret)).toBeUndefined();
    expect(verifyJwt(token, randomBytes(32))).toBeUndefined();
    expect(verifyJwt('not-a-jwt', secret)).toBeUndefined();
  });
});
