import {
  manualClock,
  startTestSandbox,
  type TestSandbox,
} from '../__testUtils__/sandboxClient';

// Every US zone is at least four hours behind UTC, so at 02:30 UTC it is still
// the previous day at the headquarters, wherever the generator put them.
describe('the sandbox dates its changes by the company’s calendar day', () => {
  const clock = manualClock(new Date('2026-03-10T02:30:00Z'));
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ employees: 20, seed: 9, now: clock.now });
  });
  afterAll(() => t.stop());

  it('says which day and zone it dates by', () => {
    expect(t.control.getSummary()).toMatchObject({
      timeZone: expect.stringMatching(/^America\//),
      today: '2026-03-09',
    });
  });

  it('dates a hire made "today" by the headquarters’ day', () => {
    const hire = t.control.addEmployee({
      firstName: 'Late',
      lastName: 'Shift',
    });
    expect(hire.employmentDateData?.hireDate).toBe('2026-03-09T00:00:00Z');
  });

  it('dates a termination without a date by the headquarters’ day', () => {
    const someone = t.control.addEmployee({
      firstName: 'Short',
      lastName: 'Stay',
    });
    const gone = t.control.terminateEmployee(someone.id);
    expect(gone.employmentDateData?.terminationDate).toBe(
      '2026-03-09T00:00:00Z',
    );
  });

  it('moves on to the next day at the headquarters’ midnight', () => {
    t.control.addEmployee({ firstName: 'Before', lastName: 'Midnight' });
    clock.advance(10 * 3600_000); // 12:30 UTC: the next day everywhere in the US
    const hire = t.control.addEmployee({ firstName: 'Next', lastName: 'Day' });
    expect(hire.employmentDateData?.hireDate).toBe('2026-03-10T00:00:00Z');
    expect(t.control.getSummary().today).toBe('2026-03-10');
  });

  it('takes a termination date as written', () => {
    const someone = t.control.addEmployee({
      firstName: 'Set',
      lastName: 'Date',
    });
    const gone = t.control.terminateEmployee(someone.id, {
      date: '2026-04-30T22:00:00-05:00',
    });
    expect(gone.employmentDateData?.terminationDate).toBe(
      '2026-04-30T00:00:00Z',
    );
  });
});
