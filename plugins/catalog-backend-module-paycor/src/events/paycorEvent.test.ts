import { PaycorEventFormatError, readPaycorEvent } from './paycorEvent';
import { subjectOf } from './LiveUpdates';

describe('readPaycorEvent', () => {
  const event = {
    eventType: 'Employee.Modified',
    eventId: '0f6c0000-0000-4000-8000-000000000001',
    tenantId: 1,
    legalEntityId: 501123,
    itemId: '7f3a12c4-be21-0000-0000-0000c4d20300',
    extendedProperties: null,
    changedFields: null,
    resource: { id: null, url: '/v1/employees/7f3a12c4' },
  };

  it('reads the documented camelCase event', () => {
    expect(readPaycorEvent(event)).toEqual({
      eventId: event.eventId,
      eventType: 'Employee.Modified',
      legalEntityId: 501123,
      itemId: event.itemId,
    });
  });

  it('accepts PascalCase and a legal entity id as a string', () => {
    expect(
      readPaycorEvent({
        EventId: 'e1',
        EventType: 'LegalEntity.Modified',
        LegalEntityId: '42',
      }),
    ).toEqual({
      eventId: 'e1',
      eventType: 'LegalEntity.Modified',
      legalEntityId: 42,
    });
  });

  it('names the missing field', () => {
    expect(() => readPaycorEvent({ ...event, eventId: undefined })).toThrow(
      new PaycorEventFormatError('eventId: missing or not a string'),
    );
    expect(() => readPaycorEvent({ ...event, eventType: ' ' })).toThrow(
      /eventType/,
    );
    expect(() => readPaycorEvent([])).toThrow(/not a JSON object/);
  });

  it('maps Employee.Modified with an item to one person, anything else to a full sync', () => {
    expect(subjectOf(readPaycorEvent(event))).toEqual({
      kind: 'employee',
      employeeId: event.itemId,
    });
    expect(subjectOf(readPaycorEvent({ ...event, itemId: null }))).toEqual({
      kind: 'full-sync',
    });
    expect(
      subjectOf(
        readPaycorEvent({ ...event, eventType: 'LegalEntity.Modified' }),
      ),
    ).toEqual({ kind: 'full-sync' });
  });
});
