import { Grid } from '@material-ui/core';
import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
} from '@backstage/core-components';
import { PaycorSyncStatusCard } from '@paycor-backstage/plugin-paycor';

/**
 * The landing page admins open first: the Paycor sync status lives here.
 */
export const HomePage = () => (
  <Page themeId="home">
    <Header title="Home" subtitle="Your org, kept in step with Paycor" />
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <PaycorSyncStatusCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Browse the org">
            Every active Paycor employee is a User and every department a Group
            in the <Link to="/catalog?filters[kind]=group">catalog</Link>.
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  </Page>
);
