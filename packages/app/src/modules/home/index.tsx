import { Link } from '@backstage/core-components';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import Typography from '@material-ui/core/Typography';

/**
 * A home page widget of the app's own, next to the Paycor sync status that
 * the plugin brings (both placed in app-config.yaml, `page:home`).
 */
const browseTheOrgWidget = HomePageWidgetBlueprint.make({
  name: 'browse-the-org',
  params: {
    name: 'BrowseTheOrg',
    title: 'Browse the org',
    description: 'Where the synced Users and Groups are in the catalog',
    components: async () => ({
      Content: () => (
        <Typography variant="body1">
          Every active Paycor employee is a User and every department a Group in
          the <Link to="/catalog?filters[kind]=group">catalog</Link>.
        </Typography>
      ),
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [browseTheOrgWidget],
});
