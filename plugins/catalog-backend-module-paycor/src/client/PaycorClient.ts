import {
  PaycorApiError,
  PaycorListingError,
  PaycorPayloadError,
} from '../errors';
import { CallCounter, PaycorHttp } from './PaycorHttp';
import {
  activatedLegalEntitiesSchema,
  legalEntitySchema,
  PagedEnvelope,
  pagedEnvelopeSchema,
  PaycorLegalEntity,
} from './paycorSchemas';
import { CanonicalKeys } from './canonicalKeys';
import { TokenManager } from './TokenManager';

/** Stop a listing that never ends (a server bug must not hang a sync forever). */
const MAX_PAGES = 20_000;

export interface Page {
  records: unknown[];
  /** 1-based */
  number: number;
}

export interface PaycorClientOptions {
  legalEntityId: number;
  http: PaycorHttp;
  tokens: TokenManager;
  keys: CanonicalKeys;
}

/**
 * Paycor's directory endpoints for one legal entity. Responses come back
 * key-normalised (case-insensitive) and envelope-validated; records are left to
 * the caller to validate one by one, so one bad record is a conflict rather
 * than a failed run.
 */
export class PaycorClient {
  constructor(private readonly options: PaycorClientOptions) {}

  get callCount() {
    return this.options.http.callCount;
  }

  /** Runs `fn`, counting the Paycor calls it makes in `counter`. */
  countCalls<T>(counter: CallCounter, fn: () => Promise<T>): Promise<T> {
    return this.options.http.countCalls(counter, fn);
  }

  /**
   * The legal entity, with business names when the app may read them (they
   * give the time zone). Without that scope Paycor answers 403 and the basic
   * record is read instead.
   */
  async getLegalEntity(
    signal?: AbortSignal,
  ): Promise<{ legalEntity: PaycorLegalEntity; businessNamesScope: boolean }> {
    const path = `/v1/legalentities/${this.options.legalEntityId}`;
    try {
      const body = await this.get(
        path,
        { include: 'BusinessNames' },
        'legalEntity',
        signal,
      );
      return {
        legalEntity: this.parseLegalEntity(body),
        businessNamesScope: true,
      };
    } catch (error) {
      if (!(error instanceof PaycorApiError && error.details.status === 403))
        throw error;
      const body = await this.get(path, {}, 'legalEntity', signal);
      return {
        legalEntity: this.parseLegalEntity(body),
        businessNamesScope: false,
      };
    }
  }

  async getActivatedLegalEntities(signal?: AbortSignal) {
    const body = await this.get(
      '/v1/legalentities/ActivatedLegalEntityTenantList',
      {},
      'activatedLegalEntities',
      signal,
    );
    const parsed = activatedLegalEntitiesSchema.safeParse(body);
    if (!parsed.success) {
      throw new PaycorPayloadError(
        `Paycor activatedLegalEntities returned an unexpected body: ${parsed.error.message}`,
      );
    }
    return parsed.data.userLegalEntities ?? [];
  }

  departmentPages(signal?: AbortSignal): AsyncGenerator<Page> {
    return this.pages(
      `/v1/legalentities/${this.options.legalEntityId}/departments`,
      {},
      'departments',
      signal,
    );
  }

  /** Every employee with every section (`include=All`) and work emails. */
  employeePages(signal?: AbortSignal): AsyncGenerator<Page> {
    return this.pages(
      `/v1/legalentities/${this.options.legalEntityId}/employees`,
      { include: 'All', emailType: 'Work' },
      'employees',
      signal,
    );
  }

  /**
   * One employee, with the same sections (`include=All`) and email type as
   * the bulk read. Guess (api.md §3, Q2): the 2024 v1 document lists
   * `GET /v1/employees/{employeeId}`; the newer one does not, so it may have
   * moved to v2. The caller falls back to a full sync when Paycor cannot
   * serve it.
   */
  getEmployee(employeeId: string, signal?: AbortSignal): Promise<unknown> {
    return this.get(
      `/v1/employees/${encodeURIComponent(employeeId)}`,
      { include: 'All', emailType: 'Work' },
      'employee',
      signal,
    );
  }

  /**
   * One page only, for connection checks (`include` probes scopes): the id of
   * the page's first employee, if it has one, for probing one-person reads.
   */
  async probeEmployees(
    include?: string,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    const body = await this.get(
      `/v1/legalentities/${this.options.legalEntityId}/employees`,
      include ? { include } : {},
      'employees',
      signal,
    );
    const first = (body as { records?: Array<{ id?: unknown }> } | null)
      ?.records?.[0]?.id;
    return typeof first === 'string' && first.trim() ? first : undefined;
  }

