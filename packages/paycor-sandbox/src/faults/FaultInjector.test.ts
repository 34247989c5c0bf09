import { manualClock } from '../__testUtils__/sandboxClient';
import { FaultInjector } from './FaultInjector';

describe('FaultInjector', () => {
  it('fails one matching call by default', () => {
    const faults = new FaultInjector(() => new Date());
    faults.inject({ type: '500' });
    expect(faults.take('employees')?.type).toBe('500');
    expect(faults.take('employees')).toBeUndefined();
  });

  it('honours count, endpoint and afterCalls', () => {
    const faults = new FaultInjector(() => new Date());
    faults.inject({
      type: '503',
      endpoint: 'employees',
      count: 2,
      afterCalls: 1,
    });
    expect(faults.take('departments')).toBeUndefined();
    expect(faults.take('employees')).toBeUndefined();
    expect(faults.take('employees')?.type).toBe('503');
    expect(faults.take('employees')?.type).toBe('503');
    expect(faults.take('employees')).toBeUndefined();
  });

  it('keeps a duration fault armed for every matching call until it expires', () => {
    const clock = manualClock();
    const faults = new FaultInjector(clock.now);
    faults.inject({ type: '429', durationMs: 1000 });
    for (let i = 0; i < 5; i++) expect(faults.take('token')?.type).toBe('429');
    clock.advance(1000);
    expect(faults.take('token')).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it('only lets listing faults hit list endpoints and token faults hit the token endpoint', () => {
    const faults = new FaultInjector(() => new Date());
    faults.inject({ type: 'malformed-records' });
    faults.inject({ type: 'revoked-refresh-token' });
    expect(faults.take('employee')).toBeUndefined();
    expect(faults.take('token')?.type).toBe('revoked-refresh-token');
    expect(faults.take('token')).toBeUndefined();
    expect(faults.take('persons')?.type).toBe('malformed-records');
  });

  it('lets a call passed by one fault hit the next', () => {
    const faults = new FaultInjector(() => new Date());
    faults.inject({ type: '500', afterCalls: 1 });
    faults.inject({ type: '503' });
    expect(faults.take('legalEntity')?.type).toBe('503');
    expect(faults.take('legalEntity')?.type).toBe('500');
  });
});
