import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import Badge from '@material-ui/core/Badge';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { makeStyles } from '@material-ui/core/styles';
import { ProviderStatus } from '@paycor-backstage/plugin-paycor-common';
import { ReactNode, useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PAYCOR_SYNC_TABS, PaycorSyncTab, useProviders } from '../../hooks';
import { ApprovalsTab } from '../ApprovalsTab';
import { ConflictsTab } from '../ConflictsTab';
import { DepartmentsTab } from '../DepartmentsTab';
import { ExclusionsTab } from '../ExclusionsTab';
import { ProviderSyncBlock } from '../PaycorSyncStatusCard/ProviderSyncBlock';
import { PreviewTab } from '../PreviewTab';
import { RunsTab } from '../RunsTab';
import {
  LoadError,
  NoProvidersState,
  TextField,
  providerSubtitle,
  providerTitle,
} from '../shared';

const useStyles = makeStyles(theme => ({
  selector: {
    minWidth: 320,
    marginBottom: theme.spacing(2),
  },
  tabs: {
    marginTop: theme.spacing(3),
    marginBottom: theme.spacing(2),
  },
  badge: {
    paddingRight: theme.spacing(1.5),
  },
}));

/** @public */
export const PAYCOR_SYNC_TAB_TITLES: Record<PaycorSyncTab, string> = {
  runs: 'Runs',
  conflicts: 'Conflicts',
  departments: 'Departments',
  approvals: 'Approvals',
  exclusions: 'Exclusions',
  preview: 'Preview',
};

/**
 * Props of {@link PaycorSyncPage}.
 *
 * @public
 */
export interface PaycorSyncPageProps {
  /** header title, "Paycor sync" by default */
  title?: string;
  subtitle?: string;
  /** poll interval of "Sync now", default 2 s */
  pollIntervalMs?: number;
}

function TabLabel(props: { title: string; count?: number }) {
  const classes = useStyles();
  if (!props.count) return <>{props.title}</>;
  return (
    <Badge
      badgeContent={props.count}
      color="secondary"
      max={999}
      overlap="rectangular"
      className={classes.badge}
    >
      {props.title}
    </Badge>
  );
}

function tabPanel(tab: PaycorSyncTab, providerId: string): ReactNode {
  switch (tab) {
    case 'conflicts':
      return <ConflictsTab key={providerId} providerId={providerId} />;
    case 'departments':
      return <DepartmentsTab key={providerId} providerId={providerId} />;
    case 'approvals':
      return <ApprovalsTab key={providerId} providerId={providerId} />;
    case 'exclusions':
      return <ExclusionsTab key={providerId} providerId={providerId} />;
    case 'preview':
      return <PreviewTab key={providerId} providerId={providerId} />;
    default:
      return <RunsTab key={providerId} providerId={providerId} />;
  }
}

/**
 * The body of the sync page, without `Page` and `Header`, for apps that
 * embed it (e.g. in a DevTools tab).
 *
 * @public
 */
export function PaycorSyncContent(props: { pollIntervalMs?: number }) {
  const classes = useStyles();
  const { value, loading, error, retry } = useProviders();
  const [searchParams, setSearchParams] = useSearchParams();
  // bumping this remounts the tab after "Sync now" so the runs are fresh
  const [refreshKey, setRefreshKey] = useState(0);

  const onSyncFinished = useCallback(() => {
    setRefreshKey(k => k + 1);
    retry();
  }, [retry]);

  const update = (changes: Record<string, string>) => {
    setSearchParams(
      previous => {
        const next = new URLSearchParams(previous);
        for (const [key, val] of Object.entries(changes)) next.set(key, val);
        return next;
      },
      { replace: false },
    );
  };

  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    return <LoadError error={error} title="Could not load the Paycor sync" />;
  }
  const providers = value?.items ?? [];
  if (providers.length === 0) {
    return <NoProvidersState />;
  }

  const requested = searchParams.get('provider');
  const provider: ProviderStatus =
    providers.find(p => p.id === requested) ?? providers[0];
  const tabParam = searchParams.get('tab') as PaycorSyncTab | null;
  const tab: PaycorSyncTab =
    tabParam && PAYCOR_SYNC_TABS.includes(tabParam) ? tabParam : 'runs';
  const tabId = (t: PaycorSyncTab) => `paycor-sync-tab-${t}`;
  const panelId = 'paycor-sync-tabpanel';

  const counts: Partial<Record<PaycorSyncTab, number>> = {
    conflicts: provider.openConflicts,
    approvals: provider.pendingApproval ? 1 : 0,
  };

  return (
    <>
      {providers.length > 1 && (
        <TextField
          select
          label="Connection"
          variant="outlined"
          size="small"
          className={classes.selector}
          value={provider.id}
          onChange={event => update({ provider: event.target.value })}
        >
          {providers.map(p => (
            <MenuItem key={p.id} value={p.id}>
              {providerTitle(p)} ({p.id})
            </MenuItem>
          ))}
        </TextField>
      )}

      <InfoCard
        title={providerTitle(provider)}
        subheader={providerSubtitle(provider)}
        titleTypographyProps={{ component: 'h2' }}
      >
        <ProviderSyncBlock
          key={provider.id}
          provider={provider}
          pollIntervalMs={props.pollIntervalMs}
          onSyncFinished={onSyncFinished}
          hideTitle
        />
      </InfoCard>

      <Paper className={classes.tabs}>
        <Tabs
          value={tab}
          onChange={(_event, next: PaycorSyncTab) => update({ tab: next })}
          indicatorColor="primary"
          textColor="primary"
          variant="scrollable"
          scrollButtons="auto"
          aria-label="Paycor sync sections"
        >
          {PAYCOR_SYNC_TABS.map(t => (
            <Tab
              key={t}
              value={t}
              id={tabId(t)}
              aria-controls={panelId}
              aria-label={PAYCOR_SYNC_TAB_TITLES[t]}
              label={
                <TabLabel title={PAYCOR_SYNC_TAB_TITLES[t]} count={counts[t]} />
              }
            />
          ))}
        </Tabs>
      </Paper>
      <div
        role="tabpanel"
        id={panelId}
        aria-labelledby={tabId(tab)}
        key={refreshKey}
      >
        {tabPanel(tab, provider.id)}
      </div>
    </>
  );
}

/**
 * The Paycor sync admin page: status of each connection and tabs for runs,
 * conflicts, departments, approvals, exclusions and a dry-run preview. The
 * connection and tab are kept in the URL (`?provider=…&tab=…`).
 *
 * @public
 */
export function PaycorSyncPage(props: PaycorSyncPageProps) {
  const {
    title = 'Paycor sync',
    subtitle = 'Keeps catalog Users and Groups in step with Paycor',
    pollIntervalMs,
  } = props;
  return (
    <Page themeId="tool">
      <Header title={title} subtitle={subtitle} />
      <Content>
        <PaycorSyncContent pollIntervalMs={pollIntervalMs} />
      </Content>
    </Page>
  );
}
