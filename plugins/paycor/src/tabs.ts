/**
 * The sections of the Paycor sync page, in tab order. Adding a tab takes an
 * entry here, its title below and its panel in
 * `components/PaycorSyncPage/tabs.tsx`; the legacy page, the new frontend
 * system's sub-pages, their routes and the links all follow from these.
 *
 * @public
 */
export const PAYCOR_SYNC_TABS = [
  'runs',
  'conflicts',
  'departments',
  'approvals',
  'exclusions',
  'preview',
  'people',
  'org-chart',
] as const;

/** @public */
export type PaycorSyncTab = (typeof PAYCOR_SYNC_TABS)[number];

/**
 * The title of each tab, kept apart from the panels so the plugin's extension
 * definitions can name the tabs without loading their code.
 *
 * @public
 */
export const PAYCOR_SYNC_TAB_TITLES: Record<PaycorSyncTab, string> = {
  runs: 'Runs',
  conflicts: 'Conflicts',
  departments: 'Departments',
  approvals: 'Approvals',
  exclusions: 'Exclusions',
  preview: 'Preview',
  people: 'People',
  'org-chart': 'Org chart',
};
