import { Content, Header, Page } from '@backstage/core-components';
import Badge from '@material-ui/core/Badge';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { makeStyles } from '@material-ui/core/styles';
import {
  PAYCOR_SYNC_TABS,
  PAYCOR_SYNC_TAB_TITLES,
  PaycorSyncTab,
} from '../../tabs';
import { ConnectionFrame } from './ConnectionFrame';
import { PaycorSyncTabPanel } from './tabs';

const useStyles = makeStyles(theme => ({
  tabs: {
    marginTop: theme.spacing(3),
    marginBottom: theme.spacing(2),
  },
  badge: {
    paddingRight: theme.spacing(1.5),
  },
}));

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

const tabId = (t: PaycorSyncTab) => `paycor-sync-tab-${t}`;
const panelId = 'paycor-sync-tabpanel';

/**
 * The body of the legacy sync page, without `Page` and `Header`, for apps
 * that embed it (e.g. in a DevTools tab): the connection and its own tabs,
 * both kept in the URL (`?provider=…&tab=…`).
 *
 * @public
 */
export function PaycorSyncContent(props: { pollIntervalMs?: number }) {
  const classes = useStyles();
  return (
    <ConnectionFrame pollIntervalMs={props.pollIntervalMs}>
      {({ provider, searchParams, updateSearch, refreshKey }) => {
        const tabParam = searchParams.get('tab') as PaycorSyncTab | null;
        const tab: PaycorSyncTab =
          tabParam && PAYCOR_SYNC_TABS.includes(tabParam) ? tabParam : 'runs';
        const counts: Partial<Record<PaycorSyncTab, number>> = {
          conflicts: provider.openConflicts,
          approvals: provider.pendingApproval ? 1 : 0,
        };
        return (
          <>
            <Paper className={classes.tabs}>
              <Tabs
                value={tab}
                onChange={(_event, next: PaycorSyncTab) =>
                  updateSearch({ tab: next })
                }
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
                      <TabLabel
                        title={PAYCOR_SYNC_TAB_TITLES[t]}
                        count={counts[t]}
                      />
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
              <PaycorSyncTabPanel tab={tab} providerId={provider.id} />
            </div>
          </>
        );
      }}
    </ConnectionFrame>
  );
}

/**
 * The Paycor sync admin page for legacy apps: status of each connection and
 * tabs for runs, conflicts, departments, approvals, exclusions and a dry-run
 * preview. The connection and tab are kept in the URL
 * (`?provider=…&tab=…`). New frontend system apps get the same content as
 * sub-pages under the app's own page header instead.
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
