import { createApp } from '@backstage/frontend-defaults';
import { homeModule } from './modules/home';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The demo app, as `@backstage/create-app` generates one today: every plugin
 * in this package's dependencies is discovered (`app.packages: all` in
 * app-config.yaml), the Paycor sync plugin included; only app-level modules
 * are listed here.
 */
export default createApp({
  features: [navModule, signInModule, homeModule],
});
