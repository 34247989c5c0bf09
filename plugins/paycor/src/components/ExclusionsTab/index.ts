export { ExclusionsTab } from './ExclusionsTab';
