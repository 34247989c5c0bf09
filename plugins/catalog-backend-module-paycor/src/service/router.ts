import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  adminGroupRequestSchema,
  approvalDecisionRequestSchema,
  describeValidationIssues,
  exclusionRequestSchema,
  listConflictsQuerySchema,
  listPeopleQuerySchema,
  listRunsQuerySchema,
  orgChartQuerySchema,
  orgChartSearchQuerySchema,
  paycorSyncManagePermission,
  paycorSyncReadPermission,
  paycorSyncRunPermission,
  previewQuerySchema,
  setParentRequestSchema,
  upcomingQuerySchema,
} from '@paycor-backstage/plugin-paycor-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { PaycorAdminService } from '../admin/PaycorAdminService';
import { auditedAdmin } from '../audit/auditedAdmin';
import { PaycorAudit } from '../audit/PaycorAudit';

export interface RouterOptions {
  providers: ReadonlyMap<string, PaycorAdminService>;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** admin changes and calls that spend Paycor's budget are audited */
  audit: PaycorAudit;
}

const idParam = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9_.:@+-]+$/, 'contains characters an id cannot have');

const approvalsQuerySchema = z.strictObject({
  status: z.enum(['pending', 'all']).default('all'),
});

/**
 * The sync's admin API, mounted by the catalog module under
 * `/api/catalog/paycor`. Every route is authorize → parse → call → respond:
 * a signed-in user or a service with a permission (read, run: calls Paycor,
 * manage: changes how the org is built), zod-validated input whose errors
 * name the field, and one call to the provider's admin service, whose
 * Backstage errors become the HTTP status.
 */
