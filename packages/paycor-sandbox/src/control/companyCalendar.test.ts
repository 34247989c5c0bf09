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
});
