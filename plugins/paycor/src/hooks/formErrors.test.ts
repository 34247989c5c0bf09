import { responseError } from '../__testUtils__/responseError';
import { issuesByField, serverFieldErrors } from './formErrors';

describe('issuesByField', () => {
  it('keeps the first message of each field the form shows', () => {
    expect(
      issuesByField(
        [
          { path: ['parent'], message: 'is required' },
          { path: ['parent'], message: 'must be a Group' },
          { path: ['note'], message: 'must be at most 500 characters' },
        ],
        ['parent', 'note'],
      ),
    ).toEqual({
      byField: {
        parent: 'is required',
        note: 'must be at most 500 characters',
      },
    });
  });

  it('names the fields the form does not show, and whole-request issues', () => {
    expect(
      issuesByField(
        [
          { path: ['kind', 0], message: 'is invalid' },
          { path: [], message: 'unrecognized key "x"' },
          { path: ['value'], message: 'is required' },
        ],
        ['value'],
      ),
    ).toEqual({
      byField: { value: 'is required' },
      other: 'kind.0: is invalid; unrecognized key "x"',
    });
  });
});

describe('serverFieldErrors', () => {
  it('reads the fields of the server’s 400 for a refused body', async () => {
    const error = await responseError(
      400,
      'InputError',
      'body.parent: group:default/x does not exist in the catalog; body.note: must be at most 500 characters',
    );
    expect(serverFieldErrors(error, ['parent', 'note'])).toEqual({
      parent: 'group:default/x does not exist in the catalog',
      note: 'must be at most 500 characters',
    });
  });

  it('reads a nested path as its first field', async () => {
    const error = await responseError(
      400,
      'InputError',
      'body.title.0: is too long',
    );
    expect(serverFieldErrors(error, ['title'])).toEqual({
      title: 'is too long',
    });
  });

  it('leaves the message whole when any part is not a field of the form', async () => {
    expect(
      serverFieldErrors(
        await responseError(
          400,
          'InputError',
          'body.parent: is required; body.type: is too long',
        ),
        ['parent'],
      ),
    ).toBeUndefined();
    expect(
      serverFieldErrors(
        await responseError(400, 'InputError', 'body: malformed JSON'),
        ['parent'],
      ),
    ).toBeUndefined();
  });

  it('is only for 400s', async () => {
    expect(
      serverFieldErrors(
        await responseError(409, 'ConflictError', 'body.parent: is taken'),
        ['parent'],
      ),
    ).toBeUndefined();
    expect(
      serverFieldErrors(new Error('body.parent: is required'), ['parent']),
    ).toBeUndefined();
  });
});
