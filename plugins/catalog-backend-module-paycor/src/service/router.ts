import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  AdminGroup,
  adminGroupRequestSchema,
  approvalDecisionRequestSchema,
  describeValidationIssues,
  exclusionRequestSchema,
  listConflictsQuerySchema,
  listRunsQuerySchema,
  paycorSyncManagePermission,
  paycorSyncReadPermission,
  paycorSyncRunPermission,
  previewQuerySchema,
  setParentRequestSchema,
} from '@paycor-backstage/plugin-paycor-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { LockTimeoutError } from '../store/LockStore';
import { PaycorProviderService } from './PaycorProviderService';

export interface RouterOptions {
  providers: ReadonlyMap<string, PaycorProviderService>;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
}

const idParam = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9_.:@+-]+$/, 'contains characters an id cannot have');

/**
 * The sync's admin API, mounted by the catalog module under
 * `/api/catalog/paycor`. Every route needs a signed-in user or a service, and
 * a permission: reading, running (calls Paycor), or managing (changes how the
 * org is built). Inputs are validated with zod; errors name the field.
 */
export function createPaycorRouter(options: RouterOptions): express.Router {
  const { providers, httpAuth, permissions, logger } = options;
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

  function provider(req: Request) {
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

  function parse<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
    const result = schema.safeParse(value ?? {});
    if (!result.success) {
      throw new InputError(describeValidationIssues(result.error.issues, root));
    }
    return result.data;
  }

  function param(req: Request, name: string): string {
    return parse(idParam, req.params[name], `params.${name}`);
  }

  /** Re-applies the stored snapshot; a long-running sync picks changes up itself. */
  async function reapply(service: PaycorProviderService) {
    try {
      await service.runner.reapply();
    } catch (error) {
      if (!(error instanceof LockTimeoutError)) throw error;
      logger.warn(
        `Paycor provider ${service.id}: a sync holds the writer lock; the change applies when it finishes`,
      );
      service.runner.reapply().catch(e =>
        logger.error(`Paycor provider ${service.id}: re-apply failed: ${e}`),
      );
    }
  }

  router.get('/paycor/providers', async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const items = await Promise.all([...providers.values()].map(p => p.status()));
    res.json({ items });
  });

  router.get('/paycor/providers/:providerId', async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    res.json(await provider(req).status());
  });

  router.post('/paycor/providers/:providerId/sync', async (req, res) => {
    await authorize(req, paycorSyncRunPermission);
    res.status(202).json(await provider(req).requestSync());
  });

  router.post('/paycor/providers/:providerId/verify', async (req, res) => {
    await authorize(req, paycorSyncRunPermission);
    res.json(await provider(req).verify());
  });

  router.get('/paycor/providers/:providerId/preview', async (req, res) => {
    await authorize(req, paycorSyncRunPermission);
    const service = provider(req);
    const { limit } = parse(previewQuerySchema, req.query, 'query');
    res.json(await service.runner.preview(limit));
  });

  router.get('/paycor/providers/:providerId/runs', async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const service = provider(req);
    const { limit, offset } = parse(listRunsQuerySchema, req.query, 'query');
    res.json(await service.stores.runs.list(service.id, limit, offset));
  });

  router.get('/paycor/providers/:providerId/conflicts', async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const service = provider(req);
    const query = parse(listConflictsQuerySchema, req.query, 'query');
    res.json(
      await service.stores.conflicts.list(service.id, {
        types: query.type,
        status: query.status,
        q: query.q,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  });

  router.get('/paycor/providers/:providerId/departments', async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    res.json(await provider(req).runner.departments());
  });

  router.put(
    '/paycor/providers/:providerId/departments/:departmentId/parent',
    async (req, res) => {
      const credentials = await authorize(req, paycorSyncManagePermission);
      const service = provider(req);
      const departmentId = param(req, 'departmentId');
      const body = parse(setParentRequestSchema, req.body, 'body');
      const check = await service.runner.checkOverride(departmentId, body.parent);
      switch (check) {
        case 'no-snapshot':
          throw new ConflictError(
            'No sync has completed yet, so departments are not known; re-home after the first sync',
          );
        case 'unknown-department':
          throw new NotFoundError(
            `Paycor has no department "${departmentId}" in legal entity ${service.config.legalEntityId}`,
          );
        case 'target-missing':
          throw new InputError(
            `body.parent: ${body.parent} does not exist in the catalog and is not a Group of this provider; create it first (e.g. as an admin group)`,
          );
        case 'cycle':
          throw new ConflictError(
            `Re-homing this department under ${body.parent} would make it its own ancestor`,
          );
        default:
      }
      await service.stores.overrides.set(service.id, {
        departmentId,
        parentRef: body.parent,
        note: body.note,
        setBy: actorOf(credentials),
      });
      await reapply(service);
      res.json(await departmentView(service, departmentId));
    },
  );

  router.delete(
    '/paycor/providers/:providerId/departments/:departmentId/parent',
    async (req, res) => {
      await authorize(req, paycorSyncManagePermission);
      const service = provider(req);
      const departmentId = param(req, 'departmentId');
      const removed = await service.stores.overrides.remove(service.id, departmentId);
      if (!removed) {
        throw new NotFoundError(
          `Department "${departmentId}" has no re-home set in the sync page${
            departmentId in service.config.departmentParents
              ? ' (its parent comes from app-config departmentParents)'
              : ''
          }`,
        );
      }
      await reapply(service);
      res.json(await departmentView(service, departmentId));
    },
  );

  router.get('/paycor/providers/:providerId/groups', async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const service = provider(req);
    const groups = await service.stores.adminGroups.list(service.id);
    res.json({ items: groups.map(g => toAdminGroup(service, g)) });
  });

  router.post('/paycor/providers/:providerId/groups', async (req, res) => {
    const credentials = await authorize(req, paycorSyncManagePermission);
    const service = provider(req);
    const body = parse(adminGroupRequestSchema, req.body, 'body');
    const ref = stringifyEntityRef({
      kind: 'group',
      namespace: service.config.namespace,
      name: body.name,
    });
    if (await service.runner.groupExists(ref)) {
      throw new ConflictError(`${ref} already exists in the catalog`);
    }
    if (body.parent && !(await service.runner.groupExists(body.parent))) {
      throw new InputError(
        `body.parent: ${body.parent} does not exist in the catalog`,
      );
    }
    const group = await service.stores.adminGroups.create(service.id, {
      name: body.name,
      title: body.title,
      description: body.description,
      parentRef: body.parent,
      type: body.type,
      createdBy: actorOf(credentials),
    });
    await reapply(service);
    res.status(201).json(toAdminGroup(service, group));
  });

  router.delete('/paycor/providers/:providerId/groups/:name', async (req, res) => {
    await authorize(req, paycorSyncManagePermission);
    const service = provider(req);
    const name = param(req, 'name');
    const ref = stringifyEntityRef({
      kind: 'group',
      namespace: service.config.namespace,
      name,
    });
    const dependents = (await service.stores.overrides.list(service.id)).filter(
      o => o.parentRef === ref,
    );
    if (dependents.length > 0) {
      throw new ConflictError(
        `${dependents.length} re-homed department(s) still point at ${ref}; undo those re-homes first`,
      );
    }
    if (!(await service.stores.adminGroups.remove(service.id, name))) {
      throw new NotFoundError(`No admin group "${name}"`);
    }
    await reapply(service);
    res.status(204).end();
  });

  router.get('/paycor/providers/:providerId/approvals', async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const service = provider(req);
    const { status } = parse(
      z.strictObject({ status: z.enum(['pending', 'all']).default('all') }),
      req.query,
      'query',
    );
    res.json({ items: await service.stores.approvals.list(service.id, status) });
  });

  router.post(
    '/paycor/providers/:providerId/approvals/:runId',
    async (req, res) => {
      const credentials = await authorize(req, paycorSyncManagePermission);
      const service = provider(req);
      const runId = param(req, 'runId');
      const body = parse(approvalDecisionRequestSchema, req.body, 'body');
      res.json(
        await service.runner.decide(
          runId,
          body.decision,
          actorOf(credentials),
          body.note,
        ),
      );
    },
  );

  router.get('/paycor/providers/:providerId/exclusions', async (req, res) => {
    await authorize(req, paycorSyncReadPermission);
    const service = provider(req);
    res.json({ items: await service.stores.exclusions.list(service.id) });
  });

  router.post('/paycor/providers/:providerId/exclusions', async (req, res) => {
    const credentials = await authorize(req, paycorSyncManagePermission);
    const service = provider(req);
    const body = parse(exclusionRequestSchema, req.body, 'body');
    const exclusion = await service.stores.exclusions.add(service.id, {
      kind: body.kind,
      value: body.value,
      note: body.note,
      createdBy: actorOf(credentials),
    });
    await reapply(service);
    res.status(201).json(exclusion);
  });

  router.delete(
    '/paycor/providers/:providerId/exclusions/:exclusionId',
    async (req, res) => {
      await authorize(req, paycorSyncManagePermission);
      const service = provider(req);
      const id = param(req, 'exclusionId');
      if (!(await service.stores.exclusions.remove(service.id, id))) {
        throw new NotFoundError(`No exclusion "${id}"`);
      }
      await reapply(service);
      res.status(204).end();
    },
  );

  return router;
}

async function departmentView(service: PaycorProviderService, id: string) {
  const { items } = await service.runner.departments();
  const view = items.find(d => d.id === id);
  if (!view) throw new NotFoundError(`No department "${id}"`);
  return view;
}

function toAdminGroup(
  service: PaycorProviderService,
  group: Awaited<ReturnType<PaycorProviderService['stores']['adminGroups']['list']>>[number],
): AdminGroup {
  return {
    name: group.name,
    title: group.title,
    description: group.description,
    parent: group.parentRef,
    type: group.type,
    entityRef: stringifyEntityRef({
      kind: 'group',
      namespace: service.config.namespace,
      name: group.name,
    }),
    createdBy: group.createdBy,
    createdAt: group.createdAt,
  };
}

function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string };
  return principal.type === 'user'
    ? principal.userEntityRef
    : `service:${principal.subject}`;
}
