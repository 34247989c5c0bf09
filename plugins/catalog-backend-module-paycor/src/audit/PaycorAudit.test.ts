import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actorOf, PaycorAudit } from './PaycorAudit';

describe('PaycorAudit', () => {
  it('records who, which connection and the outcome of a successful operation', async () => {
    const auditor = mockServices.auditor.mock();
    const audit = new PaycorAudit(auditor);
    const result = await audit.track(
      {
        eventId: 'paycor-rehome',
        providerId: 'acme',
        meta: { departmentId: 'd1' },
      },
      { credentials: mockCredentials.user('user:default/jane'), via: 'action' },
      async () => ({ parent: 'group:default/x' }),
      r => ({ parent: r.parent }),
    );
    expect(result).toEqual({ parent: 'group:default/x' });
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'paycor-rehome',
      severityLevel: 'medium',
      meta: {
        providerId: 'acme',
        actor: 'user:default/jane',
        via: 'action',
        departmentId: 'd1',
      },
    });
    const event = await auditor.createEvent.mock.results[0].value;
    expect(event.success).toHaveBeenCalledWith({
      meta: { parent: 'group:default/x' },
    });
    expect(event.fail).not.toHaveBeenCalled();
  });

  it('records a failure and rethrows it', async () => {
    const auditor = mockServices.auditor.mock();
    const audit = new PaycorAudit(auditor);
    const error = new Error('no such department');
    await expect(
      audit.track(
        { eventId: 'paycor-rehome-undo', providerId: 'acme' },
        { credentials: mockCredentials.service('ci'), via: 'api' },
        async () => Promise.reject(error),
      ),
    ).rejects.toBe(error);
    const event = await auditor.createEvent.mock.results[0].value;
    expect(event.fail).toHaveBeenCalledWith({ error });
    expect(event.success).not.toHaveBeenCalled();
    expect(auditor.createEvent.mock.calls[0][0].meta).toMatchObject({
      actor: 'service:ci',
    });
  });

  it('records a refused event delivery as a failed high-severity event, with the reason only', async () => {
    const auditor = mockServices.auditor.mock();
    await new PaycorAudit(auditor).eventRefused({
      providerId: 'acme',
      reason: 'signature does not match',
    });
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'paycor-event-refused',
      severityLevel: 'high',
      meta: { providerId: 'acme' },
    });
    const event = await auditor.createEvent.mock.results[0].value;
    expect(event.fail.mock.calls[0][0].error.message).toBe(
      'signature does not match',
    );
  });

  it('names the actor of every principal type', () => {
    expect(actorOf(mockCredentials.user('user:default/a'))).toBe(
      'user:default/a',
    );
    expect(actorOf(mockCredentials.service('plugin:x'))).toBe(
      'service:plugin:x',
    );
    expect(actorOf(mockCredentials.none())).toBe('none');
  });
});
