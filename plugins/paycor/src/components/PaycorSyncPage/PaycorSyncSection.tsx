import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import {
  useAppNavigate,
  useAppSearchParams,
} from '@backstage/frontend-plugin-api';
import { Container } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect } from 'react';
import { usePaycorPageLink } from '../../hooks';
import {
  PAYCOR_SYNC_TABS,
  PAYCOR_SYNC_TAB_TITLES,
  PaycorSyncTab,
} from '../../tabs';
import { ConnectionFrame } from './ConnectionFrame';
import { PaycorSyncTabPanel } from './tabs';

const useStyles = makeStyles(theme => ({
  panel: {
    marginTop: theme.spacing(3),
  },
}));

/**
 * Sends a `?tab=` link (the legacy page's form, e.g. an old bookmark) on to
 * the sub-page it names, keeping the connection.
 */
function useLegacyTabRedirect(current: PaycorSyncTab) {
  const [searchParams] = useAppSearchParams();
  const requested = searchParams.get('tab') as PaycorSyncTab | null;
  const provider = searchParams.get('provider') ?? undefined;
  // the People tab's own parameters travel along (the entity card's link)
  const person = searchParams.get('person') ?? undefined;
  const view = searchParams.get('view') === 'upcoming' ? 'upcoming' : undefined;
  const pageLink = usePaycorPageLink();
  const navigate = useAppNavigate();
  let target =
    requested && requested !== current && PAYCOR_SYNC_TABS.includes(requested)
      ? pageLink({ provider, tab: requested, person, view })
      : undefined;
  // A link that still carries `tab=` means that tab has no sub-page here (an
  // app disabled it): following it would land on this page again.
  if (target?.includes('tab=')) target = undefined;
  useEffect(() => {
    if (target) navigate(target, { replace: true });
  }, [target, navigate]);
}

function SectionContent(props: {
  tab: PaycorSyncTab;
  pollIntervalMs?: number;
}) {
  const classes = useStyles();
  useLegacyTabRedirect(props.tab);
  return (
    <Container>
      <ConnectionFrame pollIntervalMs={props.pollIntervalMs}>
        {({ provider, refreshKey }) => (
          <section
            key={refreshKey}
            className={classes.panel}
            aria-label={PAYCOR_SYNC_TAB_TITLES[props.tab]}
          >
            <PaycorSyncTabPanel tab={props.tab} providerId={provider.id} />
          </section>
        )}
      </ConnectionFrame>
    </Container>
  );
}

/**
 * One tab of the sync page as a sub-page in the new frontend system: the app
 * renders the page header with the tabs; this is what goes below it.
 *
 * @public
 */
export function PaycorSyncSection(props: {
  tab: PaycorSyncTab;
  /** poll interval of "Sync now", default 2 s */
  pollIntervalMs?: number;
}) {
  // The content uses React Router through core-components' Link and
  // core-plugin-api's useRouteRef; the adapter declares that, scoped to this
  // sub-page, as Backstage 1.57 asks of pages.
  return (
    <ReactRouterV6PageRouter>
      <SectionContent tab={props.tab} pollIntervalMs={props.pollIntervalMs} />
    </ReactRouterV6PageRouter>
  );
}
