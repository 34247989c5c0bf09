export { RunsTab } from './RunsTab';