  /** One employee with only the `include` given, for connection checks. */
  async probeEmployee(
    employeeId: string,
    include?: string,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.get(
      `/v1/employees/${encodeURIComponent(employeeId)}`,
      include ? { include } : {},
      'employee',
      signal,
    );
  }

  async probeDepartments(signal?: AbortSignal) {
    await this.get(
      `/v1/legalentities/${this.options.legalEntityId}/departments`,
      {},
      'departments',
      signal,
    );
  }

  /**
   * Pages of a listing, fetching page N+1 while the caller works on page N.
   * A page that claims more results but gives no way to fetch them, a token
   * seen twice, or an endless listing fails the whole read.
   */
  async *pages(
    path: string,
    query: Record<string, string>,
    endpoint: string,
    signal?: AbortSignal,
  ): AsyncGenerator<Page> {
    const seenTokens = new Set<string>();
    let number = 1;
    let next: Promise<PagedEnvelope> | undefined = this.getPage(
      path,
      query,
      endpoint,
      signal,
    );
    while (next) {
      const envelope: PagedEnvelope = await next;
      next = undefined;
      if (envelope.hasMoreResults) {
        const token = envelope.continuationToken ?? undefined;
        if (!token) {
          throw new PaycorListingError(
            `Paycor ${endpoint} page ${number} says there are more results but gives no continuation token; the listing is incomplete`,
          );
        }
        if (seenTokens.has(token)) {
          throw new PaycorListingError(
            `Paycor ${endpoint} returned continuation token ${token} twice (page ${number}); the listing would never end`,
          );
        }
        if (number >= MAX_PAGES) {
          throw new PaycorListingError(
            `Paycor ${endpoint} returned more than ${MAX_PAGES} pages; refusing to continue`,
          );
        }
        seenTokens.add(token);
        const pageNumber = number;
        next = this.getPage(
          path,
          { ...query, continuationToken: token },
          endpoint,
          signal,
        ).catch(error => {
          // Paycor answers an unknown or expired continuation token with 400.
          if (error instanceof PaycorApiError && error.details.status === 400) {
            throw new PaycorListingError(
              `Paycor ${endpoint} refused the continuation token of page ${pageNumber}; the listing is incomplete: ${error.message}`,
            );
          }
          throw error;
        });
        // If the caller stops early, the prefetched page must not become an
        // unhandled rejection.
        next.catch(() => {});
      }
      yield { records: envelope.records ?? [], number };
      number += 1;
    }
  }

  private async getPage(
    path: string,
    query: Record<string, string>,
    endpoint: string,
    signal?: AbortSignal,
  ): Promise<PagedEnvelope> {
    const body = await this.get(path, query, endpoint, signal);
    const parsed = pagedEnvelopeSchema.safeParse(body);
    if (!parsed.success || body === null || typeof body !== 'object') {
      throw new PaycorPayloadError(
        `Paycor ${endpoint} returned a page that is not a paged result (${
          parsed.success
            ? 'not an object'
            : parsed.error.issues
                .map(i => `${i.path.join('.') || '(body)'}: ${i.message}`)
                .join('; ')
        })`,
      );
    }
    return parsed.data;
  }

  private async get(
    path: string,
    query: Record<string, string>,
    endpoint: string,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const { http, tokens, keys } = this.options;
    let accessToken = await tokens.getAccessToken(signal);
    try {
      const { body } = await http.send({
        method: 'GET',
        path,
        query,
        endpoint,
        accessToken,
        idempotent: true,
        signal,
      });
      return keys.applyToResponse(body);
    } catch (error) {
      // An access token can be revoked before it expires: refresh once.
      const tokenRejected =
        error instanceof PaycorApiError &&
        error.details.status === 401 &&
        !error.details.subscriptionKeyRejected;
      if (!tokenRejected) throw error;
      await tokens.invalidate(accessToken);
      accessToken = await tokens.getAccessToken(signal);
      const { body } = await http.send({
        method: 'GET',
        path,
        query,
        endpoint,
        accessToken,
        idempotent: true,
        signal,
      });
      return keys.applyToResponse(body);
    }
  }

  private parseLegalEntity(body: unknown): PaycorLegalEntity {
    const parsed = legalEntitySchema.safeParse(body);
    if (!parsed.success) {
      throw new PaycorPayloadError(
        `Paycor legalEntity returned an unexpected body: ${parsed.error.issues
          .map(i => `${i.path.join('.') || '(body)'}: ${i.message}`)
          .join('; ')}`,
      );
    }
    return parsed.data;
  }
}
