import { z } from 'zod';
import { Page } from './api';
import { ReportingLineEndReason } from './reportingLines';

/**
 * The org chart served under `/api/catalog/paycor/providers/:id/org-chart`:
 * the synced people and their reporting lines as the module's current plan
 * makes them (the stored snapshot with today's settings), one person and
 * one page of direct reports per request.
 */

/** One synced person in the org chart. @public */
export interface OrgChartPerson {
  employeeId: string;
  /** their User */
  entityRef: string;
  displayName: string;
  /** job title */
  title?: string;
  department?: {
    id: string;
    name: string;
    /** the department's Group, when it is emitted */
    entityRef?: string;
  };
  /** synced people reporting to them directly */
  directReports: number;
  /** synced people below them, at any depth */
  teamSize: number;
  /** their manager's employee id, when the line continues upwards */
  managerEmployeeId?: string;
}

/** Why a reporting line stops although Paycor names a manager. @public */
export interface ReportingLineEnd {
  reason: ReportingLineEndReason;
  /** the sentence written on the User (`paycor.com/reporting-line-note`) */
  note: string;
}

/** `GET …/org-chart?person=&limit=&offset=` @public */
export interface OrgChartView {
  /** when the snapshot this comes from was read from Paycor */
  snapshotAt: string;
  /** synced people in the chart */
  peopleCount: number;
  /** the person asked for; absent when the top of the company was asked for */
  person?: OrgChartPerson;
  /** their managers, from the top of the company down to their own manager */
  chain: OrgChartPerson[];
  /** why the topmost person of the line has no manager although Paycor names one */
  chainEnd?: ReportingLineEnd;
  /**
   * One page of the person's direct reports (largest team first, then by
   * name); for the top of the company, the people with no synced manager.
   */
  reports: Page<OrgChartPerson>;
}

/** `GET …/org-chart/search?q=&limit=` @public */
export interface OrgChartSearchResult {
  /** best matches first, each with the employee ids of their managers from the top */
  items: Array<OrgChartPerson & { path: string[] }>;
  /** every match, of which `items` is the first few */
  totalCount: number;
}

function singleLine(value: string, ctx: z.RefinementCtx) {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: 'must not contain control characters',
    });
  }
}

/** `GET …/org-chart` @public */
export const orgChartQuerySchema = z.strictObject({
  /** an employee id; the top of the company when absent */
  person: z.string().trim().min(1).max(255).superRefine(singleLine).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** `GET …/org-chart/search` @public */
export const orgChartSearchQuerySchema = z.strictObject({
  /** part of a name, work email, employee number, job title or id */
  q: z.string().trim().min(1, 'is required').max(200).superRefine(singleLine),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
