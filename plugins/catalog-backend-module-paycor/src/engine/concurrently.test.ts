import { concurrently } from './concurrently';

describe('concurrently', () => {
  it('waits for every piece of work', async () => {
    const done: string[] = [];
    const after = (ms: number, name: string) =>
      new Promise<void>(resolve =>
        setTimeout(() => {
          done.push(name);
          resolve();
        }, ms),
      );
    await concurrently(after(20, 'slow'), after(1, 'fast'));
    expect(done).toEqual(['fast', 'slow']);
  });

  it('fails with the first failure, but only once the others have settled', async () => {
    let slowSettled = false;
    const slow = new Promise<void>(resolve =>
      setTimeout(() => {
        slowSettled = true;
        resolve();
      }, 20),
    );
    const first = new Error('first');
    await expect(
      concurrently(
        Promise.reject(first),
        slow,
        Promise.reject(new Error('second')),
      ),
    ).rejects.toBe(first);
    expect(slowSettled).toBe(true);
  });
});
