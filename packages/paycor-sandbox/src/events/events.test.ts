import request from 'supertest';
import { startEventReceiver } from '../__testUtils__/eventReceiver';
import {
  startTestSandbox,
  type TestSandbox,
} from '../__testUtils__/sandboxClient';

/** Event notifications end to end: a real subscriber on 127.0.0.1, real HTTP both ways. */
describe('event notifications', () => {
  let t: TestSandbox;
  let receiver: Awaited<ReturnType<typeof startEventReceiver>>;
  let status: number;
  /** overrides `status` per delivery index when set */
  let answer: ((index: number) => number) | undefined;

  beforeAll(async () => {
    t = await startTestSandbox({ employees: 60, seed: 5, rateLimit: false });
  });
  afterAll(() => t.stop());

  beforeEach(async () => {
    status = 200;
    answer = undefined;
    receiver = await startEventReceiver((_event, index) =>
      answer ? answer(index) : status,
    );
  });
  afterEach(async () => {
    for (const s of t.control.listSubscriptions()) t.control.unsubscribe(s.id);
    t.control.clearDeliveryFaults();
    t.control.clearDeliveries();
    await receiver.stop();
  });

  const activeEmployee = () =>
    t.control
      .getOrg()
      .employees.find(e => e.statusData?.status === 'Active')!;

  it('delivers Employee.Modified with the secret when the control API changes a person', async () => {
    const control = request(t.sandbox.url);
    const created = await control
      .post('/_sandbox/subscriptions')
      .send({ url: receiver.url, secret: 'Bearer s3cret' })
      .expect(201);
    expect(created.body).toMatchObject({
      url: receiver.url,
      secretHeader: 'Authorization',
      eventTypes: ['Employee.Modified', 'LegalEntity.Modified'],
    });

    const employee = activeEmployee();
    await control
      .patch(`/_sandbox/employees/${employee.id}`)
      .send({ positionData: { jobTitle: 'Principal Engineer' } })
      .expect(200);
    await control.post('/_sandbox/events/flush').send({}).expect(200);

    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery.headers.authorization).toBe('Bearer s3cret');
    expect(delivery.body).toEqual({
      eventType: 'Employee.Modified',
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      tenantId: t.control.getSummary().tenantId,
      legalEntityId: t.legalEntityId,
      itemId: employee.id,
      extendedProperties: null,
      changedFields: null,
      resource: { id: employee.id, url: `/v1/employees/${employee.id}` },
    });
    const log = (await control.get('/_sandbox/events/deliveries').expect(200))
      .body;
    expect(log.counts).toMatchObject({ delivered: 1, pending: 0 });
  });

  it('raises LegalEntity.Modified for department changes, only to subscribers of that type', async () => {
    t.control.subscribe({
      url: receiver.url,
      secret: 's',
      eventTypes: ['LegalEntity.Modified'],
    });
    t.control.updateEmployee(activeEmployee().id, { firstName: 'Ada' });
    const department = t.control.getOrg().departments[0];
    t.control.updateDepartment(department.id, { description: 'Renamed' });
    await t.control.flushEvents(5000);
    expect(receiver.received.map(r => r.body.eventType)).toEqual([
      'LegalEntity.Modified',
    ]);
    expect(receiver.received[0].body.resource.url).toBe(
      `/v1/legalentities/${t.legalEntityId}`,
    );
  });

  it('puts the secret in the header a subscription asks for', async () => {
    t.control.subscribe({
      url: receiver.url,
      secret: 'abc',
      secretHeader: 'X-Paycor-Secret',
    });
    t.control.emitEvent({
      eventType: 'Employee.Modified',
      itemId: activeEmployee().id,
    });
    await t.control.flushEvents(5000);
    expect(receiver.received[0].headers['x-paycor-secret']).toBe('abc');
    expect(receiver.received[0].headers.authorization).toBeUndefined();
  });

  it('retries a refused delivery with the same eventId, then gives up', async () => {
    status = 503;
    t.control.subscribe({
      url: receiver.url,
      secret: 's',
      retryDelaysMs: [10, 10],
    });
    t.control.emitEvent({
      eventType: 'Employee.Modified',
      itemId: activeEmployee().id,
    });
    await t.control.flushEvents(5000);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map(r => r.body.eventId)).size).toBe(1);
    const { deliveries, counts } = t.control.getDeliveries();
    expect(counts).toMatchObject({ failed: 1, delivered: 0 });
    expect(deliveries[0].attempts.map(a => a.status)).toEqual([503, 503, 503]);
  });

  it('recovers when a later attempt succeeds', async () => {
    t.control.subscribe({ url: receiver.url, secret: 's', retryDelaysMs: [10] });
    answer = index => (index === 0 ? 500 : 200);
    t.control.emitEvent({ eventType: 'LegalEntity.Modified' });
    await t.control.flushEvents(5000);
    expect(receiver.received).toHaveLength(2);
    const [delivery] = t.control.getDeliveries().deliveries;
    expect(delivery.state).toBe('delivered');
    expect(delivery.attempts.map(a => a.status)).toEqual([500, 200]);
  });

  it('injects delivery faults: fail then retry, drop, duplicate, delay', async () => {
    t.control.subscribe({ url: receiver.url, secret: 's', retryDelaysMs: [10] });
    const itemId = activeEmployee().id;
    const emit = () =>
      t.control.emitEvent({ eventType: 'Employee.Modified', itemId })[0]
        .eventId;

    t.control.injectDeliveryFault({ type: 'fail' });
    const failedOnce = emit();
    t.control.injectDeliveryFault({ type: 'drop' });
    const dropped = emit();
    t.control.injectDeliveryFault({ type: 'duplicate' });
    const duplicated = emit();
    t.control.injectDeliveryFault({ type: 'delay', delayMs: 50 });
    const delayed = emit();
    await t.control.flushEvents(5000);

    const ids = receiver.received.map(r => r.body.eventId);
    expect(ids.filter(id => id === failedOnce)).toHaveLength(1);
    expect(ids).not.toContain(dropped);
    expect(ids.filter(id => id === duplicated)).toHaveLength(2);
    expect(ids).toContain(delayed);
    expect(ids.indexOf(delayed)).toBe(ids.length - 1);
    const failed = t.control
      .getDeliveries()
      .deliveries.find(d => d.event.eventId === failedOnce)!;
    expect(failed.attempts[0].error).toBe('injected delivery failure');
    expect(failed.state).toBe('delivered');
    expect(t.control.getDeliveries().counts.dropped).toBe(1);
  });

  it('validates control input, naming the field, and refuses non-loopback targets', async () => {
    const control = request(t.sandbox.url);
    const missing = await control
      .post('/_sandbox/subscriptions')
      .send({ url: receiver.url })
      .expect(400);
    expect(missing.body.field).toBe('secret');
    const external = await control
      .post('/_sandbox/subscriptions')
      .send({ url: 'https://example.com/hook', secret: 's' })
      .expect(400);
    expect(external.body).toMatchObject({ field: 'url' });
    expect(external.body.message).toContain('loopback');
    const badType = await control
      .post('/_sandbox/events')
      .send({ eventType: 'Employee.Created' })
      .expect(400);
    expect(badType.body.field).toBe('eventType');
    await control.delete('/_sandbox/subscriptions/nope').expect(404);
  });

  describe('POST /v1/events/mockevent', () => {
    const command = () => ({
      applicationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      notificationURL: receiver.url,
      notificationSecret: 'Bearer mock-secret',
      eventType: 'Employee.Modified',
      tenantId: 2080,
      itemId: activeEmployee().id,
    });

    it('answers 201 with the Event and delivers it to the URL given', async () => {
      const sent = command();
      const response = await t.post('/v1/events/mockevent', sent).expect(201);
      expect(response.body).toMatchObject({
        eventType: 'Employee.Modified',
        itemId: sent.itemId,
        tenantId: 2080,
        changedFields: null,
      });
      await t.control.flushEvents(5000);
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0].body).toEqual(response.body);
      expect(receiver.received[0].headers.authorization).toBe(
        'Bearer mock-secret',
      );
    });

    it('needs a token and the subscription key like every Paycor call', async () => {
      await request(t.sandbox.url)
        .post('/v1/events/mockevent')
        .set('Ocp-Apim-Subscription-Key', t.subscriptionKey)
        .send(command())
        .expect(401);
    });

    it.each([
      [{ itemId: undefined }, 'itemId'],
      [
        { eventType: 'LegalEntity.Modified', itemId: undefined },
        'legalEntityId',
      ],
      [{ applicationId: 'not-a-guid' }, 'applicationId'],
      [{ eventType: 'Payroll.Finished' }, 'eventType'],
      [{ notificationURL: 'http://10.1.2.3/x' }, 'notificationURL'],
    ])('400 naming the field for %o', async (patch, field) => {
      const response = await t
        .post('/v1/events/mockevent', { ...command(), ...patch })
        .expect(400);
      expect(response.body.title).toBe('Validation Error');
      expect(Object.keys(response.body.source)).toEqual([field]);
      expect(receiver.received).toHaveLength(0);
    });

    it('400 for a body that is not JSON', async () => {
      const response = await request(t.sandbox.url)
        .post('/v1/events/mockevent')
        .set('Authorization', `Bearer ${t.token}`)
        .set('Ocp-Apim-Subscription-Key', t.subscriptionKey)
        .set('Content-Type', 'application/json')
        .send('{"applicationId":')
        .expect(400);
      expect(response.body.source).toEqual({
        body: 'The JSON value could not be converted.',
      });
    });
  });
});
