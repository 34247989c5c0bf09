import {
  AdminGroupRequest,
  ExclusionRequest,
  PaycorAdminService,
  RehomeRequest,
} from '../admin/PaycorAdminService';
import { actorOf, PaycorAudit, PaycorCaller } from './PaycorAudit';

/**
 * The admin operations that change the org or spend Paycor's budget, each
 * audited: the one place both the admin API and the actions go through for
 * them (reads are not audited; the catalog's own reads are not either).
 * What each event records is chosen here, field by field.
 */
export function auditedAdmin(
  service: PaycorAdminService,
  audit: PaycorAudit,
  caller: PaycorCaller,
) {
  const providerId = service.id;
  const actor = actorOf(caller.credentials);
  return {
    rehome: (departmentId: string, request: RehomeRequest) =>
      audit.track(
        {
          eventId: 'paycor-rehome',
          providerId,
          meta: { departmentId, parent: request.parent },
        },
        caller,
        () => service.rehome(departmentId, request, actor),
        view => ({ effectiveParentRef: view.effectiveParentRef ?? null }),
      ),

    undoRehome: (departmentId: string) =>
      audit.track(
        { eventId: 'paycor-rehome-undo', providerId, meta: { departmentId } },
        caller,
        () => service.undoRehome(departmentId),
        view => ({ effectiveParentRef: view.effectiveParentRef ?? null }),
      ),

    createAdminGroup: (request: AdminGroupRequest) =>
      audit.track(
        {
          eventId: 'paycor-admin-group-create',
          providerId,
          meta: {
            name: request.name,
            type: request.type,
            parent: request.parent ?? null,
          },
        },
        caller,
        () => service.createAdminGroup(request, actor),
      ),

    deleteAdminGroup: (name: string) =>
      audit.track(
        { eventId: 'paycor-admin-group-delete', providerId, meta: { name } },
        caller,
        () => service.deleteAdminGroup(name),
      ),

    addExclusion: (request: ExclusionRequest) =>
      audit.track(
        {
          eventId: 'paycor-exclusion-add',
          providerId,
          meta: { kind: request.kind, value: request.value },
        },
        caller,
        () => service.addExclusion(request, actor),
        exclusion => ({ exclusionId: exclusion.id }),
      ),

    removeExclusion: (exclusionId: string) =>
      audit.track(
        {
          eventId: 'paycor-exclusion-remove',
          providerId,
          meta: { exclusionId },
        },
        caller,
        () => service.removeExclusion(exclusionId),
      ),

    decideApproval: (
      runId: string,
      decision: 'approve' | 'reject',
      note?: string,
    ) =>
      audit.track(
        {
          eventId: 'paycor-approval-decide',
          providerId,
          // approving removes Users and Groups from the catalog
          severityLevel: decision === 'approve' ? 'high' : 'medium',
          meta: { runId, decision },
        },
        caller,
        () => service.decideApproval(runId, decision, actor, note),
        approval => ({ status: approval.status }),
      ),

    requestSync: () =>
      audit.track({ eventId: 'paycor-sync-request', providerId }, caller, () =>
        service.requestSync(),
      ),

    syncPerson: (employeeId: string) =>
      audit.track(
        { eventId: 'paycor-person-sync', providerId, meta: { employeeId } },
        caller,
        () => service.syncPerson(employeeId),
        result => ({
          runId: result.run.id,
          runStatus: result.run.status,
          apiCalls: result.run.apiCalls,
        }),
      ),

    verify: () =>
      audit.track(
        { eventId: 'paycor-verify', providerId, severityLevel: 'low' },
        caller,
        () => service.verify(),
        result => ({ ok: result.ok }),
      ),

    preview: (limit: number) =>
      audit.track(
        {
          eventId: 'paycor-preview',
          providerId,
          severityLevel: 'low',
          meta: { limit },
        },
        caller,
        () => service.preview(limit),
        result => ({
          added: result.counts.added,
          updated: result.counts.updated,
          removed: result.counts.removed,
          wouldHold: result.wouldHold,
        }),
      ),
  };
}

export type AuditedAdmin = ReturnType<typeof auditedAdmin>;