export function createPaycorRouter(options: RouterOptions): express.Router {
  const { providers, httpAuth, permissions, audit } = options;
  const router = Router();
  router.use(
    '/paycor',
    express.json({ limit: '100kb' }),
    (error: any, _req: any, _res: any, next: any) => {
      // body-parser's errors would otherwise surface as 500s
      if (error?.type === 'entity.parse.failed') {
        next(new InputError(`body: malformed JSON (${error.message})`));
      } else if (error?.type === 'entity.too.large') {
        next(new InputError('body: larger than 100kb'));
      } else {
        next(error);
      }
    },
  );

  async function authorize(req: Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Missing permission ${permission.name} for this Paycor sync action`,
      );
    }
    return credentials;
  }

  /** the audited operations of the request's provider, as its caller */
  function audited(req: Request, credentials: BackstageCredentials) {
    return auditedAdmin(provider(req), audit, {
      credentials,
      request: req,
      via: 'api',
    });
  }

  function provider(req: Request): PaycorAdminService {
    const id = req.params.providerId;
    const found = providers.get(id);
    if (!found) {
      const known = [...providers.keys()].join(', ') || 'none';
      throw new NotFoundError(
        `No Paycor provider "${id}" is configured (configured: ${known})`,
      );
    }
    return found;
  }

  function parse<S extends z.ZodType>(
    schema: S,
    value: unknown,
    root: string,
  ): z.output<S> {
    const result = schema.safeParse(value ?? {});
    if (!result.success) {
      throw new InputError(describeValidationIssues(result.error.issues, root));
    }
    return result.data;
  }

  function param(req: Request, name: string): string {
    return parse(idParam, req.params[name], `params.${name}`);
  }

  const P = '/paycor/providers/:providerId';

  router.get('/paycor/providers', async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const items = await Promise.all(
      [...providers.values()].map(p => p.status()),
    );
    res.json({ items });
  });

  router.get(P, async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    res.json(await provider(req).status());
  });

  router.post(`${P}/sync`, async (req, res) => {
    const credentials = await authorize(req, paycorSyncRunPermission);
    res.status(202).json(await audited(req, credentials).requestSync());
  });

  router.post(`${P}/verify`, async (req, res) => {
    const credentials = await authorize(req, paycorSyncRunPermission);
    res.json(await audited(req, credentials).verify());
  });

  router.get(`${P}/preview`, async (req, res) => {
    const credentials = await authorize(req, paycorSyncRunPermission);
    const service = audited(req, credentials);
    const { limit } = parse(previewQuerySchema, req.query, 'query');
    res.json(await service.preview(limit));
  });

  router.get(`${P}/runs`, async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const service = provider(req);
    const { limit, offset } = parse(listRunsQuerySchema, req.query, 'query');
    res.json(await service.runs(limit, offset));
  });

  router.get(`${P}/conflicts`, async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const service = provider(req);
    const query = parse(listConflictsQuerySchema, req.query, 'query');
    res.json(
      await service.conflicts({
        types: query.type,
        status: query.status,
        q: query.q,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  });

  router.get(`${P}/departments`, async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    res.json(await provider(req).departments());
  });

  router.get(`${P}/org-chart`, async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const service = provider(req);
    const query = parse(orgChartQuerySchema, req.query, 'query');
    res.json(await service.orgChart(query));
  });

  router.get(`${P}/org-chart/search`, async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const service = provider(req);
    const { q, limit } = parse(orgChartSearchQuerySchema, req.query, 'query');
    res.json(await service.searchOrgChart(q, limit));
  });

  router.put(`${P}/departments/:departmentId/parent`, async (req, res) => {
    const credentials = await authorize(req, paycorSyncManagePermission);
    const service = audited(req, credentials);
    const departmentId = param(req, 'departmentId');
    const body = parse(setParentRequestSchema, req.body, 'body');
    res.json(await service.rehome(departmentId, body));
  });

  router.delete(`${P}/departments/:departmentId/parent`, async (req, res) => {
    const credentials = await authorize(req, paycorSyncManagePermission);
    const service = audited(req, credentials);
    const departmentId = param(req, 'departmentId');
    res.json(await service.undoRehome(departmentId));
  });

  router.get(`${P}/groups`, async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    res.json({ items: await provider(req).adminGroups() });
  });

  router.post(`${P}/groups`, async (req, res) => {
    const credentials = await authorize(req, paycorSyncManagePermission);
    const service = audited(req, credentials);
    const body = parse(adminGroupRequestSchema, req.body, 'body');
    res.status(201).json(await service.createAdminGroup(body));
  });

  router.delete(`${P}/groups/:name`, async (req, res) => {
    const credentials = await authorize(req, paycorSyncManagePermission);
    const service = audited(req, credentials);
    await service.deleteAdminGroup(param(req, 'name'));
    res.status(204).end();
  });

  router.get(`${P}/approvals`, async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const service = provider(req);
    const { status } = parse(approvalsQuerySchema, req.query, 'query');
    res.json({ items: await service.approvals(status) });
  });

  router.post(`${P}/approvals/:runId`, async (req, res) => {
    const credentials = await authorize(req, paycorSyncManagePermission);
    const service = audited(req, credentials);
    const runId = param(req, 'runId');
    const body = parse(approvalDecisionRequestSchema, req.body, 'body');
    res.json(await service.decideApproval(runId, body.decision, body.note));
  });

  router.get(`${P}/exclusions`, async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    res.json({ items: await provider(req).exclusions() });
  });

  router.post(`${P}/exclusions`, async (req, res) => {
    const credentials = await authorize(req, paycorSyncManagePermission);
    const service = audited(req, credentials);
    const body = parse(exclusionRequestSchema, req.body, 'body');
    res.status(201).json(await service.addExclusion(body));
  });

  router.delete(`${P}/exclusions/:exclusionId`, async (req, res) => {
    const credentials = await authorize(req, paycorSyncManagePermission);
    const service = audited(req, credentials);
    await service.removeExclusion(param(req, 'exclusionId'));
    res.status(204).end();
  });

  router.get(`${P}/people`, async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const service = provider(req);
    const query = parse(listPeopleQuerySchema, req.query, 'query');
    res.json(
      await service.people({
        q: query.q,
        outcomes: query.outcome,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  });

  router.get(`${P}/people/:employeeId`, async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const service = provider(req);
    res.json(await service.person(param(req, 'employeeId')));
  });

  router.post(`${P}/people/:employeeId/sync`, async (req, res) => {
    const credentials = await authorize(req, paycorSyncRunPermission);
    const service = audited(req, credentials);
    res.json(await service.syncPerson(param(req, 'employeeId')));
  });

  router.get(`${P}/upcoming`, async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const service = provider(req);
    const { days, limit } = parse(upcomingQuerySchema, req.query, 'query');
    res.json(await service.upcoming(days, limit));
  });

  return router;
}
