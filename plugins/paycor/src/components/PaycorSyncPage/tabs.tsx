import { ComponentType } from 'react';
import { PaycorSyncTab } from '../../tabs';
import { ApprovalsTab } from '../ApprovalsTab';
import { ConflictsTab } from '../ConflictsTab';
import { DepartmentsTab } from '../DepartmentsTab';
import { ExclusionsTab } from '../ExclusionsTab';
import { OrgChartTab } from '../OrgChartTab';
import { PeopleTab } from '../PeopleTab';
import { PreviewTab } from '../PreviewTab';
import { RunsTab } from '../RunsTab';

/**
 * The panel of each tab, shared by the legacy page's tabs and the new frontend
 * system's sub-pages.
 */
const TAB_PANELS: Record<
  PaycorSyncTab,
  ComponentType<{ providerId: string }>
> = {
  runs: RunsTab,
  conflicts: ConflictsTab,
  departments: DepartmentsTab,
  approvals: ApprovalsTab,
  exclusions: ExclusionsTab,
  preview: PreviewTab,
  people: PeopleTab,
  'org-chart': OrgChartTab,
};

/** One tab's content for one connection. */
export function PaycorSyncTabPanel(props: {
  tab: PaycorSyncTab;
  providerId: string;
}) {
  const Panel = TAB_PANELS[props.tab];
  // keyed by connection: switching it starts the panel afresh
  return <Panel key={props.providerId} providerId={props.providerId} />;
}
